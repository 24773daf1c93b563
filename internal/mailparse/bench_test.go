package mailparse_test

import (
	"strings"
	"testing"

	"supportal/internal/mailparse"
)

// BenchmarkParse parses a mix of the corpus: the Zammad mails (plain, HTML,
// inline images, charsets, a 1.5 MB Outlook mail) and every tenth bounce
// and auto-reply of set-of-emails.
func BenchmarkParse(b *testing.B) {
	var mails [][]byte
	total := 0
	for i, c := range loadCorpus(b) {
		if strings.HasPrefix(c.name, "zammad/test/data/mail/") && strings.HasSuffix(c.name, ".box") ||
			strings.HasPrefix(c.name, "set-of-emails/maildir/bsd/") && i%10 == 0 {
			mails = append(mails, c.raw)
			total += len(c.raw)
		}
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, raw := range mails {
			if _, err := mailparse.Parse(raw, mailparse.DefaultLimits()); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(mails)), "ns/mail")
}

func BenchmarkSanitize(b *testing.B) {
	html := strings.Repeat(`<div class="x" style="color:red"><p>Hello <a href="https://example.com/">link</a> <img src="cid:a@b"></p><script>x()</script></div>`, 200)
	b.SetBytes(int64(len(html)))
	for b.Loop() {
		mailparse.Sanitize(html)
	}
}
