package mailparse_test

import (
	"strings"
	"testing"
)

func htmlMail(body string) string {
	return "From: a@example.com\nContent-Type: text/html; charset=utf-8\n\n" + body
}

func TestDeepMarkupKeepsTheTextSmall(t *testing.T) {
	const n = 20000
	tests := map[string]string{
		"nested lists":  strings.Repeat("<ul>", n) + strings.Repeat("<li>x", n),
		"nested quotes": strings.Repeat("<blockquote>", n) + strings.Repeat("<p>x</p>", n),
	}
	for name, body := range tests {
		m := parseRaw(t, htmlMail(body))
		// Indentation is capped: each item costs a bounded number of bytes.
		if len(m.Text) > 40*n {
			t.Errorf("%s: %d bytes of text for %d items", name, len(m.Text), n)
		}
		if strings.Count(m.Text, "x") != n {
			t.Errorf("%s: %d of %d items in the text", name, strings.Count(m.Text, "x"), n)
		}
	}
}

func TestLinksInDerivedText(t *testing.T) {
	tests := []struct{ html, want string }{
		{`<a href="https://example.com/a">the docs</a>.`, "the docs <https://example.com/a>."},
		{`<a href="https://example.com/">https://example.com/</a>`, "https://example.com/"},
		{`<a href="https://www.example.com">www.example.com</a>`, "www.example.com"},
		{`<a href="mailto:help@example.com">write us</a>`, "write us"},
		{`<a href="https://example.com/"><img src="cid:x@y"></a>`, ""},
	}
	for _, tc := range tests {
		m := parseRaw(t, htmlMail("<p>"+tc.html+"</p>"))
		if m.Text != tc.want {
			t.Errorf("%s: Text = %q, want %q", tc.html, m.Text, tc.want)
		}
	}
}

func TestMixedPlainAndHTMLPartsShowEverything(t *testing.T) {
	// A server adds a plain text disclaimer to an HTML mail.
	m := parseCorpusFile(t, "zammad/test/data/mail/mail112.box")
	for _, want := range []string{"This is the html message part", "This is the text part", "This is the html part (signature)"} {
		if !strings.Contains(m.HTML, want) {
			t.Errorf("HTML lacks %q:\n%s", want, m.HTML)
		}
		if !strings.Contains(m.Text, want) {
			t.Errorf("Text lacks %q:\n%s", want, m.Text)
		}
	}
	if len(m.Attachments) != 0 {
		t.Errorf("attachments %q, want none", attachmentNames(m))
	}
}
