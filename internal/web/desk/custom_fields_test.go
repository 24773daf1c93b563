package desk_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"supportal/internal/model"
	"supportal/internal/testenv"
	"supportal/internal/ticket"
)

func TestDeskEditsCustomFieldsAndResolvingWaitsForTheRequiredOnes(t *testing.T) {
	env := testenv.New(t)
	env.CustomField(t, model.CustomField{Key: "cause", Kind: model.KindSelect, Labels: model.Labels{"en": "Root cause", "de": "Ursache"},
		Options: []string{"Hardware", "Software"}, RequiredResolve: true})
	env.CustomField(t, model.CustomField{Key: "hours", Kind: model.KindNumber, Labels: model.Labels{"en": "Hours spent"}})
	tk := env.Ticket(t, "a.member", "Printer jams", "Every page.")
	c := env.Browser(t, "agent")
	page := c.Get(path(tk))
	if page.StatusCode != http.StatusOK || !strings.Contains(page.Body, "Root cause") || !strings.Contains(page.Body, `name="cf.hours"`) {
		t.Fatalf("the side panel lacks the custom fields: %d\n%s", page.StatusCode, page.Body)
	}

	form := sidePanel(tk, map[string]string{"status": "Resolved"})
	form["cf"] = []string{"cause", "hours"}
	form.Set("cf.hours", "1,5")
	res := c.PostForm(path(tk), form)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Fill in this field before the ticket is resolved or closed.") ||
		!strings.Contains(res.Body, `value="1,5"`) {
		t.Fatalf("resolve without cause: %d\n%s", res.StatusCode, res.Body)
	}
	if got := reload(t, env, tk); got.Status.Category != model.CategoryNew || len(got.CustomFields) != 0 {
		t.Fatalf("the refused form changed the ticket: %s %v", got.Status.Name, got.CustomFields)
	}

	form.Set("cf.cause", "Hardware")
	if res := c.PostForm(path(tk), form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("resolve with cause: %d\n%s", res.StatusCode, res.Body)
	}
	got := reload(t, env, tk)
	if got.Status.Category != model.CategoryResolved || got.CustomFields["cause"] != "Hardware" || got.CustomFields["hours"] != 1.5 {
		t.Fatalf("stored %s %v", got.Status.Name, got.CustomFields)
	}
	page = c.Get(path(tk))
	for _, want := range []string{"set Root cause to Hardware", "set Hours spent to 1.5", `<option value="Hardware" selected>`} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("the ticket page lacks %q", want)
		}
	}

	// Sent again unchanged, the form writes nothing.
	before := len(events(t, env, tk))
	form = sidePanel(got, nil)
	form["cf"] = []string{"cause", "hours"}
	form.Set("cf.cause", "Hardware")
	form.Set("cf.hours", "1.5")
	if res := c.PostForm(path(tk), form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("unchanged form: %d", res.StatusCode)
	}
	if after := len(events(t, env, tk)); after != before {
		t.Errorf("an unchanged form wrote %d events", after-before)
	}
}

func TestReplyThatResolvesAsksForTheRequiredFields(t *testing.T) {
	env := testenv.New(t)
	env.CustomField(t, model.CustomField{Key: "cause", Kind: model.KindText, Labels: model.Labels{"en": "Root cause"}, RequiredResolve: true})
	tk := env.Ticket(t, "a.member", "Printer jams", "Every page.")
	res := env.Browser(t, "agent").PostForm(path(tk)+"/messages", url.Values{"visibility": {"public"}, "body": {"Done."}, "status": {"Closed"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "First fill in the fields this status needs") {
		t.Fatalf("closing by reply without the cause: %d\n%s", res.StatusCode, res.Body)
	}
	_, err := env.App.Tickets.Reply(context.Background(), env.User(t, "agent"), tk.Number, ticket.ReplyParams{Body: "Done.", Status: "Resolved"})
	var v *model.ValidationError
	if !errors.As(err, &v) || v.Fields["custom_fields.cause"] == "" {
		t.Fatalf("resolving by reply without the cause: %v", err)
	}
	if msgs, _ := env.Store.Messages(context.Background(), tk.ID); len(msgs) != 1 {
		t.Errorf("refused replies were stored: %d messages", len(msgs))
	}
}
