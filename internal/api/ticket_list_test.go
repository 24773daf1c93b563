package api_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"supportal/internal/testenv"
	"supportal/internal/ticket"
)

// listNumbers fetches one page of path as c and returns the numbers on it.
func listNumbers(t *testing.T, c *testenv.Client, path string) ([]int64, *string) {
	t.Helper()
	res := c.Get(path)
	want(t, res, http.StatusOK)
	var l apiTicketList
	res.JSON(t, &l)
	var out []int64
	for _, tk := range l.Items {
		out = append(out, tk.Number)
	}
	slices.Sort(out)
	return out, l.NextCursor
}

func TestTicketListShowsEachCallerOnlyWhatItMaySee(t *testing.T) {
	env := testenv.New(t)
	mine := env.Ticket(t, "a.member", "Member's printer", "").Number
	colleagues := env.Ticket(t, "a.colleague", "Colleague's invoice", "").Number
	other := env.Ticket(t, "b.member", "Other org's secret", "").Number
	for key, wantNums := range map[string][]int64{
		"a.member":    {mine},
		"a.colleague": {mine, colleagues},
		"a.primary":   {mine, colleagues},
		"b.member":    {other},
		"b.colleague": {other},
		"loner":       nil,
		"agent":       {mine, colleagues, other},
		"agent2":      nil, // tickets land in 1st level; agent2 is in 2nd level only
		"admin":       {mine, colleagues, other},
	} {
		got, next := listNumbers(t, env.Bearer(t, key), "/api/v1/tickets")
		if !slices.Equal(got, wantNums) {
			t.Errorf("%s sees %v, want %v", key, got, wantNums)
		}
		if next != nil {
			t.Errorf("%s: next_cursor %q on a single page", key, *next)
		}
	}
}

func TestTicketListFiltersCannotWidenTheScope(t *testing.T) {
	env := testenv.New(t)
	env.Ticket(t, "b.member", "Other org's secret", "")
	got, _ := listNumbers(t, env.Bearer(t, "a.colleague"), fmt.Sprintf("/api/v1/tickets?org=%d", env.OrgB.ID))
	if len(got) != 0 {
		t.Errorf("filtering by another organization shows %v", got)
	}
}

func TestTicketListWalksEveryTicketOnceWithCursor(t *testing.T) {
	env := testenv.New(t)
	var all []int64
	for i := range 7 {
		all = append(all, env.Ticket(t, "a.member", fmt.Sprintf("Ticket %d", i), "").Number)
	}
	for _, sort := range []string{"", "created_asc", "priority"} {
		c := env.Bearer(t, "a.member")
		var seen []int64
		q := url.Values{"limit": {"2"}}
		if sort != "" {
			q.Set("sort", sort)
		}
		for pages := 0; ; pages++ {
			if pages > 10 {
				t.Fatalf("sort %q: the cursor does not end", sort)
			}
			got, next := listNumbers(t, c, "/api/v1/tickets?"+q.Encode())
			if len(got) > 2 {
				t.Fatalf("sort %q: page of %d with limit 2", sort, len(got))
			}
			seen = append(seen, got...)
			if next == nil {
				break
			}
			q.Set("cursor", *next)
		}
		slices.Sort(seen)
		if !slices.Equal(seen, all) {
			t.Errorf("sort %q: walked %v, want each of %v once", sort, seen, all)
		}
	}
}

func TestTicketListRejectsBadParameters(t *testing.T) {
	env := testenv.New(t)
	env.Ticket(t, "a.member", "Printer", "")
	c := env.Bearer(t, "a.member")
	for query, field := range map[string]string{
		"limit=101":        "limit",
		"limit=0":          "limit",
		"limit=ten":        "limit",
		"cursor=garbage!":  "cursor",
		"category=nope":    "category",
		"category=open,xx": "category",
		"sort=sideways":    "sort",
		"status=Nope":      "status",
		"org=acme":         "org",
		"team=Nobody":      "team",
		"assignee=someone": "assignee",
	} {
		res := c.Get("/api/v1/tickets?" + query)
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d, want 422", query, res.StatusCode)
			continue
		}
		var e apiError
		res.JSON(t, &e)
		if e.Fields[field] == "" {
			t.Errorf("%s: 422 does not name %s: %s", query, field, res.Body)
		}
	}
}

func TestTicketListCursorOfAnotherSortIsRejected(t *testing.T) {
	env := testenv.New(t)
	for range 3 {
		env.Ticket(t, "a.member", "Printer", "")
	}
	c := env.Bearer(t, "a.member")
	_, next := listNumbers(t, c, "/api/v1/tickets?limit=1&sort=created")
	if next == nil {
		t.Fatal("no next_cursor")
	}
	wantField(t, c.Get("/api/v1/tickets?sort=priority&cursor="+url.QueryEscape(*next)), "cursor")
}

func TestTicketListFilters(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	agent := env.User(t, "agent")
	printer := env.Ticket(t, "a.member", "Printer jams", "").Number
	invoice := env.Ticket(t, "a.member", "Invoice wrong", "").Number
	mail := env.Ticket(t, "a.member", "Mail bounces", "").Number
	if _, err := env.App.Tickets.Update(ctx, agent, invoice, ticket.UpdateParams{AssigneeID: &agent.ID}); err != nil {
		t.Fatal(err)
	}
	resolved := "Resolved"
	if _, err := env.App.Tickets.Update(ctx, agent, mail, ticket.UpdateParams{Status: &resolved}); err != nil {
		t.Fatal(err)
	}
	c := env.Bearer(t, "agent")
	for query, wantNums := range map[string][]int64{
		"q=printer":                        {printer},
		fmt.Sprintf("q=%d", mail):          {mail},
		"assignee=me":                      {invoice},
		"assignee=none":                    {printer, mail},
		"category=new":                     {printer, invoice},
		"category=resolved,closed":         {mail},
		"status=Resolved":                  {mail},
		"team=1st+level":                   {printer, invoice, mail},
		"team=2nd+level":                   nil,
		fmt.Sprintf("org=%d", env.OrgA.ID): {printer, invoice, mail},
	} {
		got, _ := listNumbers(t, c, "/api/v1/tickets?"+query)
		if !slices.Equal(got, wantNums) {
			t.Errorf("%s: %v, want %v", query, got, wantNums)
		}
	}
}
