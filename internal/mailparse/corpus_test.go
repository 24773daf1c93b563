package mailparse_test

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"supportal/internal/mailparse"
)

// testdataDir finds the shared mail corpus, or skips the test.
func testdataDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "testdata", "mail")
	if d := os.Getenv("SUPPORTAL_TESTDATA"); d != "" {
		dir = filepath.Join(d, "mail")
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("mail corpus not found at %s (set SUPPORTAL_TESTDATA to the folder holding mail/): %v", dir, err)
	}
	return dir
}

type corpusMail struct {
	name string // path relative to the corpus, with "#n" for the n-th message of an mbox
	raw  []byte
}

// mailExtensions are the corpus files that hold one message each.
var mailExtensions = map[string]bool{".box": true, ".eml": true, ".raw": true, ".txt": true}

// loadCorpus reads every message of the corpus; mbox files are split.
func loadCorpus(t testing.TB) []corpusMail {
	t.Helper()
	dir := testdataDir(t)
	var mails []corpusMail
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		base := d.Name()
		if strings.HasPrefix(base, "LICENSE") || strings.HasPrefix(base, "README") {
			return nil
		}
		ext := filepath.Ext(base)
		isMbox := ext == "" && filepath.Base(filepath.Dir(p)) == "mailbox"
		if !mailExtensions[ext] && !isMbox {
			return nil
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !isMbox {
			mails = append(mails, corpusMail{rel, raw})
			return nil
		}
		for i, m := range splitMbox(raw) {
			mails = append(mails, corpusMail{rel + "#" + strconv.Itoa(i+1), m})
		}
		return nil
	})
	if err != nil {
		t.Fatalf("reading the corpus: %v", err)
	}
	if len(mails) == 0 {
		t.Skipf("no mail in %s", dir)
	}
	return mails
}

// splitMbox splits an mbox file at its "From " separator lines.
func splitMbox(raw []byte) [][]byte {
	var out [][]byte
	start := 0
	for i := 0; i < len(raw); {
		j := bytes.Index(raw[i:], []byte("\nFrom "))
		if j < 0 {
			break
		}
		cut := i + j + 1
		if chunk := raw[start:cut]; len(bytes.TrimSpace(chunk)) > 0 {
			out = append(out, chunk)
		}
		start = cut
		i = cut
	}
	if chunk := raw[start:]; len(bytes.TrimSpace(chunk)) > 0 {
		out = append(out, chunk)
	}
	return out
}

// checkClean fails the test when any text of m is not valid UTF-8 or holds a
// NUL byte: the store would reject it.
func checkClean(t *testing.T, name string, m *mailparse.Message) {
	t.Helper()
	bad := func(field, s string) {
		if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
			t.Errorf("%s: %s is not clean UTF-8: %q", name, field, truncate(s, 80))
		}
	}
	bad("MessageID", m.MessageID)
	for _, s := range m.InReplyTo {
		bad("InReplyTo", s)
	}
	for _, s := range m.References {
		bad("References", s)
	}
	for _, s := range m.DeliveredTo {
		bad("DeliveredTo", s)
	}
	for _, s := range m.BounceRefs {
		bad("BounceRefs", s)
	}
	for _, s := range m.Problems {
		bad("Problems", s)
	}
	addrs := append(append(append([]mailparse.Address{m.From}, m.ReplyTo...), m.To...), m.Cc...)
	for _, a := range addrs {
		bad("address name", a.Name)
		bad("address", a.Email)
		if a.Email != strings.ToLower(strings.TrimSpace(a.Email)) {
			t.Errorf("%s: address %q not normalized", name, a.Email)
		}
		if strings.ContainsAny(a.Name, "\r\n") {
			t.Errorf("%s: display name %q spans lines", name, a.Name)
		}
	}
	bad("Subject", m.Subject)
	if strings.ContainsAny(m.Subject, "\r\n\t") {
		t.Errorf("%s: subject %q spans lines", name, m.Subject)
	}
	bad("Text", m.Text)
	bad("HTML", m.HTML)
	bad("Auto", m.Auto)
	bad("Auth", m.Auth.SPF+m.Auth.DKIM+m.Auth.DMARC)
	for _, a := range m.Attachments {
		bad("attachment name", a.Name)
		bad("attachment type", a.ContentType)
		bad("attachment id", a.ContentID)
		if a.Name == "" || strings.ContainsAny(a.Name, "/\\\r\n\x00") {
			t.Errorf("%s: attachment name %q is not a clean file name", name, a.Name)
		}
		if a.ContentType == "" || strings.Contains(a.ContentType, ";") {
			t.Errorf("%s: attachment %q has content type %q", name, a.Name, a.ContentType)
		}
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// limitErrors are the errors for messages beyond the limits.
var limitErrors = []error{mailparse.ErrTooLarge, mailparse.ErrTooManyParts, mailparse.ErrTooDeep, mailparse.ErrTimeout}

// notMail are corpus files that are no message: Parse must refuse them for
// want of a header, and Fallback keep their text.
var notMail = map[string]string{
	"enmime/testdata/mail/erroneous.raw": `its first line says "Not an RFC-822 Document"`,
	"set-of-emails/mailbox/size-2#1":     "an mbox size test holding only a number",
}

func isNotMail(name string) bool {
	if _, ok := notMail[name]; ok {
		return true
	}
	// Zammad's .txt files are expected texts, not messages.
	return strings.HasPrefix(name, "zammad/") && strings.HasSuffix(name, ".txt")
}

func TestEveryCorpusMailParses(t *testing.T) {
	mails := loadCorpus(t)
	var clean, withProblems, refused int
	for _, c := range mails {
		m, err := mailparse.Parse(c.raw, mailparse.DefaultLimits())
		if err != nil {
			known := isNotMail(c.name) && errors.Is(err, mailparse.ErrNoHeader)
			for _, e := range limitErrors {
				known = known || errors.Is(err, e)
			}
			if !known {
				t.Errorf("%s: Parse: %v", c.name, err)
			}
			fb := mailparse.Fallback(c.raw, err)
			if fb == nil || len(fb.Problems) == 0 {
				t.Errorf("%s: Fallback gave no message or no reason", c.name)
				continue
			}
			checkClean(t, c.name+" (fallback)", fb)
			refused++
			t.Logf("%s: refused (%v); fallback kept %d bytes of text", c.name, err, len(fb.Text))
			continue
		}
		checkClean(t, c.name, m)
		if len(m.Problems) > 0 {
			withProblems++
		} else {
			clean++
		}
	}
	t.Logf("%d messages: %d parsed cleanly, %d with problems, %d refused (read by Fallback)", len(mails), clean, withProblems, refused)
}
