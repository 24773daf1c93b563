package authz_test

import (
	"context"
	"maps"
	"slices"
	"testing"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

// ticketCase is a ticket of the world: who asked, who takes part, where it
// sits.
type ticketCase struct {
	requester    string
	participants []string
	team         string
	assignee     string
	internal     bool
	noOrg        bool
}

var ticketCases = []ticketCase{
	{requester: "a.member", team: "1st level"},
	{requester: "a.member", participants: []string{"a.colleague"}, team: "2nd level"},
	{requester: "a.colleague", participants: []string{"a.member"}, team: "1st level", assignee: "agent2"},
	{requester: "a.primary", team: "Technical"},
	{requester: "a.admin", team: "1st level", internal: true},
	{requester: "b.member", team: "1st level"},
	{requester: "b.admin", participants: []string{"b.colleague"}, team: "2nd level"},
	{requester: "b.member", participants: []string{"a.member"}, team: "Technical"}, // a cross-organization participant
	{requester: "loner", team: "1st level", noOrg: true},
	{requester: "agent", team: "Technical", internal: true, noOrg: true},
}

func buildTickets(t *testing.T, w *testenv.World) []*model.Ticket {
	t.Helper()
	ctx := context.Background()
	var out []*model.Ticket
	for _, c := range ticketCases {
		req := w.User(t, c.requester)
		nt := store.NewTicket{Subject: "case", RequesterID: req.ID, OrgID: req.OrgID, StatusID: 1, Channel: model.ChannelPortal,
			TeamID: w.Teams[c.team], Internal: c.internal}
		if c.noOrg {
			nt.OrgID = 0
		}
		if c.assignee != "" {
			nt.AssigneeID = w.User(t, c.assignee).ID
		}
		for _, p := range c.participants {
			nt.Participants = append(nt.Participants, w.User(t, p).ID)
		}
		_, number, err := w.Store.CreateTicket(ctx, nt)
		if err != nil {
			t.Fatal(err)
		}
		tk, err := w.Store.Ticket(ctx, number)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, tk)
	}
	return out
}

// TestListScopeMatchesTicketDecision holds the SQL scope of lists to the
// single-ticket decision: for every user, the list holds exactly the
// tickets authz.Ticket lets it see.
func TestListScopeMatchesTicketDecision(t *testing.T) {
	st := testenv.Store(t)
	w := testenv.NewWorld(t, st)
	tickets := buildTickets(t, w)
	for _, key := range slices.Sorted(maps.Keys(w.Users)) {
		u := w.Users[key]
		want := map[int64]bool{}
		for _, tk := range tickets {
			if authz.Ticket(u, tk).See {
				want[tk.Number] = true
			}
		}
		got := map[int64]bool{}
		cursor := ""
		for {
			page, err := st.Tickets(context.Background(), store.TicketFilter{Scope: authz.Tickets(u), Cursor: cursor, Limit: 3})
			if err != nil {
				t.Fatal(err)
			}
			for _, tk := range page.Tickets {
				got[tk.Number] = true
			}
			if cursor = page.Next; cursor == "" {
				break
			}
		}
		if !maps.Equal(got, want) {
			t.Errorf("%s: list shows %v, may see %v", key, slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
		}
	}
}

func TestWhoSeesWhat(t *testing.T) {
	st := testenv.Store(t)
	w := testenv.NewWorld(t, st)
	tickets := buildTickets(t, w)
	sees := func(key string, i int) bool { return authz.Ticket(w.User(t, key), tickets[i]).See }
	for _, tc := range []struct {
		who    string
		ticket int
		want   bool
	}{
		{"a.member", 0, true},     // own
		{"a.member", 2, true},     // participant
		{"a.member", 3, false},    // a colleague's, without org_tickets
		{"a.colleague", 3, true},  // org_tickets
		{"a.admin", 4, false},     // internal, even its requester
		{"a.primary", 5, false},   // other organization
		{"a.member", 7, true},     // participant of another organization's ticket
		{"b.colleague", 7, true},  // the ticket belongs to B
		{"a.colleague", 7, false}, // org_tickets does not reach B's ticket
		{"loner", 8, true},
		{"a.colleague", 8, false}, // no organization never matches
		{"agent", 0, true},        // 1st level
		{"agent", 1, false},       // 2nd level only
		{"agent2", 2, true},       // assigned, though 1st level
		{"agent", 9, false},       // Technical, though requester
		{"admin", 9, true},
	} {
		if got := sees(tc.who, tc.ticket); got != tc.want {
			t.Errorf("%s sees ticket %d (%+v): %v, want %v", tc.who, tc.ticket, ticketCases[tc.ticket], got, tc.want)
		}
	}
}

func TestMemberDoesNotReadMessagesItDidNotReceive(t *testing.T) {
	w := testenv.NewWorld(t, testenv.Store(t))
	tk := &model.Ticket{ID: 1, OrgID: w.OrgA.ID, RequesterID: w.User(t, "a.colleague").ID, Participants: []int64{w.User(t, "a.member").ID}}
	member, primary := w.User(t, "a.member"), w.User(t, "a.primary")
	before := &model.Message{TicketID: 1, AuthorID: tk.RequesterID, To: []model.Recipient{{UserID: 999}}}
	toMember := &model.Message{TicketID: 1, AuthorID: w.User(t, "agent").ID, Cc: []model.Recipient{{UserID: member.ID}}}
	note := &model.Message{TicketID: 1, AuthorID: w.User(t, "agent").ID, Internal: true, Cc: []model.Recipient{{UserID: member.ID}}}
	if authz.Message(member, tk, before) {
		t.Error("member reads a message it neither wrote nor received")
	}
	if !authz.Message(member, tk, toMember) {
		t.Error("member cannot read a message it received")
	}
	if authz.Message(member, tk, note) || authz.Message(primary, tk, note) {
		t.Error("a contact reads an internal note")
	}
	if !authz.Message(primary, tk, before) {
		t.Error("primary contact (all_correspondence) cannot read the organization's correspondence")
	}
}
