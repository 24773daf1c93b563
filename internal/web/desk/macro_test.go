package desk_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"supportal/internal/model"
	"supportal/internal/testenv"
)

// createMacro saves a macro through the form and returns its id.
func createMacro(t *testing.T, c *testenv.Client, form url.Values) int64 {
	t.Helper()
	res := c.PostForm("/desk/macros", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving macro %q: status %d\n%s", form.Get("name"), res.StatusCode, res.Body)
	}
	m := regexp.MustCompile(`<a href="/desk/macros/(\d+)">` + regexp.QuoteMeta(form.Get("name")) + `</a>`).FindStringSubmatch(c.Get("/desk/macros").Body)
	if m == nil {
		t.Fatalf("macro %q is not in the list", form.Get("name"))
	}
	var id int64
	fmt.Sscan(m[1], &id)
	return id
}

func TestMacroAppliesReplyStatusFieldsAndAssignment(t *testing.T) {
	env := testenv.New(t)
	person(t, env, "a.member", "Jürgen", "Müller", "de")
	admin := env.Session(t, "admin")
	tpl := createTemplate(t, admin, url.Values{"name": {"Gelöst"}, "language": {"de"}, "solution": {"1"}, "shared": {"1"},
		"body": {"Hallo {{contact.first_name}}, Ticket {{ticket.number}} ist jetzt {{ticket.status}}."}})
	agentID := env.User(t, "agent").ID
	id := createMacro(t, admin, url.Values{"name": {"Solve"}, "shared": {"1"}, "template_id": {fmt.Sprint(tpl)},
		"status": {"Resolved"}, "priority": {"high"}, "assignee_id": {fmt.Sprint(agentID)}})

	tk := env.Ticket(t, "a.member", "Drucker", "Er druckt nicht.")
	c := env.Session(t, "agent")
	page := c.Get(path(tk))
	action := fmt.Sprintf(`action="%s/macros/%d"`, path(tk), id)
	if !strings.Contains(page.Body, action) || !strings.Contains(page.Body, ">Solve</button>") {
		t.Fatalf("the ticket page does not offer the shared macro")
	}
	res := c.PostForm(fmt.Sprintf("%s/macros/%d", path(tk), id), nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != path(tk) {
		t.Fatalf("applying the macro: status %d, location %q\n%s", res.StatusCode, res.Header.Get("Location"), res.Body)
	}
	got := reload(t, env, tk)
	if got.Status.Name != "Resolved" || got.Priority != "high" || got.AssigneeID != agentID {
		t.Errorf("after the macro: status %q, priority %q, assignee %d", got.Status.Name, got.Priority, got.AssigneeID)
	}
	text := fmt.Sprintf("Hallo Jürgen, Ticket %d ist jetzt Gelöst.", tk.Number)
	msgs, err := env.Store.Messages(context.Background(), tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	last := msgs[len(msgs)-1]
	if last.Body != text || last.Internal || last.Kind != model.KindEmailOut || last.AuthorID != agentID {
		t.Errorf("the macro's reply: %+v", last)
	}
	fields := map[string]string{}
	for _, e := range events(t, env, tk) {
		fields[e.Field] = e.New
	}
	if fields["status"] != "Resolved" || fields["priority"] != "high" || fields["assignee"] != "User agent" {
		t.Errorf("history lacks the macro's changes: %v", fields)
	}
	page = c.Get(path(tk))
	if !strings.Contains(page.Body, "The macro was applied.") || !strings.Contains(page.Body, text) {
		t.Errorf("the ticket page does not show the applied macro")
	}
	mails := env.Mails(t, "", env.User(t, "a.member").Email)
	found := false
	for _, m := range mails {
		found = found || strings.Contains(m.Text, text)
	}
	if !found {
		t.Errorf("no mail to the customer carries the macro's reply; got %d mails", len(mails))
	}
}

func TestMacrosAreValidatedAndPersonalOnesStayPersonal(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "agent")
	for _, tc := range []struct {
		lang string
		form url.Values
		want string
	}{
		{"en", url.Values{"name": {"Nothing"}}, "Choose at least one thing the macro does."},
		{"de", url.Values{"name": {"Nichts"}}, "Wählen Sie mindestens eine Aktion des Makros."},
		{"en", url.Values{"name": {"Bad status"}, "status": {"Gone"}}, "There is no such status."},
		{"en", url.Values{"name": {"Wait"}, "status": {"Waiting for customer"}}, "Say what you are waiting for"},
		{"en", url.Values{"name": {"Bad template"}, "template_id": {"999999"}}, "This does not exist."},
		{"en", url.Values{"name": {"Bad agent"}, "assignee_id": {"x"}}, "This does not exist."},
	} {
		c.Lang = tc.lang
		res := c.PostForm("/desk/macros", tc.form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, tc.want) {
			t.Errorf("macro %v (%s): status %d, want 422 with %q", tc.form, tc.lang, res.StatusCode, tc.want)
		}
	}
	c.Lang = "en"
	if res := c.PostForm("/desk/macros", url.Values{"name": {"Shared"}, "priority": {"high"}, "shared": {"1"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("an agent creating a shared macro: status %d, want 403", res.StatusCode)
	}
	id := createMacro(t, c, url.Values{"name": {"Mine"}, "priority": {"urgent"}})
	tk := env.Ticket(t, "a.member", "Printer", "It does not print.")
	admin := env.Session(t, "admin")
	if res := admin.Get("/desk/macros"); strings.Contains(res.Body, "Mine") {
		t.Errorf("another agent sees a personal macro")
	}
	for _, res := range []*testenv.Response{
		admin.Get(fmt.Sprint("/desk/macros/", id)),
		admin.PostForm(fmt.Sprintf("%s/macros/%d", path(tk), id), nil),
	} {
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("another agent on a personal macro: status %d, want 404", res.StatusCode)
		}
	}
	if got := reload(t, env, tk); got.Priority == "urgent" {
		t.Fatalf("another agent applied a personal macro")
	}
	// A macro on a ticket of another team's queue is as missing as the ticket.
	if res := env.Session(t, "agent2").PostForm(fmt.Sprintf("%s/macros/%d", path(tk), id), nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("agent2 on a ticket it cannot see: status %d", res.StatusCode)
	}
	res := c.PostForm(fmt.Sprintf("%s/macros/%d", path(tk), id), nil)
	if res.StatusCode != http.StatusSeeOther || reload(t, env, tk).Priority != "urgent" {
		t.Fatalf("the owner applying its macro: status %d", res.StatusCode)
	}
}
