package mailout_test

import (
	"context"
	"slices"
	"testing"

	"supportal/internal/model"
	"supportal/internal/ticket"
)

// kinds lists the kinds of the queued mails to addr, oldest first.
func (w *world) kinds(t *testing.T, addr string) []string {
	t.Helper()
	var out []string
	for _, m := range w.mailsTo(t, addr) {
		out = append(out, m.Kind)
	}
	return out
}

// turnOn keeps only the named notifications of the contact under key on,
// as the profile does.
func (w *world) turnOn(t *testing.T, key string, on ...string) {
	t.Helper()
	if err := w.App.Accounts.SetNotifications(context.Background(), w.User(t, key).ID, on); err != nil {
		t.Fatal(err)
	}
}

func TestContactWithoutReceivedNoticesStillGetsCopiesRepliesAndStatus(t *testing.T) {
	w := newWorld(t, setup{})
	ctx := context.Background()
	w.turnOn(t, "a.member", "replies", "status")
	tk := w.ticketOf(t, "a.member", "Order 4711 missing", "Where is it?", ticket.CreateParams{Channel: model.ChannelEmail})
	if got := w.kinds(t, "a.member@a.example"); len(got) != 0 {
		t.Fatalf("mails %v to a contact who turned received notices off", got)
	}
	// A copy asked for is always sent.
	w.ticketOf(t, "a.member", "With copy", "Text.", ticket.CreateParams{CopyToMe: true})
	if _, err := w.App.Tickets.Reply(ctx, w.User(t, "agent"), tk.Number, ticket.ReplyParams{Body: "It left on Monday."}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.App.Tickets.Update(ctx, w.User(t, "agent"), tk.Number, ticket.UpdateParams{Status: ptr("Resolved")}); err != nil {
		t.Fatal(err)
	}
	if got := w.kinds(t, "a.member@a.example"); !slices.Equal(got, []string{"copy", "reply", "resolved"}) {
		t.Errorf("mails %v, want copy, reply, resolved", got)
	}
	// Another contact with every notice on still gets the received notice.
	w.ticketOf(t, "a.colleague", "Toner", "Empty.", ticket.CreateParams{Channel: model.ChannelEmail})
	if got := w.kinds(t, "a.colleague@a.example"); !slices.Equal(got, []string{"received"}) {
		t.Errorf("mails to a.colleague %v", got)
	}
}

func TestParticipantWithoutReplyNoticesStillGetsAgentReplies(t *testing.T) {
	w := newWorld(t, setup{})
	ctx := context.Background()
	tk := w.ticketOf(t, "a.member", "Printer broken", "Blank pages.", ticket.CreateParams{})
	for _, key := range []string{"a.colleague", "a.primary"} {
		if err := w.st.AddParticipant(ctx, tk.ID, w.User(t, key).ID); err != nil {
			t.Fatal(err)
		}
	}
	w.turnOn(t, "a.colleague", "received", "status")
	if _, err := w.App.Tickets.Reply(ctx, w.User(t, "a.member"), tk.Number, ticket.ReplyParams{Body: "It also smells burnt."}); err != nil {
		t.Fatal(err)
	}
	if got := w.kinds(t, "a.colleague@a.example"); len(got) != 0 {
		t.Errorf("mails %v to a participant who turned reply notices off", got)
	}
	if got := w.kinds(t, "a.primary@a.example"); !slices.Equal(got, []string{"new_reply"}) {
		t.Errorf("mails to the other participant %v, want new_reply", got)
	}
	// An agent's reply is the correspondence itself: it reaches everyone
	// it is addressed to.
	if _, err := w.App.Tickets.Reply(ctx, w.User(t, "agent"), tk.Number, ticket.ReplyParams{Body: "Please switch it off."}); err != nil {
		t.Fatal(err)
	}
	replies := 0
	for _, m := range w.mailsTo(t, "a.colleague@a.example") {
		if m.Kind == "reply" {
			replies++
		}
	}
	if replies != 1 {
		t.Errorf("the participant got %d agent replies, want 1", replies)
	}
}

func TestContactWithoutStatusNoticesIsNotToldOfWaitingOrResolved(t *testing.T) {
	w := newWorld(t, setup{})
	ctx := context.Background()
	tk := w.ticketOf(t, "a.member", "VPN drops", "Every hour.", ticket.CreateParams{})
	if err := w.st.AddParticipant(ctx, tk.ID, w.User(t, "a.colleague").ID); err != nil {
		t.Fatal(err)
	}
	w.turnOn(t, "a.member", "received", "replies")
	agent := w.User(t, "agent")
	if _, err := w.App.Tickets.Update(ctx, agent, tk.Number, ticket.UpdateParams{
		Category: ptr(model.CategoryWaitingCustomer), WaitingReason: ptr("Which client version do you use?")}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.App.Tickets.Update(ctx, agent, tk.Number, ticket.UpdateParams{Status: ptr("Resolved")}); err != nil {
		t.Fatal(err)
	}
	if got := w.kinds(t, "a.member@a.example"); len(got) != 0 {
		t.Errorf("mails %v to a contact who turned status notices off", got)
	}
	if got := w.kinds(t, "a.colleague@a.example"); !slices.Equal(got, []string{"waiting", "resolved"}) {
		t.Errorf("mails to the participant %v, want waiting, resolved", got)
	}
	// The reason still reaches the requester in an agent's reply.
	if _, err := w.App.Tickets.Reply(ctx, agent, tk.Number, ticket.ReplyParams{Body: "Reopened.", Status: "Waiting for customer", Reason: "The log, please."}); err != nil {
		t.Fatal(err)
	}
	if got := w.kinds(t, "a.member@a.example"); !slices.Equal(got, []string{"reply"}) {
		t.Errorf("mails %v, want the agent's reply", got)
	}
}
