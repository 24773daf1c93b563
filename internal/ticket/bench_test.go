package ticket_test

import (
	"context"
	"testing"

	"supportal/internal/model"
	"supportal/internal/testenv"
	"supportal/internal/ticket"
)

// BenchmarkCreateWithCustomFields opens a ticket as a contact with three
// custom fields to check: the ticket model snapshot, the checks, routing,
// the SLA clocks and the mail to the contact, in one transaction.
func BenchmarkCreateWithCustomFields(b *testing.B) {
	env := testenv.New(b)
	for _, f := range []model.CustomField{
		{Key: "serial", Kind: model.KindText, ContactVisible: true, ContactEditable: true, RequiredCreate: true},
		{Key: "since", Kind: model.KindDate, ContactVisible: true, ContactEditable: true},
		{Key: "parts", Kind: model.KindMultiSelect, Options: []string{"a", "b", "c"}, ContactVisible: true, ContactEditable: true},
		{Key: "cause", Kind: model.KindSelect, Options: []string{"hardware", "software"}, RequiredResolve: true},
	} {
		env.CustomField(b, f)
	}
	ctx := context.Background()
	contact := env.User(b, "a.member")
	p := ticket.CreateParams{Subject: "Spindle stops", Body: "After ten minutes.",
		CustomFields: map[string]any{"serial": "SN-4711", "since": "2026-11-30", "parts": []any{"c", "a"}}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := env.App.Tickets.Create(ctx, contact, p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSeeTicket is one poll of the collision notice: the ticket and
// its access, the upsert of the agent's presence, the stale rows dropped
// and the others read.
func BenchmarkSeeTicket(b *testing.B) {
	env := testenv.New(b)
	ctx := context.Background()
	tk := env.Ticket(b, "a.member", "Spindle stops", "After ten minutes.")
	agent, admin := env.User(b, "agent"), env.User(b, "admin")
	if _, err := env.App.Tickets.SeeTicket(ctx, admin, tk.Number, true); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		others, err := env.App.Tickets.SeeTicket(ctx, agent, tk.Number, false)
		if err != nil || len(others) != 1 {
			b.Fatalf("others %v, %v", others, err)
		}
	}
}
