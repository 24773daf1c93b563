package api_test

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"testing"

	"supportal/internal/testenv"
	"supportal/internal/ticket"
)

// TestTicketSearchPagesThroughResults searches GET /api/v1/tickets?q=
// two at a time: every match once, newest first, an internal note found
// by the agent and not by the contact, and a ticket number exactly.
func TestTicketSearchPagesThroughResults(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	var want []int64
	for i := range 5 {
		tk := env.Ticket(t, "a.colleague", fmt.Sprint("Lizenz Nummer ", i), "Die Lizenz läuft am Monatsende ab.")
		want = append([]int64{tk.Number}, want...)
	}
	env.Ticket(t, "b.member", "Lizenz im Lager", "Auch unsere Lizenz läuft ab.")
	noted := env.Ticket(t, "a.colleague", "Anderes Thema", "Nichts Besonderes.")
	if _, err := env.App.Tickets.Reply(ctx, env.User(t, "agent"), noted.Number, ticket.ReplyParams{Body: "Lizenzschlüssel intern", Internal: true}); err != nil {
		t.Fatal(err)
	}
	type page struct {
		Items []struct {
			Number int64 `json:"number"`
		} `json:"items"`
		NextCursor *string `json:"next_cursor"`
	}
	search := func(key, q string) []int64 {
		t.Helper()
		c := env.Bearer(t, key)
		var got []int64
		cursor := ""
		for range 10 {
			var p page
			res := c.Get("/api/v1/tickets?limit=2&q=" + url.QueryEscape(q) + "&cursor=" + url.QueryEscape(cursor))
			if res.StatusCode != 200 {
				t.Fatalf("%s searches %q: status %d: %s", key, q, res.StatusCode, res.Body)
			}
			res.JSON(t, &p)
			for _, it := range p.Items {
				got = append(got, it.Number)
			}
			if p.NextCursor == nil {
				return got
			}
			cursor = *p.NextCursor
		}
		t.Fatalf("%s searches %q: more than 10 pages", key, q)
		return nil
	}
	if got := search("a.colleague", "lizenz monatsende"); !slices.Equal(got, want) {
		t.Errorf("colleague's search: got %v, want %v", got, want)
	}
	if got := search("a.colleague", "lizenzschlüssel"); got != nil {
		t.Errorf("a contact finds an internal note: %v", got)
	}
	if got := search("agent", "Lizenzschlussel"); !slices.Equal(got, []int64{noted.Number}) {
		t.Errorf("agent's search for the note: got %v, want %d", got, noted.Number)
	}
	if got := search("a.colleague", fmt.Sprint(want[2])); !slices.Equal(got, want[2:3]) {
		t.Errorf("search by number: got %v, want %v", got, want[2:3])
	}
	// A cursor of another list is refused as invalid input, not an error.
	if res := env.Bearer(t, "a.colleague").Get("/api/v1/tickets?q=lizenz&cursor=eyJzIjoiYWN0aXZpdHkiLCJrIjpbXSwiaSI6MX0"); res.StatusCode != 422 {
		t.Errorf("foreign cursor: status %d, want 422", res.StatusCode)
	}
}
