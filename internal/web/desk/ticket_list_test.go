package desk_test

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"supportal/internal/testenv"
	"supportal/internal/ticket"
)

func TestAgentSeesOwnTeamsTicketsOnly(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Invoice is missing", "Where is it?")

	if got := listed(env.Browser(t, "agent").Get("/desk/tickets").Body); !contains(got, tk.Number) {
		t.Errorf("agent of 1st level does not list the new ticket: %v", got)
	}
	other := env.Browser(t, "agent2")
	res := other.Get("/desk/tickets")
	if res.StatusCode != http.StatusOK || contains(listed(res.Body), tk.Number) || strings.Contains(res.Body, "Invoice is missing") {
		t.Errorf("agent2 (2nd level only) lists a 1st level ticket: status %d", res.StatusCode)
	}
	if got := listed(env.Browser(t, "admin").Get("/desk/tickets").Body); !contains(got, tk.Number) {
		t.Errorf("admin does not list every ticket: %v", got)
	}
}

func TestAgentOfAnotherTeamGetsNotFoundForTicket(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Invoice is missing", "Where is it?")
	c := env.Browser(t, "agent2")
	missing := c.Get("/desk/tickets/999999")
	for _, res := range []*testenv.Response{
		c.Get(path(tk)),
		c.PostForm(path(tk), sidePanel(tk, map[string]string{"priority": "urgent"})),
		c.PostForm(path(tk)+"/messages", map[string][]string{"body": {"hello"}, "visibility": {"public"}}),
	} {
		if res.StatusCode != http.StatusNotFound || strings.Contains(res.Body, "Invoice is missing") {
			t.Errorf("%s %s: status %d, want 404 without the subject", res.Request.Method, res.Request.URL.Path, res.StatusCode)
		}
		if res.Body != missing.Body {
			t.Errorf("%s %s: the 404 differs from that of a missing ticket", res.Request.Method, res.Request.URL.Path)
		}
	}
	if got := reload(t, env, tk); got.Priority != tk.Priority || len(events(t, env, tk)) != 1 {
		t.Error("a ticket the agent may not see was changed")
	}
	if res := env.Browser(t, "admin").Get(path(tk)); res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "Invoice is missing") {
		t.Errorf("admin gets %d for the ticket", res.StatusCode)
	}
}

func TestContactAndVisitorCannotReachDesk(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "My own ticket", "")
	c := env.Browser(t, "a.member")
	for _, p := range []string{"/desk", "/desk/tickets", path(tk)} {
		if res := c.Get(p); res.StatusCode != http.StatusNotFound {
			t.Errorf("contact: GET %s gave %d, want 404", p, res.StatusCode)
		}
	}
	if res := c.PostForm(path(tk)+"/messages", map[string][]string{"body": {"x"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("contact: POST messages gave %d, want 404", res.StatusCode)
	}
	res := env.Anonymous(t).Get("/desk/tickets")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
		t.Errorf("visitor: status %d to %q, want 303 to /login", res.StatusCode, res.Header.Get("Location"))
	}
	if res := env.Browser(t, "agent").Get("/desk"); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/desk/tickets" {
		t.Errorf("agent: /desk gave %d to %q, want 303 to /desk/tickets", res.StatusCode, res.Header.Get("Location"))
	}
}

func TestAssignedToMeQueueShowsOnlyAssignedTickets(t *testing.T) {
	env := testenv.New(t)
	mine := env.Ticket(t, "a.member", "Assigned one", "")
	other := env.Ticket(t, "b.member", "Nobody's one", "")
	assign(t, env, mine, "agent")
	c := env.Browser(t, "agent")

	queue := link(c.Get("/desk/tickets").Body, "Assigned to me")
	if queue == "" {
		t.Fatal("no queue link \"Assigned to me\"")
	}
	res := c.Get(queue)
	if got := listed(res.Body); len(got) != 1 || got[0] != mine.Number {
		t.Errorf("assigned to me lists %v, want only %d", got, mine.Number)
	}
	if !strings.Contains(res.Body, `aria-current="page">Assigned to me`) {
		t.Error("the queue is not marked as the current one")
	}
	if got := listed(c.Get(link(res.Body, "Unassigned")).Body); len(got) != 1 || got[0] != other.Number {
		t.Errorf("unassigned lists %v, want only %d", got, other.Number)
	}
}

