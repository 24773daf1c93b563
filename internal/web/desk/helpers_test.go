package desk_test

import (
	"context"
	"html"
	"net/url"
	"regexp"
	"strconv"
	"testing"

	"supportal/internal/model"
	"supportal/internal/testenv"
	"supportal/internal/ticket"
)

// path is the desk address of a ticket.
func path(t *model.Ticket) string { return "/desk/tickets/" + strconv.FormatInt(t.Number, 10) }

// reload reads a ticket as it is stored now.
func reload(t *testing.T, env *testenv.Env, tk *model.Ticket) *model.Ticket {
	t.Helper()
	got, err := env.Store.Ticket(context.Background(), tk.Number)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// events returns a ticket's history.
func events(t *testing.T, env *testenv.Env, tk *model.Ticket) []model.Event {
	t.Helper()
	evs, err := env.Store.Events(context.Background(), tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

// sidePanel is the side panel form as the page sends it unchanged, with
// changes applied.
func sidePanel(tk *model.Ticket, changes map[string]string) url.Values {
	v := url.Values{
		"status": {tk.Status.Name}, "waiting_reason": {tk.WaitingReason},
		"type": {tk.Type}, "priority": {tk.Priority}, "impact": {tk.Impact}, "module": {tk.Module}, "version": {tk.Version},
		"team": {strconv.FormatInt(tk.TeamID, 10)}, "assignee_id": {strconv.FormatInt(tk.AssigneeID, 10)},
	}
	for k, val := range changes {
		v.Set(k, val)
	}
	return v
}

// assign gives a ticket to the agent under key, as the admin.
func assign(t *testing.T, env *testenv.Env, tk *model.Ticket, key string) {
	t.Helper()
	id := env.User(t, key).ID
	if _, err := env.App.Tickets.Update(context.Background(), env.User(t, "admin"), tk.Number, ticket.UpdateParams{AssigneeID: &id}); err != nil {
		t.Fatal(err)
	}
}

var rowNumber = regexp.MustCompile(`<td><a href="/desk/tickets/(\d+)">#`)

// listed returns the ticket numbers of a list page, in order.
func listed(body string) []int64 {
	var out []int64
	for _, m := range rowNumber.FindAllStringSubmatch(body, -1) {
		n, _ := strconv.ParseInt(m[1], 10, 64)
		out = append(out, n)
	}
	return out
}

// link returns the address of the first link with the given text, or "".
func link(body, text string) string {
	re := regexp.MustCompile(`<a href="([^"]*)"[^>]*>` + regexp.QuoteMeta(text) + `</a>`)
	m := re.FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

func contains(list []int64, n int64) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}
