package api_test

import (
	"net/http"
	"testing"

	"supportal/internal/testenv"
)

func TestAgentMustGiveReasonToWaitForCustomer(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Printer", "It jams.")
	agent := env.Bearer(t, "agent")
	wantField(t, agent.JSONRequest(http.MethodPatch, ticketPath(tk.Number), map[string]any{"category": "waiting_customer"}), "waiting_reason")
	wantField(t, agent.JSONRequest(http.MethodPatch, ticketPath(tk.Number), map[string]any{"status": "Waiting for customer", "waiting_reason": "  "}), "waiting_reason")
	if got := getTicket(t, agent, tk.Number); got.Category != "new" {
		t.Fatalf("refused change was applied: %+v", got)
	}

	res := agent.JSONRequest(http.MethodPatch, ticketPath(tk.Number), map[string]any{"status": "Waiting for customer", "waiting_reason": "Which printer model?"})
	want(t, res, http.StatusOK)
	var tkAgent apiTicket
	res.JSON(t, &tkAgent)
	if tkAgent.Ball != "customer" || tkAgent.Category != "waiting_customer" {
		t.Errorf("after waiting: %+v", tkAgent)
	}
	got := getTicket(t, env.Bearer(t, "a.member"), tk.Number)
	if got.Ball != "customer" || got.WaitingReason != "Which printer model?" || got.Status != "Waiting for customer" {
		t.Errorf("the contact sees %+v", got)
	}
}

func TestContactReplyHandsBallBackToSupport(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Printer", "It jams.")
	want(t, env.Bearer(t, "agent").JSONRequest(http.MethodPatch, ticketPath(tk.Number),
		map[string]any{"category": "waiting_customer", "waiting_reason": "Model?"}), http.StatusOK)
	c := env.Bearer(t, "a.member")
	want(t, c.JSONRequest(http.MethodPost, messagesPath(tk.Number), map[string]any{"body": "LaserJet 4"}), http.StatusCreated)
	got := getTicket(t, c, tk.Number)
	if got.Category != "open" || got.Ball != "support" || got.WaitingReason != "" {
		t.Errorf("after the reply: %+v", got)
	}
}

func TestContactMayNotChangeFields(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Printer", "")
	c := env.Bearer(t, "a.member")
	for _, body := range []map[string]any{
		{"priority": "high"},
		{"status": "Open"},
		{"category": "open"}, // not resolved yet: nothing to reopen
		{"category": "waiting_customer"},
		{"team": "2nd level"},
		{"team": "No such team"},
		{"assignee_id": env.User(t, "agent").ID},
		{"category": "closed", "priority": "high"},
		{},
	} {
		res := c.JSONRequest(http.MethodPatch, ticketPath(tk.Number), body)
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("%v: status %d, want 403: %s", body, res.StatusCode, res.Body)
		}
	}
	if got := getTicket(t, c, tk.Number); got.Priority != "normal" || got.Category != "new" {
		t.Errorf("refused changes were applied: %+v", got)
	}
}

func TestContactReopensResolvedTicketAndCloses(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Printer", "")
	want(t, env.Bearer(t, "agent").JSONRequest(http.MethodPatch, ticketPath(tk.Number), map[string]any{"category": "resolved"}), http.StatusOK)
	c := env.Bearer(t, "a.member")
	if got := getTicket(t, c, tk.Number); got.Ball != "customer" {
		t.Errorf("resolved ticket: ball %q", got.Ball)
	}
	res := c.JSONRequest(http.MethodPatch, ticketPath(tk.Number), map[string]any{"category": "open"})
	want(t, res, http.StatusOK)
	var got apiTicket
	res.JSON(t, &got)
	if got.Category != "open" || got.Ball != "support" {
		t.Errorf("after reopening: %+v", got)
	}
	res = c.JSONRequest(http.MethodPatch, ticketPath(tk.Number), map[string]any{"category": "closed"})
	want(t, res, http.StatusOK)
	res.JSON(t, &got)
	if got.Category != "closed" || got.Ball != "none" {
		t.Errorf("after closing: %+v", got)
	}
}

func TestAgentSetsAndClearsTeamAssigneeAndFields(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Printer", "")
	c := env.Bearer(t, "admin")
	agent2 := env.User(t, "agent2")
	res := c.JSONRequest(http.MethodPatch, ticketPath(tk.Number), map[string]any{
		"team": "2nd level", "assignee_id": agent2.ID, "priority": "urgent", "impact": "several_users", "status": "Open",
	})
	want(t, res, http.StatusOK)
	var got apiTicket
	res.JSON(t, &got)
	if got.Team == nil || *got.Team != "2nd level" || got.AssigneeID == nil || *got.AssigneeID != agent2.ID ||
		got.Priority != "urgent" || got.Status != "Open" {
		t.Fatalf("after the change: %+v", got)
	}
	want(t, env.Bearer(t, "agent2").Get(ticketPath(tk.Number)), http.StatusOK)
	want(t, env.Bearer(t, "agent").Get(ticketPath(tk.Number)), http.StatusNotFound)

	res = c.JSONRequest(http.MethodPatch, ticketPath(tk.Number), `{"team": null, "assignee_id": null}`)
	want(t, res, http.StatusOK)
	res.JSON(t, &got)
	if got.Team != nil || got.AssigneeID != nil || got.Priority != "urgent" {
		t.Errorf("after clearing: %+v", got)
	}
}

func TestAgentUpdateRejectsBadValues(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Printer", "")
	c := env.Bearer(t, "agent")
	for body, field := range map[string]string{
		`{"status": "Sleeping"}`:            "status",
		`{"status": ""}`:                    "status",
		`{"category": "sideways"}`:          "category",
		`{"category": null}`:                "category",
		`{"priority": "sky-high"}`:          "priority",
		`{"team": "Nobody"}`:                "team",
		`{"assignee_id": 999999}`:           "assignee_id",
		`{"assignee_id": "agent"}`:          "assignee_id",
		`{"assignee_id": 1.5}`:              "assignee_id",
		`{"subject": "new subject"}`:        "subject",
		`{"category": "open", "x": 1}`:      "x",
		`{"waiting_reason": "not waiting"}`: "waiting_reason",
	} {
		wantField(t, c.JSONRequest(http.MethodPatch, ticketPath(tk.Number), body), field)
	}
	want(t, c.JSONRequest(http.MethodPatch, ticketPath(tk.Number), `{"status": "Open"`), http.StatusBadRequest)
	got := getTicket(t, c, tk.Number)
	if got.Category != "new" || got.Priority != "normal" || got.Team == nil || got.AssigneeID != nil {
		t.Errorf("refused changes were applied: %+v", got)
	}
}
