package mailparse_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"

	"supportal/internal/mailparse"
)

// seedFiles are corpus mails of many shapes: charsets, TNEF, bounces,
// broken MIME, inline images.
var seedFiles = []string{
	"zammad/test/data/mail/mail008.box",
	"zammad/test/data/mail/mail014.box",
	"zammad/test/data/mail/mail018.box",
	"zammad/test/data/mail/mail060.box",
	"zammad/test/data/mail/mail078-content_transfer_encoding_x_uuencode.box",
	"zammad/test/data/mail/mail093.box",
	"zammad/test/data/mail/mail117.box",
	"set-of-emails/maildir/bsd/lhost-amazonworkmail-01.eml",
	"set-of-emails/maildir/bsd/rfc3834-01.eml",
	"enmime/testdata/low-quality/bad-final-boundary.raw",
	"enmime/testdata/low-quality/malformed-base64-attach.raw",
	"enmime/testdata/parts/multi-malformed.raw",
}

func FuzzParse(f *testing.F) {
	dir := filepath.Join("..", "..", "..", "shared", "testdata", "mail")
	if d := os.Getenv("SUPPORTAL_TESTDATA"); d != "" {
		dir = filepath.Join(d, "mail")
	}
	for _, s := range seedFiles {
		if b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(s))); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(crlf(mailWithPart("x", "Content-Type: application/ms-tnef; name=winmail.dat", tnefArchive("body", [2]string{"a.txt", "x"})))))
	f.Add([]byte("From: a@example.com\nContent-Type: text/html\n\n<p>a<script>b</script>\xff\x00</p>"))
	lim := mailparse.Limits{MaxSize: 1 << 20, MaxParts: 50, MaxDepth: 8, Timeout: 10 * time.Second}
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, err := mailparse.Parse(raw, lim)
		if err != nil {
			m = mailparse.Fallback(raw, err)
			if m == nil {
				t.Fatal("Fallback returned nil")
			}
		}
		checkClean(t, "fuzz", m)
		fresh, quoted := mailparse.SplitQuote(m.Text)
		if fresh+quoted != m.Text {
			t.Error("SplitQuote lost text")
		}
		if s := mailparse.Sanitize(string(raw)); !utf8.ValidString(s) {
			t.Error("Sanitize returned invalid UTF-8")
		}
	})
}
