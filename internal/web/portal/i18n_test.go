package portal_test

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"supportal/internal/model"
	"supportal/internal/testenv"
)

// rawKey matches a catalogue key that came back untranslated.
var rawKey = regexp.MustCompile(`\b(?:portal|flash|field|category|kind|error|pager|page|nav)\.[a-z_]+`)

func TestEveryPortalPageIsTranslatedInBothLanguages(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Translated?", "Body")
	agentReply(t, env, tk, "Answer", false)
	setCategory(t, env, tk, model.CategoryWaitingCustomer, "Reason")
	closed := env.Ticket(t, "a.member", "Done", "")
	setCategory(t, env, closed, model.CategoryClosed, "")
	for _, lang := range []string{"en", "de"} {
		c := env.Browser(t, "a.primary")
		c.Lang = lang
		pages := map[string]*testenv.Response{
			"list":          c.Get("/portal/tickets"),
			"empty list":    c.Get("/portal/tickets?q=nothing"),
			"new":           c.Get("/portal/tickets/new"),
			"ticket":        c.Get(ticketPath(tk)),
			"closed":        c.Get(ticketPath(closed)),
			"refused form":  c.PostForm("/portal/tickets", url.Values{"subject": {""}}),
			"refused reply": c.PostForm(ticketPath(tk)+"/messages", url.Values{"body": {""}}),
			"not found":     c.Get("/portal/tickets/999999"),
		}
		for name, res := range pages {
			if res.StatusCode >= http.StatusInternalServerError {
				t.Errorf("%s %s: status %d", lang, name, res.StatusCode)
			}
			if k := rawKey.FindString(res.Body); k != "" {
				t.Errorf("%s %s: untranslated key %q", lang, name, k)
			}
		}
	}
}
