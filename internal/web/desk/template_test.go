package desk_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"supportal/internal/testenv"
)

// person gives the user under key a first and last name and a language.
func person(t *testing.T, env *testenv.Env, key, first, last, lang string) {
	t.Helper()
	exec(t, env, "UPDATE users SET first_name = $1, last_name = $2, name = $3, language = $4 WHERE id = $5",
		first, last, first+" "+last, lang, env.User(t, key).ID)
}

// createTemplate saves a reply template through the form and returns its id.
func createTemplate(t *testing.T, c *testenv.Client, form url.Values) int64 {
	t.Helper()
	res := c.PostForm("/desk/templates", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving template %q: status %d\n%s", form.Get("name"), res.StatusCode, res.Body)
	}
	m := regexp.MustCompile(`<a href="/desk/templates/(\d+)">` + regexp.QuoteMeta(form.Get("name")) + `</a>`).FindStringSubmatch(c.Get("/desk/templates").Body)
	if m == nil {
		t.Fatalf("template %q is not in the list", form.Get("name"))
	}
	var id int64
	fmt.Sscan(m[1], &id)
	return id
}

func countTemplates(t *testing.T, env *testenv.Env) int {
	t.Helper()
	var n int
	if err := env.Store.DB().QueryRowContext(context.Background(), "SELECT COUNT(*) FROM reply_templates").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestTemplatePlaceholdersExpandForGermanAndEnglishContacts(t *testing.T) {
	env := testenv.New(t)
	person(t, env, "a.member", "Jürgen", "Müller", "de")
	person(t, env, "b.member", "Jane", "Doe", "en")
	person(t, env, "agent", "Anna", "Agent", "en")
	c := env.Session(t, "agent")
	de := createTemplate(t, c, url.Values{"name": {"Danke"}, "language": {"de"},
		"body": {"Hallo {{contact.first_name}} {{ contact.last_name }},\nTicket {{ticket.number}} ({{ticket.subject}}) ist {{ticket.status}}.\n{{organization.name}} – {{agent.first_name}}"}})
	en := createTemplate(t, c, url.Values{"name": {"Thanks"}, "language": {"en"},
		"body": {"Dear {{contact.name}}, ticket {{ticket.number}} is {{ticket.status}}. {{agent.name}}"}})

	german := env.Ticket(t, "a.member", "Drucker", "Er druckt nicht.")
	res := c.Get(fmt.Sprintf("%s?template=%d", path(german), de))
	want := fmt.Sprintf("Hallo Jürgen Müller,\nTicket %d (Drucker) ist Neu.\nOrg A – Anna</textarea>", german.Number)
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, want) {
		t.Fatalf("?template did not pre-fill the German reply %q:\n%s", want, res.Body)
	}
	if i, j := strings.Index(res.Body, "German (the requester&#39;s language)"), strings.Index(res.Body, `<optgroup label="English">`); i < 0 || j < 0 || i > j {
		t.Errorf("the picker does not offer the requester's language (German) first")
	}

	english := env.Ticket(t, "b.member", "Printer", "It does not print.")
	res = c.Get(fmt.Sprintf("%s?template=%d", path(english), en))
	want = fmt.Sprintf("Dear Jane Doe, ticket %d is New. Anna Agent</textarea>", english.Number)
	if !strings.Contains(res.Body, want) {
		t.Fatalf("?template did not pre-fill the English reply %q", want)
	}
	if !strings.Contains(res.Body, fmt.Sprintf(`data-text="Dear Jane Doe, ticket %d is New. Anna Agent"`, english.Number)) {
		t.Errorf("the picker lacks the filled-in text for the script")
	}
	if !strings.Contains(res.Body, `<script src="/static/reply_templates.js?v=`) {
		t.Errorf("the page does not load the picker's script")
	}
	if js := c.Get("/static/reply_templates.js"); js.StatusCode != http.StatusOK || !strings.Contains(js.Body, "data-text") {
		t.Errorf("the picker's script is not served: %d", js.StatusCode)
	}
}

