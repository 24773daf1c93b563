package api_test

import (
	"net/http"
	"testing"

	"supportal/internal/testenv"
)

func TestOtherOrganizationsTicketAnswersLikeAMissingOne(t *testing.T) {
	env := testenv.New(t)
	other := env.Ticket(t, "b.member", "Other org's secret", "Confidential")
	c := env.Bearer(t, "a.admin")
	missing := c.Get("/api/v1/tickets/99999")
	want(t, missing, http.StatusNotFound)
	for _, path := range []string{ticketPath(other.Number), messagesPath(other.Number), "/api/v1/tickets/abc", "/api/v1/tickets/-1"} {
		res := c.Get(path)
		if res.StatusCode != http.StatusNotFound || res.Body != missing.Body {
			t.Errorf("GET %s: %d %q, want 404 %q", path, res.StatusCode, res.Body, missing.Body)
		}
	}
	for _, write := range []struct{ method, path string }{
		{http.MethodPatch, ticketPath(other.Number)},
		{http.MethodPost, messagesPath(other.Number)},
	} {
		res := c.JSONRequest(write.method, write.path, map[string]any{"category": "closed"})
		if write.method == http.MethodPost {
			res = c.JSONRequest(write.method, write.path, map[string]any{"body": "hi"})
		}
		if res.StatusCode != http.StatusNotFound || res.Body != missing.Body {
			t.Errorf("%s %s: %d %q, want 404 like a missing ticket", write.method, write.path, res.StatusCode, res.Body)
		}
	}
}

func TestAgentOfAnotherTeamDoesNotSeeTicket(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Printer", "")
	want(t, env.Bearer(t, "agent2").Get(ticketPath(tk.Number)), http.StatusNotFound)
	got := getTicket(t, env.Bearer(t, "agent"), tk.Number)
	if got.Team == nil || *got.Team != "1st level" || got.AssigneeID != nil {
		t.Errorf("team %v, assignee %v", got.Team, got.AssigneeID)
	}
}

func TestMemberDoesNotSeeColleaguesTicket(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.colleague", "Colleague's invoice", "")
	want(t, env.Bearer(t, "a.member").Get(ticketPath(tk.Number)), http.StatusNotFound)
	want(t, env.Bearer(t, "a.primary").Get(ticketPath(tk.Number)), http.StatusOK)
}
