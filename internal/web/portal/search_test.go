package portal_test

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"testing"

	"supportal/internal/testenv"
	"supportal/internal/ticket"
)

// TestPortalSearch searches the portal's ticket list: words of the
// subject and of messages, umlauts typed or not, never another
// organization's ticket nor the text of an internal note; a ticket
// number finds that ticket.
func TestPortalSearch(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	printer := env.Ticket(t, "a.member", "Drucker druckt leere Seiten", "Seit dem Update hängt die Warteschlange.")
	if _, err := env.App.Tickets.Reply(ctx, env.User(t, "agent"), printer.Number, ticket.ReplyParams{Body: "Geheimwort Treiberfehler", Internal: true}); err != nil {
		t.Fatal(err)
	}
	other := env.Ticket(t, "b.member", "Drucker im Lager", "Die Warteschlange hängt auch hier.")
	num := func(n int64) string { return fmt.Sprint(n) }
	search := func(key, q string) []string {
		t.Helper()
		return listedNumbers(env.Browser(t, key).Get("/portal/tickets?status=all&q=" + url.QueryEscape(q)).Body)
	}
	for _, c := range []struct {
		key, q string
		want   []string
	}{
		{"a.member", "drucker", []string{num(printer.Number)}},
		{"a.member", "warteschlange hängt", []string{num(printer.Number)}},
		{"a.member", "Warteschlange hangt", []string{num(printer.Number)}},
		{"a.member", "geheimwort", nil},
		{"a.primary", "treiberfehler", nil},
		{"b.member", "drucker", []string{num(other.Number)}},
		{"b.member", num(printer.Number), nil},
		{"a.member", num(printer.Number), []string{num(printer.Number)}},
	} {
		if got := search(c.key, c.q); !slices.Equal(got, c.want) {
			t.Errorf("%s searches %q: got %v, want %v", c.key, c.q, got, c.want)
		}
	}

}
