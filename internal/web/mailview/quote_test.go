package mailview

import (
	"strings"
	"testing"

	"supportal/internal/mailparse"
)

func TestQuotedConversationIsFoldedInHTMLMail(t *testing.T) {
	for _, tc := range []struct {
		name   string
		html   string
		fresh  string // shown outside the fold
		quoted string // inside it; "" when nothing is folded
	}{
		{"gmail", `<div dir="ltr">Thanks, that fixed it.</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, 23 Nov 2026 at 10:00, Support &lt;s@x.example&gt; wrote:<br></div><blockquote class="gmail_quote">Please update the driver.</blockquote></div>`,
			"Thanks, that fixed it.", "Please update the driver."},
		{"apple mail", `<div>Works now.<br><div><br><blockquote type="cite"><div>On 23. Nov 2026, at 10:00, Support wrote:</div><div>Please update.</div></blockquote></div></div>`,
			"Works now.", "Please update."},
		{"thunderbird", `<p>Done.</p><div class="moz-cite-prefix">Am 23.11.2026 um 10:00 schrieb Support:<br></div><blockquote type="cite"><p>Bitte aktualisieren.</p></blockquote><p><br></p>`,
			"Done.", "Bitte aktualisieren."},
		{"answer between quotes", `<blockquote>Question one?</blockquote><p>Yes.</p><blockquote>Question two?</blockquote><p>No.</p>`,
			"No.", ""},
		{"only a quote", `<blockquote>Forwarded text</blockquote>`, "Forwarded text", ""},
		{"no quote", `<p>Hello</p>`, "Hello", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := prepare(mailparse.Sanitize(tc.html), nil, "/desk/attachments/", "Show quoted text").html
			before, fold, folded := strings.Cut(got, "<details>")
			if tc.quoted == "" {
				if folded {
					t.Fatalf("folded although nothing should be: %s", got)
				}
				if !strings.Contains(got, tc.fresh) {
					t.Errorf("lost %q: %s", tc.fresh, got)
				}
				return
			}
			if !folded {
				t.Fatalf("nothing folded: %s", got)
			}
			if !strings.Contains(before, tc.fresh) || strings.Contains(before, tc.quoted) {
				t.Errorf("before the fold: %s", before)
			}
			if !strings.Contains(fold, "<summary>Show quoted text</summary>") || !strings.Contains(fold, tc.quoted) {
				t.Errorf("the fold: %s", fold)
			}
		})
	}
}
