package routing_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"supportal/internal/inbound"
	"supportal/internal/model"
	"supportal/internal/routing"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

// addRule stores a rule as an admin through the routing service.
func addRule(t *testing.T, env *testenv.Env, r routing.Rule) int64 {
	t.Helper()
	id, err := routing.New(env.Store).Create(context.Background(), env.User(t, "admin"), r)
	if err != nil {
		t.Fatalf("rule %q: %v", r.Name, err)
	}
	return id
}

// stored reads a ticket and its history as the store has them.
func stored(t *testing.T, env *testenv.Env, number int64) (*model.Ticket, []model.Event) {
	t.Helper()
	tk, err := env.Store.Ticket(context.Background(), number)
	if err != nil {
		t.Fatal(err)
	}
	events, err := env.Store.Events(context.Background(), tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	return tk, events
}

func routedBy(events []model.Event) string {
	for _, e := range events {
		if e.Field == "routing" {
			return e.New
		}
	}
	return ""
}

func TestPortalAPIAndMailTicketsAreRouted(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	second, tech := env.World.Teams["2nd level"], env.World.Teams["Technical"]
	mb, err := env.Store.CreateMailbox(ctx, &store.Mailbox{Name: "Billing", Address: "billing@localhost", IMAPPort: 993, IMAPSecurity: "tls", IMAPFolder: "INBOX", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	addRule(t, env, routing.Rule{Name: "Inactive", Actions: routing.Actions{TeamID: tech}})
	addRule(t, env, routing.Rule{Name: "Billing mailbox", Active: true, Conditions: routing.Conditions{MailboxIDs: []int64{mb}},
		Actions: routing.Actions{TeamID: tech, Tags: []string{"billing"}}})
	addRule(t, env, routing.Rule{Name: "API login", Active: true, Conditions: routing.Conditions{Channels: []model.Channel{model.ChannelAPI}, SubjectWords: []string{"login"}},
		Actions: routing.Actions{TeamID: second, Priority: "urgent", AssigneeID: env.User(t, "agent2").ID}})
	addRule(t, env, routing.Rule{Name: "Org A", Active: true, Conditions: routing.Conditions{OrgIDs: []int64{env.OrgA.ID}},
		Actions: routing.Actions{Tags: []string{"org-a", "vip"}}})

	// Portal: only the organization rule holds.
	res := env.Session(t, "a.member").PostForm("/portal/tickets", url.Values{"subject": {"Login page slow"}, "body": {"Again."}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("portal: status %d", res.StatusCode)
	}
	var number int64
	fmt.Sscanf(strings.TrimPrefix(res.Header.Get("Location"), "/portal/tickets/"), "%d", &number)
	tk, events := stored(t, env, number)
	if routedBy(events) != "Org A" || !slices.Equal(tk.Tags, []string{"org-a", "vip"}) || tk.TeamID != env.World.Teams["1st level"] || tk.AssigneeID != 0 {
		t.Errorf("portal ticket: rule %q, tags %v, team %d, assignee %d", routedBy(events), tk.Tags, tk.TeamID, tk.AssigneeID)
	}

	// API: the API rule comes before the organization's and wins.
	res = env.Bearer(t, "a.member").JSONRequest(http.MethodPost, "/api/v1/tickets", map[string]any{"subject": "LOGIN broken", "body": "x"})
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("api: status %d %s", res.StatusCode, res.Body)
	}
	var created struct{ Number int64 }
	res.JSON(t, &created)
	tk, events = stored(t, env, created.Number)
	if routedBy(events) != "API login" || tk.TeamID != second || tk.Priority != "urgent" || tk.AssigneeID != env.User(t, "agent2").ID || len(tk.Tags) != 0 {
		t.Errorf("api ticket: rule %q, team %d, priority %q, assignee %d, tags %v", routedBy(events), tk.TeamID, tk.Priority, tk.AssigneeID, tk.Tags)
	}

	// Mail to the billing mailbox, from a contact of organization B.
	raw := "From: b.member@b.example\r\nTo: billing@localhost\r\nSubject: Invoice 12\r\nMessage-ID: <route-1@client.example>\r\n" +
		"Date: Mon, 23 Nov 2026 10:00:00 +0100\r\nContent-Type: text/plain\r\n\r\nPlease check.\r\n"
	got, err := env.App.Inbound.Ingest(ctx, []byte(raw), inbound.Source{Kind: inbound.SourceSMTP, MailboxID: mb})
	if err != nil || !got.Created {
		t.Fatalf("ingest: %+v %v", got, err)
	}
	tk, events = stored(t, env, got.Ticket)
	if routedBy(events) != "Billing mailbox" || tk.TeamID != tech || !slices.Equal(tk.Tags, []string{"billing"}) {
		t.Errorf("mailed ticket: rule %q, team %d, tags %v", routedBy(events), tk.TeamID, tk.Tags)
	}
}

func TestResponsibleAgentIsAssignedWhenNoRuleAssigns(t *testing.T) {
	env := testenv.New(t)
	agent := env.User(t, "agent")
	// An agent sets it on the organization page.
	res := env.Session(t, "agent2").PostForm(fmt.Sprintf("/desk/orgs/%d/responsible", env.OrgA.ID), url.Values{"responsible_agent": {fmt.Sprint(agent.ID)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("set responsible: status %d", res.StatusCode)
	}
	page := env.Session(t, "agent2").Get(fmt.Sprintf("/desk/orgs/%d", env.OrgA.ID))
	if !strings.Contains(page.Body, fmt.Sprintf(`<option value="%d" selected>User agent</option>`, agent.ID)) {
		t.Error("the organization page does not show the responsible agent")
	}
	for _, lang := range []string{"en", "de"} {
		c := env.Session(t, "agent2")
		c.Lang = lang
		bad := c.PostForm(fmt.Sprintf("/desk/orgs/%d/responsible", env.OrgA.ID), url.Values{"responsible_agent": {fmt.Sprint(env.User(t, "a.admin").ID)}})
		want := map[string]string{"en": "Choose one of the active agents.", "de": "Bitte einen der aktiven Agenten wählen."}[lang]
		if bad.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(bad.Body, want) {
			t.Errorf("a contact as responsible agent (%s): status %d", lang, bad.StatusCode)
		}
	}
	addRule(t, env, routing.Rule{Name: "Tag only", Active: true, Conditions: routing.Conditions{SubjectWords: []string{"crash"}}, Actions: routing.Actions{Tags: []string{"crash"}}})

	tk := env.Ticket(t, "a.member", "App crash at start", "x")
	tk, events := stored(t, env, tk.Number)
	if tk.AssigneeID != agent.ID || routedBy(events) != "Tag only" {
		t.Errorf("assignee %d, rule %q", tk.AssigneeID, routedBy(events))
	}
	view := env.Session(t, "admin").Get(fmt.Sprintf("/desk/tickets/%d", tk.Number))
	for _, want := range []string{"Routed by rule “Tag only”", "Assigned to User agent, the organization&#39;s responsible agent", `<span class="badge">crash</span>`} {
		if !strings.Contains(view.Body, want) {
			t.Errorf("the desk ticket page lacks %q", want)
		}
	}
	other := env.Ticket(t, "b.member", "Question", "x")
	if other, _ = stored(t, env, other.Number); other.AssigneeID != 0 {
		t.Errorf("organization B's ticket was assigned to %d", other.AssigneeID)
	}
}
