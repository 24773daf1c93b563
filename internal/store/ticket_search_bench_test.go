package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

// BenchmarkTicketSearch measures one page of search results: an
// administrator's over every ticket and a colleague's within its
// organization, for a word many tickets hold, two words, a word half
// typed and a word no ticket holds. 5,000 tickets with three messages
// each (100 in -short mode); docs/performance.md has the figures of a
// million.
func BenchmarkTicketSearch(b *testing.B) {
	st, users := benchTickets(b, testenv.Scale(5_000, 100), 10)
	ctx := context.Background()
	texts := []string{
		"Der Drucker druckt leere Seiten seit dem Update.",
		"Die Rechnung für März fehlt noch immer.",
		"The export to Excel stops halfway, please check.",
		"Die Lizenz läuft am Ende des Monats ab.",
		"Bitte um Rückruf wegen der Vertragsverlängerung.",
	}
	err := st.InTx(ctx, func(q *store.Queries) error {
		page, err := q.Tickets(ctx, store.TicketFilter{Scope: authz.TicketScope{All: true}, Limit: 1})
		if err != nil || len(page.Tickets) == 0 {
			return fmt.Errorf("no tickets: %v", err)
		}
		last := page.Tickets[0].ID
		at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		for id := last; id > last-int64(testenv.Scale(5_000, 100)); id-- {
			for k := range 3 {
				_, err := q.CreateMessage(ctx, store.NewMessage{TicketID: id, Kind: model.KindPortal, AuthorID: users[0],
					Body: texts[(int(id)+k)%len(texts)], Internal: k == 2, CreatedAt: at})
				if err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	contact, err := st.User(ctx, users[0])
	if err != nil {
		b.Fatal(err)
	}
	for _, who := range []struct {
		name  string
		scope authz.TicketScope
	}{{"admin", authz.TicketScope{All: true}}, {"colleague", authz.Tickets(contact)}} {
		for _, text := range []string{"drucker", "rechnung marz", "vertragsverl", "quarzuhr"} {
			b.Run(who.name+"/"+text, func(b *testing.B) {
				for b.Loop() {
					if _, err := st.Tickets(ctx, store.TicketFilter{Scope: who.scope, Text: text}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