func TestUnknownPlaceholderIsRefusedInBothLanguages(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "agent")
	for _, tc := range []struct{ lang, body, want string }{
		{"en", "Hello {{contact.email}}", "The text uses a placeholder that does not exist."},
		{"de", "Hallo {{ contact.vorname }}", "Der Text verwendet einen Platzhalter, den es nicht gibt."},
		{"en", "Ticket {{ticket.number", "The text uses a placeholder that does not exist."},
		{"de", "", "Dieses Feld ist erforderlich."},
	} {
		c.Lang = tc.lang
		res := c.PostForm("/desk/templates", url.Values{"name": {"Bad"}, "language": {"en"}, "body": {tc.body}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, tc.want) {
			t.Errorf("body %q (%s): status %d, want 422 with %q", tc.body, tc.lang, res.StatusCode, tc.want)
		}
	}
	c.Lang = "en"
	if res := c.PostForm("/desk/templates", url.Values{"name": {"Bad"}, "language": {"fr"}, "body": {"Bonjour"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a French template: status %d, want 422", res.StatusCode)
	}
	if n := countTemplates(t, env); n != 0 {
		t.Fatalf("refused templates were stored: %d", n)
	}
}

func TestPersonalTemplatesAreInvisibleToOtherAgents(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "agent")
	id := createTemplate(t, c, url.Values{"name": {"My secret wording"}, "language": {"en"}, "body": {"Only mine."}})
	tk := env.Ticket(t, "a.member", "Printer", "It does not print.")
	admin := env.Session(t, "admin")
	if res := admin.Get("/desk/templates"); strings.Contains(res.Body, "My secret wording") {
		t.Errorf("another agent sees a personal template in the list")
	}
	for _, res := range []*testenv.Response{
		admin.Get(fmt.Sprint("/desk/templates/", id)),
		admin.PostForm(fmt.Sprint("/desk/templates/", id), url.Values{"name": {"Taken"}, "language": {"en"}, "body": {"x"}}),
		admin.PostForm(fmt.Sprint("/desk/templates/", id, "/delete"), nil),
	} {
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("another agent's request on a personal template: status %d, want 404", res.StatusCode)
		}
	}
	if res := admin.Get(fmt.Sprintf("%s?template=%d", path(tk), id)); strings.Contains(res.Body, "Only mine.") {
		t.Errorf("another agent's ticket page pre-fills a personal template")
	}
	if res := c.Get(fmt.Sprintf("%s?template=%d", path(tk), id)); !strings.Contains(res.Body, "Only mine.</textarea>") {
		t.Errorf("the owner's ticket page does not pre-fill its template")
	}
}

func TestSharedTemplatesAreEditableByAdminsOnly(t *testing.T) {
	env := testenv.New(t)
	agent := env.Session(t, "agent")
	if res := agent.PostForm("/desk/templates", url.Values{"name": {"Shared"}, "language": {"en"}, "body": {"Hi"}, "shared": {"1"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("an agent creating a shared template: status %d, want 403", res.StatusCode)
	}
	if n := countTemplates(t, env); n != 0 {
		t.Fatalf("an agent's shared template was stored")
	}
	admin := env.Session(t, "admin")
	id := createTemplate(t, admin, url.Values{"name": {"Greeting"}, "language": {"en"}, "body": {"Hello {{contact.first_name}}"}, "shared": {"1"}})
	if res := agent.Get("/desk/templates"); !strings.Contains(res.Body, "Greeting") || strings.Contains(res.Body, fmt.Sprintf(`href="/desk/templates/%d"`, id)) {
		t.Errorf("an agent should see the shared template, without a link to edit it")
	}
	for _, res := range []*testenv.Response{
		agent.Get(fmt.Sprint("/desk/templates/", id)),
		agent.PostForm(fmt.Sprint("/desk/templates/", id), url.Values{"name": {"Changed"}, "language": {"en"}, "body": {"x"}}),
		agent.PostForm(fmt.Sprint("/desk/templates/", id, "/delete"), nil),
	} {
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("an agent changing a shared template: status %d, want 403", res.StatusCode)
		}
	}
	res := admin.PostForm(fmt.Sprint("/desk/templates/", id), url.Values{"name": {"Greeting"}, "language": {"de"}, "body": {"Hallo {{contact.first_name}}"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("the admin's change: status %d", res.StatusCode)
	}
	tpl, err := env.Store.ReplyTemplate(context.Background(), id)
	if err != nil || tpl.Language != "de" || tpl.Body != "Hallo {{contact.first_name}}" || !tpl.Shared() {
		t.Fatalf("stored after the admin's change: %+v, %v", tpl, err)
	}
	if res := admin.PostForm(fmt.Sprint("/desk/templates/", id, "/delete"), nil); res.StatusCode != http.StatusSeeOther || countTemplates(t, env) != 0 {
		t.Fatalf("the admin's delete: status %d", res.StatusCode)
	}
}