func TestSortingByPriorityPutsUrgentFirst(t *testing.T) {
	env := testenv.New(t)
	numbers := map[string]int64{}
	for _, prio := range []string{"low", "urgent", "normal"} {
		tk, err := env.App.Tickets.Create(context.Background(), env.User(t, "a.member"), ticket.CreateParams{Subject: "Priority " + prio, Priority: prio})
		if err != nil {
			t.Fatal(err)
		}
		numbers[prio] = tk.Number
	}
	got := listed(env.Browser(t, "agent").Get("/desk/tickets?sort=priority").Body)
	want := []int64{numbers["urgent"], numbers["normal"], numbers["low"]}
	if len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("sorted by priority: %v, want %v", got, want)
	}
}

func TestPaginationFollowsNextLinksWithoutRepeats(t *testing.T) {
	env := testenv.New(t)
	var created []int64
	for i := range 7 {
		created = append(created, env.Ticket(t, "a.member", "Paged ticket "+strconv.Itoa(i), "").Number)
	}
	c := env.Browser(t, "agent")
	seen := map[int64]bool{}
	var order []int64
	next := "/desk/tickets?sort=created_asc&limit=3"
	for pages := 0; next != ""; pages++ {
		if pages > 5 {
			t.Fatal("the Next links do not end")
		}
		res := c.Get(next)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", next, res.StatusCode)
		}
		for _, n := range listed(res.Body) {
			if seen[n] {
				t.Errorf("ticket %d is listed twice", n)
			}
			seen[n] = true
			order = append(order, n)
		}
		if pages > 0 && link(res.Body, "First page") != "/desk/tickets?limit=3&sort=created_asc" {
			t.Errorf("page %d: first page link %q", pages+1, link(res.Body, "First page"))
		}
		next = link(res.Body, "Next page")
		if next != "" && !strings.Contains(next, "sort=created_asc") {
			t.Errorf("the Next link %q drops the sort", next)
		}
	}
	if len(order) != len(created) {
		t.Fatalf("listed %v, want %v", order, created)
	}
	for i := range created {
		if order[i] != created[i] {
			t.Fatalf("listed %v, want %v", order, created)
		}
	}
}

func TestListFiltersByStatusGroupAndText(t *testing.T) {
	env := testenv.New(t)
	open := env.Ticket(t, "a.member", "Printer jams", "")
	closed := env.Ticket(t, "a.member", "Printer was slow", "")
	status := "Closed"
	if _, err := env.App.Tickets.Update(context.Background(), env.User(t, "agent"), closed.Number, ticket.UpdateParams{Status: &status}); err != nil {
		t.Fatal(err)
	}
	c := env.Browser(t, "agent")
	if got := listed(c.Get("/desk/tickets").Body); len(got) != 1 || got[0] != open.Number {
		t.Errorf("default list %v, want only the ticket that is not closed", got)
	}
	if got := listed(c.Get("/desk/tickets?category=closed").Body); len(got) != 1 || got[0] != closed.Number {
		t.Errorf("closed list %v, want only %d", got, closed.Number)
	}
	if got := listed(c.Get("/desk/tickets?category=all&q=jams").Body); len(got) != 1 || got[0] != open.Number {
		t.Errorf("search for jams %v, want only %d", got, open.Number)
	}
}

func TestBadListFiltersGiveMessagesNotErrors(t *testing.T) {
	env := testenv.New(t)
	env.Ticket(t, "a.member", "Some ticket", "")
	c := env.Browser(t, "agent")
	for query, want := range map[string]string{
		"status=Nope":                   "There is no such status.",
		"category=nope":                 "There is no such status group.",
		"sort=sideways":                 "Choose one of the listed values.",
		"team=abc":                      "This does not exist.",
		"assignee=999999":               "This does not exist.",
		"cursor=garbage":                "This page link is not valid any more",
		"limit=5000":                    "Choose one of the listed values.",
		"q=" + strings.Repeat("x", 300): "This is too long.",
	} {
		res := c.Get("/desk/tickets?" + query)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, want) {
			t.Errorf("%s: status %d, want 422 with %q", query, res.StatusCode, want)
		}
	}
}

func TestDeskSpeaksGerman(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Drucker", "")
	c := env.Browser(t, "agent")
	c.Lang = "de"
	if res := c.Get("/desk/tickets"); !strings.Contains(res.Body, "Mir zugewiesen") || !strings.Contains(res.Body, "Wir sind am Zug") {
		t.Error("the list is not in German")
	}
	if res := c.Get(path(tk)); !strings.Contains(res.Body, "Interne Notiz") || !strings.Contains(res.Body, "hat das Ticket eröffnet") {
		t.Error("the ticket page is not in German")
	}
}
