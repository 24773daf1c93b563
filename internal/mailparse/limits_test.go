package mailparse_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"supportal/internal/mailparse"
)

// manyParts builds a multipart/mixed mail with n attachments.
func manyParts(n int) string {
	var sb strings.Builder
	sb.WriteString("From: a@example.com\nSubject: parts\nContent-Type: multipart/mixed; boundary=b\n\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&sb, "--b\nContent-Type: application/octet-stream; name=f%d.bin\n\ndata %d\n", i, i)
	}
	sb.WriteString("--b--\n")
	return sb.String()
}

// nested builds a mail whose parts nest depth levels deep, each level a part
// of contentType with its own boundary.
func nested(depth int, contentType string) string {
	var sb strings.Builder
	sb.WriteString("From: a@example.com\nSubject: deep\nContent-Type: multipart/mixed; boundary=b0\n\n")
	for i := 1; i <= depth; i++ {
		fmt.Fprintf(&sb, "--b%d\nContent-Type: %s; boundary=b%d\n\n", i-1, contentType, i)
	}
	fmt.Fprintf(&sb, "--b%d\nContent-Type: text/plain\n\ninnermost\n", depth)
	for i := depth; i >= 0; i-- {
		fmt.Fprintf(&sb, "--b%d--\n", i)
	}
	return sb.String()
}

func TestParseRefusesMessagesBeyondTheLimits(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		lim  mailparse.Limits
		want error
	}{
		{"too large", "From: a@example.com\n\n" + strings.Repeat("x", 2000), mailparse.Limits{MaxSize: 1000}, mailparse.ErrTooLarge},
		{"too many parts", manyParts(600), mailparse.Limits{}, mailparse.ErrTooManyParts},
		{"too many parts for a lower limit", manyParts(20), mailparse.Limits{MaxParts: 10}, mailparse.ErrTooManyParts},
		{"nested too deep", nested(30, "multipart/mixed"), mailparse.Limits{}, mailparse.ErrTooDeep},
		// The MIME parser splits any part with a boundary parameter that is
		// not text: nesting hidden behind another type still counts.
		{"nested too deep under another type", nested(30, "application/x-nest"), mailparse.Limits{}, mailparse.ErrTooDeep},
		{"empty", "", mailparse.Limits{}, mailparse.ErrNoHeader},
	}
	for _, tc := range tests {
		_, err := mailparse.Parse([]byte(crlf(tc.raw)), tc.lim)
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", tc.name, err, tc.want)
		}
	}
}

func TestParseAcceptsMessagesWithinTheLimits(t *testing.T) {
	m := parseRaw(t, manyParts(400))
	if len(m.Attachments) != 400 {
		t.Errorf("%d attachments, want 400", len(m.Attachments))
	}
	m = parseRaw(t, nested(15, "multipart/mixed"))
	if m.Text != "innermost" {
		t.Errorf("Text = %q", m.Text)
	}
}

func TestDelimiterHiddenInAPreambleStillCounts(t *testing.T) {
	// enmime accepts a delimiter anywhere in a preamble line; the count
	// must see the part it opens, or the nesting below goes uncounted.
	var sb strings.Builder
	sb.WriteString("From: a@example.com\nContent-Type: multipart/mixed; boundary=b0\n\n")
	for i := 1; i <= 30; i++ {
		fmt.Fprintf(&sb, "junk--b%d \nContent-Type: multipart/mixed; boundary=b%d\n\n", i-1, i)
	}
	sb.WriteString("--b30\nContent-Type: text/plain\n\nx\n")
	_, err := mailparse.Parse([]byte(sb.String()), mailparse.Limits{})
	if !errors.Is(err, mailparse.ErrTooDeep) {
		t.Errorf("err = %v, want %v", err, mailparse.ErrTooDeep)
	}
}

func TestParseGivesUpWhenTimeRunsOut(t *testing.T) {
	// Four megabytes of parts cannot be read in a microsecond.
	raw := crlf(manyParts(400)) + strings.Repeat("padding line\r\n", 300000)
	_, err := mailparse.Parse([]byte(raw), mailparse.Limits{Timeout: time.Microsecond})
	if !errors.Is(err, mailparse.ErrTimeout) {
		t.Errorf("err = %v, want %v", err, mailparse.ErrTimeout)
	}
}

func TestFallbackReadsWhatItCan(t *testing.T) {
	raw := []byte(crlf("From: Big Sender <big@example.com>\nSubject: =?utf-8?Q?gro=C3=9F?=\nMessage-ID: <big@example.com>\nAuto-Submitted: auto-generated\n\n") + strings.Repeat("ü", 1<<20))
	_, err := mailparse.Parse(raw, mailparse.Limits{MaxSize: 1 << 20})
	if !errors.Is(err, mailparse.ErrTooLarge) {
		t.Fatalf("err = %v", err)
	}
	m := mailparse.Fallback(raw, err)
	if m.From.Email != "big@example.com" || m.Subject != "groß" || m.MessageID != "big@example.com" || m.Auto != mailparse.AutoSubmitted {
		t.Errorf("header not read: %+v %q %q %q", m.From, m.Subject, m.MessageID, m.Auto)
	}
	if len(m.Text) > 1<<20 || !utf8.ValidString(m.Text) || !strings.HasPrefix(m.Text, "üü") {
		t.Errorf("text: %d bytes, valid UTF-8 %v", len(m.Text), utf8.ValidString(m.Text))
	}
	if len(m.Problems) == 0 || !strings.Contains(m.Problems[0], "too large") {
		t.Errorf("Problems = %q, want the reason first", m.Problems)
	}

	m = mailparse.Fallback([]byte("\x00\xff\xfe binary \x00 garbage"), errors.New("unreadable"))
	if !utf8.ValidString(m.Text) || strings.ContainsRune(m.Text, 0) || len(m.Problems) == 0 {
		t.Errorf("garbage: %+v", m)
	}
	m = mailparse.Fallback(nil, nil)
	if m == nil || len(m.Problems) == 0 {
		t.Errorf("nil input: %+v", m)
	}
}
