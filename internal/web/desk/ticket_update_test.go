package desk_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"supportal/internal/testenv"
)

func TestWaitingForCustomerNeedsReason(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Export fails", "It says error 42.")
	c := env.Browser(t, "agent")

	res := c.PostForm(path(tk), sidePanel(tk, map[string]string{"status": "Waiting for customer"}))
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Say what you are waiting for: the customer will see it.") {
		t.Fatalf("waiting without reason: status %d, want 422 with the message", res.StatusCode)
	}
	if got := reload(t, env, tk); got.Status.Name != "New" || len(events(t, env, tk)) != 1 {
		t.Fatalf("the refused change was written: status %q", got.Status.Name)
	}

	res = c.PostForm(path(tk), sidePanel(tk, map[string]string{"status": "Waiting for customer", "waiting_reason": "Please send the log file."}))
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != path(tk) {
		t.Fatalf("waiting with reason: status %d to %q, want 303 back", res.StatusCode, res.Header.Get("Location"))
	}
	got := reload(t, env, tk)
	if got.Status.Name != "Waiting for customer" || got.WaitingReason != "Please send the log file." {
		t.Fatalf("ticket is %q with reason %q", got.Status.Name, got.WaitingReason)
	}
	page := c.Get(path(tk)).Body
	for _, want := range []string{
		"The ticket has been updated.",
		"User agent changed Status from New to Waiting for customer",
		"User agent set the waiting reason to Please send the log file.",
		`<span class="ball ball-customer">Waiting for customer</span>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the desk page lacks %q", want)
		}
	}
	if list := c.Get("/desk/tickets").Body; !strings.Contains(list, `title="Please send the log file."`) {
		t.Error("the list does not give the waiting reason on the ball")
	}

	// The customer sees the reason.
	seen, _, err := env.App.Tickets.Get(context.Background(), env.User(t, "a.member"), tk.Number)
	if err != nil || seen.WaitingReason != "Please send the log file." {
		t.Errorf("the contact reads reason %q (%v)", seen.WaitingReason, err)
	}
	portal := env.Browser(t, "a.member").Get("/portal/tickets/" + strconv.FormatInt(tk.Number, 10))
	switch portal.StatusCode {
	case http.StatusOK:
		if !strings.Contains(portal.Body, "Please send the log file.") {
			t.Error("the portal page of the ticket does not show the waiting reason")
		}
	default:
		t.Logf("the portal ticket page answers %d; the reason was checked through the ticket service", portal.StatusCode)
	}
}

func TestUnknownStatusIsRefused(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Export fails", "")
	res := env.Browser(t, "agent").PostForm(path(tk), sidePanel(tk, map[string]string{"status": "Exploded"}))
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "There is no such status.") {
		t.Fatalf("unknown status: status %d, want 422 with the message", res.StatusCode)
	}
	if got := reload(t, env, tk); got.Status.Name != "New" || len(events(t, env, tk)) != 1 {
		t.Error("the refused change was written")
	}
}

func TestEachChangedFieldWritesOneEvent(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Export fails", "")
	c := env.Browser(t, "admin")
	steps := []struct {
		field, value, want string
	}{
		{"priority", "urgent", "User admin changed Priority from Normal to Urgent"},
		{"team", strconv.FormatInt(env.Teams["2nd level"], 10), "User admin changed Team from 1st level to 2nd level"},
		{"assignee_id", strconv.FormatInt(env.User(t, "agent2").ID, 10), "User admin set Assignee to User agent2"},
	}
	for i, s := range steps {
		cur := reload(t, env, tk)
		res := c.PostForm(path(tk), sidePanel(cur, map[string]string{s.field: s.value}))
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: status %d\n%s", s.field, res.StatusCode, res.Body)
		}
		evs := events(t, env, tk)
		if len(evs) != 2+i {
			t.Fatalf("%s: %d events after the change, want %d", s.field, len(evs), 2+i)
		}
		if page := c.Get(path(tk)).Body; !strings.Contains(page, s.want) {
			t.Errorf("history lacks %q", s.want)
		}
	}
	got := reload(t, env, tk)
	if got.Priority != "urgent" || got.TeamName != "2nd level" || got.AssigneeName != "User agent2" {
		t.Errorf("ticket is %s / %s / %s", got.Priority, got.TeamName, got.AssigneeName)
	}

	res := c.PostForm(path(tk), sidePanel(got, nil))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("unchanged form: status %d", res.StatusCode)
	}
	if n := len(events(t, env, tk)); n != 4 {
		t.Errorf("the unchanged form wrote %d events", n-4)
	}
	if page := c.Get(path(tk)).Body; !strings.Contains(page, "Nothing was changed.") {
		t.Error("no notice that nothing changed")
	}
}

func TestAgentWhoMovesTicketAwayReturnsToList(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Export fails", "")
	c := env.Browser(t, "agent")
	res := c.PostForm(path(tk), sidePanel(tk, map[string]string{"team": strconv.FormatInt(env.Teams["2nd level"], 10)}))
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/desk/tickets" {
		t.Fatalf("escalation: status %d to %q, want 303 to the list", res.StatusCode, res.Header.Get("Location"))
	}
	if got := reload(t, env, tk); got.TeamName != "2nd level" {
		t.Errorf("team is %q", got.TeamName)
	}
	if !strings.Contains(c.Get("/desk/tickets").Body, "you no longer see it") {
		t.Error("no notice that the ticket left the agent's teams")
	}
}

func TestBadTeamOrAssigneeIsRefused(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Export fails", "")
	c := env.Browser(t, "agent")
	for field, value := range map[string]string{
		"team": "999999", "assignee_id": strconv.FormatInt(env.User(t, "a.member").ID, 10), "priority": "apocalyptic",
	} {
		res := c.PostForm(path(tk), sidePanel(tk, map[string]string{field: value}))
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s=%s: status %d, want 422", field, value, res.StatusCode)
		}
	}
	if n := len(events(t, env, tk)); n != 1 {
		t.Errorf("refused changes wrote %d events", n-1)
	}
}

func TestScriptInWaitingReasonIsShownEscaped(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Export fails", "")
	c := env.Browser(t, "agent")
	payload := `<script>alert("reason")</script>`
	res := c.PostForm(path(tk), sidePanel(tk, map[string]string{"status": "Waiting for customer", "waiting_reason": payload}))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("status %d", res.StatusCode)
	}
	for _, p := range []string{path(tk), "/desk/tickets"} {
		body := c.Get(p).Body
		if strings.Contains(body, payload) {
			t.Errorf("%s shows the script unescaped", p)
		}
		if !strings.Contains(body, "&lt;script&gt;alert(&#34;reason&#34;)&lt;/script&gt;") {
			t.Errorf("%s does not show the reason escaped", p)
		}
	}
}
