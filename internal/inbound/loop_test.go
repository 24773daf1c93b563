package inbound_test

import (
	"context"
	"io"
	"testing"

	"supportal/internal/config"
	"supportal/internal/inbound"
	"supportal/internal/store"
	"supportal/internal/testenv"
	"supportal/internal/ticket"
)

// outbox returns the raw mails an instance has queued, oldest first.
func outbox(t *testing.T, env *testenv.Env) [][]byte {
	t.Helper()
	ctx := context.Background()
	mails, err := env.App.Store.OutboxMails(ctx, store.OutboxFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for i := len(mails) - 1; i >= 0; i-- {
		r, err := env.App.Blobs.Open(ctx, mails[i].RawKey)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

func from(addr string) testenv.Option {
	return func(c *config.Config) { c.Mail.From = "Support <" + addr + ">" }
}

// Two Supportal instances that write to each other's support address —
// each thinks the other is a customer — exchange at most one round of
// mail: automatic notifications are recorded and answered by no one.
func TestTwoInstancesDoNotLoop(t *testing.T) {
	ctx := context.Background()
	a := testenv.New(t, from("help@a-instance.example"))
	b := testenv.New(t, from("desk@b-instance.example"))
	// Instance B writes to A as a customer would.
	first := []byte("From: Desk <desk@b-instance.example>\r\nTo: help@a-instance.example\r\nSubject: Sync fails\r\n" +
		"Message-ID: <b-1@b-instance.example>\r\nContent-Type: text/plain\r\n\r\nOur sync fails.\r\n")
	res, err := a.App.Inbound.Ingest(ctx, first, inbound.Source{Kind: inbound.SourceSMTP})
	if err != nil || !res.Created {
		t.Fatalf("A: %+v %v", res, err)
	}
	// A's agent answers by hand: a person's mail, not an automatic one.
	if _, err := a.App.Tickets.Reply(ctx, a.User(t, "agent"), res.Ticket, ticket.ReplyParams{Body: "Which version?"}); err != nil {
		t.Fatal(err)
	}
	// Pass mail between the two until neither has anything new to send.
	sent := map[*testenv.Env]int{a: 0, b: 0}
	peer := map[*testenv.Env]*testenv.Env{a: b, b: a}
	for round := 0; round < 10; round++ {
		moved := false
		for _, env := range []*testenv.Env{a, b} {
			mails := outbox(t, env)
			for _, raw := range mails[sent[env]:] {
				if _, err := peer[env].App.Inbound.Ingest(ctx, raw, inbound.Source{Kind: inbound.SourceSMTP}); err != nil {
					t.Fatal(err)
				}
				moved = true
			}
			sent[env] = len(mails)
		}
		if !moved {
			if round > 3 {
				t.Errorf("the exchange took %d rounds", round)
			}
			return
		}
	}
	t.Fatalf("still mailing each other after 10 rounds: A sent %d, B sent %d", sent[a], sent[b])
}

func TestRegistrationLinkIsMailedToNewContacts(t *testing.T) {
	env := testenv.New(t)
	ingest(t, env, mail{from: "Nina Neu <nina@newcomer.example>", subject: "Hello", body: "First contact"})
	mails, err := env.App.Store.OutboxMails(context.Background(), store.OutboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, m := range mails {
		if len(m.Recipients) == 1 && m.Recipients[0] == "nina@newcomer.example" {
			kinds[m.Kind] = true
		}
	}
	if !kinds["registration"] || !kinds["received"] {
		t.Errorf("mail to the new contact: %v, want a registration link and a receipt", kinds)
	}
	// An autoresponder is never invited.
	ingest(t, env, mail{from: "bot@newcomer.example", subject: "x", body: "…", headers: []string{"Auto-Submitted: auto-replied"}})
	if _, err := env.App.Store.UserByEmail(context.Background(), "bot@newcomer.example"); err == nil {
		t.Error("an unthreaded auto-reply created a contact")
	}
}
