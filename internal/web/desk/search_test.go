package desk_test

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"testing"

	"supportal/internal/testenv"
	"supportal/internal/ticket"
)

// TestDeskSearch finds tickets by the words of their subject, their
// messages and internal notes, within the agent's teams only.
func TestDeskSearch(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	printer := env.Ticket(t, "a.member", "Etikettendrucker druckt leere Seiten", "Seit gestern, bitte um Rückruf.")
	if _, err := env.App.Tickets.Reply(ctx, env.User(t, "agent"), printer.Number, ticket.ReplyParams{Body: "Treiber 4.2 neu installieren", Internal: true}); err != nil {
		t.Fatal(err)
	}
	other := env.Ticket(t, "b.member", "Rechnung fehlt", "Die Rechnung für März fehlt.")
	c := env.Browser(t, "agent")
	for q, want := range map[string][]int64{
		"etikettendrucker":      {printer.Number},
		"Etiketten":             nil,
		"ruckruf":               {printer.Number},
		"treiber installieren":  {printer.Number},
		"rechnung märz":         {other.Number},
		"rechnung marz":         {other.Number},
		"rechnung installieren": nil,
	} {
		if got := listed(c.Get("/desk/tickets?category=all&q=" + url.QueryEscape(q)).Body); !slices.Equal(got, want) {
			t.Errorf("search %q: got %v, want %v", q, got, want)
		}
	}
}

// TestDeskSearchOffersNoSort: matches come newest first, so while a
// search is typed the filter form says so instead of offering a sort.
func TestDeskSearchOffersNoSort(t *testing.T) {
	env := testenv.New(t)
	c := env.Browser(t, "agent")
	if body := c.Get("/desk/tickets").Body; !strings.Contains(body, `name="sort"`) {
		t.Error("the list without a search offers no sort")
	}
	body := c.Get("/desk/tickets?q=drucker").Body
	if strings.Contains(body, `name="sort"`) {
		t.Error("a search offers a sort it would not apply")
	}
	if !strings.Contains(body, "Matches are listed newest first.") {
		t.Error("a search does not say in which order its matches come")
	}
}
