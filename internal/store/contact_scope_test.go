package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

// TestContactScopeAcrossPages pages through a contact's lists with a
// small page size in every sort: a member sees exactly the tickets they
// requested or take part in, a contact with the org_tickets right also
// the organization's, and nobody an internal ticket; each ticket once, in
// the order the admin's list has them.
func TestContactScopeAcrossPages(t *testing.T) {
	st := testenv.Store(t)
	ctx := context.Background()
	orgA, err := st.CreateOrganization(ctx, store.NewOrganization{Name: "A"})
	if err != nil {
		t.Fatal(err)
	}
	orgB, err := st.CreateOrganization(ctx, store.NewOrganization{Name: "B"})
	if err != nil {
		t.Fatal(err)
	}
	me := mustUser(t, st, "me@a.example", orgA)
	colleague := mustUser(t, st, "colleague@a.example", orgA)
	stranger := mustUser(t, st, "stranger@b.example", orgB)
	statuses, err := st.Statuses(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var open, closed int64
	for _, s := range statuses {
		switch s.Category {
		case model.CategoryOpen:
			open = s.ID
		case model.CategoryClosed:
			closed = s.ID
		}
	}

	type spec struct {
		requester, org int64
		participant    bool
		internal       bool
	}
	specs := []spec{
		{requester: me, org: orgA},
		{requester: me, org: orgA, participant: true}, // in two branches
		{requester: me, org: orgA, internal: true},
		{requester: colleague, org: orgA},
		{requester: colleague, org: orgA, participant: true},
		{requester: colleague, org: orgA, internal: true},
		{requester: colleague, org: orgA, participant: true, internal: true},
		{requester: stranger, org: orgB},
		{requester: stranger, org: orgB, participant: true}, // another organization's, by invitation
		{requester: stranger, org: orgB, internal: true},
		{requester: me, org: 0}, // from before the contact had an organization
	}
	base := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	member := map[int64]bool{} // what a member sees
	orgWide := map[int64]bool{}
	closedIDs := map[int64]bool{}
	for round := range 4 {
		for i, sp := range specs {
			n := round*len(specs) + i
			status := open
			if n%4 == 0 {
				status = closed
			}
			at := base.Add(time.Duration(n%7) * time.Minute) // ties on purpose
			nt := store.NewTicket{Subject: "t", RequesterID: sp.requester, OrgID: sp.org, StatusID: status, Channel: model.ChannelPortal,
				Internal: sp.internal, CreatedAt: at, Priority: []string{"low", "high", "normal"}[n%3]}
			if sp.participant {
				nt.Participants = []int64{me}
			}
			id, _, err := st.CreateTicket(ctx, nt)
			if err != nil {
				t.Fatal(err)
			}
			if err := st.SetSLADue(ctx, id, store.SLADue{Resolution: at.Add(time.Duration(n%5) * time.Hour)}); err != nil {
				t.Fatal(err)
			}
			if sp.internal {
				continue
			}
			if sp.requester == me || sp.participant {
				member[id] = true
			}
			if sp.requester == me || sp.participant || sp.org == orgA {
				orgWide[id] = true
			}
			if status == closed {
				closedIDs[id] = true
			}
		}
	}
	notClosed := func(want map[int64]bool) map[int64]bool {
		out := map[int64]bool{}
		for id := range want {
			if !closedIDs[id] {
				out[id] = true
			}
		}
		return out
	}

	memberScope := authz.TicketScope{PartyID: me}
	orgScope := authz.TicketScope{PartyID: me, OrgID: orgA}
	active := []model.Category{model.CategoryNew, model.CategoryOpen, model.CategoryWaitingCustomer, model.CategoryOnHold, model.CategoryResolved}
	cases := []struct {
		name  string
		scope authz.TicketScope
		party int64
		cats  []model.Category
		want  map[int64]bool
	}{
		{"member", memberScope, 0, nil, member},
		{"org_tickets", orgScope, 0, nil, orgWide},
		{"org_tickets, only mine", orgScope, me, nil, member},
		{"member, not closed", memberScope, 0, active, notClosed(member)},
		{"org_tickets, not closed", orgScope, 0, active, notClosed(orgWide)},
		{"admin, the contact's", authz.TicketScope{All: true}, me, nil, mustAll(t, st, me)},
	}
	for _, sort := range store.Sorts {
		all := pageAll(t, st, store.TicketFilter{Scope: authz.TicketScope{All: true}, Sort: sort, Limit: 100})
		for _, c := range cases {
			got := pageAll(t, st, store.TicketFilter{Scope: c.scope, PartyID: c.party, Categories: c.cats, Sort: sort, Limit: 3})
			want := slices.DeleteFunc(slices.Clone(all), func(id int64) bool { return !c.want[id] })
			if !slices.Equal(got, want) {
				t.Errorf("%s, sort %s:\n got %v\nwant %v", c.name, sort, got, want)
			}
		}
	}
}

// mustAll is every ticket a contact requested or takes part in,
// internal ones included, as an agent's filter on the contact finds them.
func mustAll(t *testing.T, st *store.Store, contact int64) map[int64]bool {
	t.Helper()
	out := map[int64]bool{}
	for _, id := range pageAll(t, st, store.TicketFilter{Scope: authz.TicketScope{All: true}, Limit: 100}) {
		tk, err := st.TicketByID(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if tk.RequesterID == contact || slices.Contains(tk.Participants, contact) {
			out[id] = true
		}
	}
	return out
}

// pageAll follows the cursors of a list to its end and returns the ids
// in list order; a ticket on two pages fails the test.
func pageAll(t *testing.T, st *store.Store, f store.TicketFilter) []int64 {
	t.Helper()
	var ids []int64
	seen := map[int64]bool{}
	for {
		page, err := st.Tickets(context.Background(), f)
		if err != nil {
			t.Fatalf("sort %s: %v", f.Sort, err)
		}
		for _, tk := range page.Tickets {
			if seen[tk.ID] {
				t.Fatalf("sort %s: ticket %d on two pages", f.Sort, tk.Number)
			}
			seen[tk.ID] = true
			ids = append(ids, tk.ID)
		}
		if page.Next == "" {
			return ids
		}
		f.Cursor = page.Next
	}
}

// TestAgentScopeAcrossPages pages through an agent's lists: the tickets
// of the agent's teams and those assigned to the agent, under every
// combination of the team and assignee filters, as the admin's list has
// them.
func TestAgentScopeAcrossPages(t *testing.T) {
	st := testenv.Store(t)
	ctx := context.Background()
	contact := mustUser(t, st, "c@example.com", 0)
	teamA, err := st.CreateTeam(ctx, "A")
	if err != nil {
		t.Fatal(err)
	}
	teamB, err := st.CreateTeam(ctx, "B")
	if err != nil {
		t.Fatal(err)
	}
	agent, err := st.CreateUser(ctx, store.NewUser{Kind: model.KindAgent, Email: "agent@example.com", Name: "Agent", Role: model.RoleAgent})
	if err != nil {
		t.Fatal(err)
	}
	other, err := st.CreateUser(ctx, store.NewUser{Kind: model.KindAgent, Email: "other@example.com", Name: "Other", Role: model.RoleAgent})
	if err != nil {
		t.Fatal(err)
	}
	type key struct{ team, assignee int64 }
	tickets := map[int64]key{}
	base := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	n := 0
	for range 3 {
		for _, team := range []int64{teamA, teamB, 0} {
			for _, assignee := range []int64{agent, other, 0} {
				at := base.Add(time.Duration(n%7) * time.Minute)
				id, _, err := st.CreateTicket(ctx, store.NewTicket{Subject: "t", RequesterID: contact, StatusID: 1, Channel: model.ChannelEmail,
					TeamID: team, AssigneeID: assignee, CreatedAt: at, Priority: []string{"low", "high", "normal"}[n%3]})
				if err != nil {
					t.Fatal(err)
				}
				if err := st.SetSLADue(ctx, id, store.SLADue{Resolution: at.Add(time.Duration(n%5) * time.Hour)}); err != nil {
					t.Fatal(err)
				}
				tickets[id] = key{team, assignee}
				n++
			}
		}
	}
	scope := authz.TicketScope{TeamIDs: []int64{teamA}, AssigneeID: agent}
	for _, f := range []struct{ team, assignee int64 }{
		{0, 0}, {teamA, 0}, {teamB, 0}, {0, agent}, {0, other}, {0, -1}, {teamB, agent}, {teamA, other}, {teamB, other},
	} {
		want := map[int64]bool{}
		for id, k := range tickets {
			inScope := k.team == teamA || k.assignee == agent
			teamOK := f.team == 0 || k.team == f.team
			assigneeOK := f.assignee == 0 || k.assignee == f.assignee || (f.assignee == -1 && k.assignee == 0)
			if inScope && teamOK && assigneeOK {
				want[id] = true
			}
		}
		for _, sort := range store.Sorts {
			all := pageAll(t, st, store.TicketFilter{Scope: authz.TicketScope{All: true}, Sort: sort, Limit: 100})
			got := pageAll(t, st, store.TicketFilter{Scope: scope, TeamID: f.team, AssigneeID: f.assignee, Sort: sort, Limit: 4})
			wantIDs := slices.DeleteFunc(slices.Clone(all), func(id int64) bool { return !want[id] })
			if !slices.Equal(got, wantIDs) {
				t.Errorf("team %d, assignee %d, sort %s:\n got %v\nwant %v", f.team, f.assignee, sort, got, wantIDs)
			}
		}
	}
}
