package portal_test

import (
	"context"
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
	"supportal/internal/ticket"
)

// payload is markup that must never reach a page unescaped.
const payload = `<script>alert(1)</script><img src=x onerror=alert(1)>`

// wantStatus fails the test if res does not have status code want.
func wantStatus(t *testing.T, res *testenv.Response, want int) {
	t.Helper()
	if res.StatusCode != want {
		t.Fatalf("%s %s: status %d, want %d\n%s", res.Request.Method, res.Request.URL.Path, res.StatusCode, want, res.Body)
	}
}

// wantText fails the test unless body contains every text.
func wantText(t *testing.T, body string, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if !strings.Contains(body, s) {
			t.Errorf("page does not show %q", s)
		}
	}
}

// wantNoText fails the test if body contains any text.
func wantNoText(t *testing.T, body string, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if strings.Contains(body, s) {
			t.Errorf("page shows %q, which it must not", s)
		}
	}
}

// ticketPath is the portal address of ticket tk.
func ticketPath(tk *model.Ticket) string {
	return "/portal/tickets/" + strconv.FormatInt(tk.Number, 10)
}

var ticketLink = regexp.MustCompile(`href="/portal/tickets/(\d+)"`)

// listedNumbers returns the ticket numbers a list page links to.
func listedNumbers(body string) []string {
	var out []string
	for _, m := range ticketLink.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

var nextLink = regexp.MustCompile(`<a href="([^"]+)" rel="next">`)

// nextURL returns the address of the "Next page" link, or "".
func nextURL(body string) string {
	m := nextLink.FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

var attachmentLink = regexp.MustCompile(`href="(/portal/attachments/\d+)"`)

// attachmentURLs returns the download links of a ticket page.
func attachmentURLs(body string) []string {
	var out []string
	for _, m := range attachmentLink.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

// addParticipant makes the user under key a participant of tk.
func addParticipant(t *testing.T, env *testenv.Env, tk *model.Ticket, key string) {
	t.Helper()
	if err := env.Store.AddParticipant(context.Background(), tk.ID, env.User(t, key).ID); err != nil {
		t.Fatal(err)
	}
}

// setCategory moves tk to a category as the agent, with a waiting reason
// when it waits for the customer.
func setCategory(t *testing.T, env *testenv.Env, tk *model.Ticket, c model.Category, reason string) {
	t.Helper()
	p := ticket.UpdateParams{Category: &c}
	if reason != "" {
		p.WaitingReason = &reason
	}
	if _, err := env.App.Tickets.Update(context.Background(), env.User(t, "agent"), tk.Number, p); err != nil {
		t.Fatal(err)
	}
}

// category returns the current category of tk, as the agent sees it.
func category(t *testing.T, env *testenv.Env, tk *model.Ticket) model.Category {
	t.Helper()
	got, _, err := env.App.Tickets.Get(context.Background(), env.User(t, "agent"), tk.Number)
	if err != nil {
		t.Fatal(err)
	}
	return got.Status.Category
}

// agentReply writes a reply (or an internal note) on tk as the agent.
func agentReply(t *testing.T, env *testenv.Env, tk *model.Ticket, body string, internal bool) {
	t.Helper()
	if _, err := env.App.Tickets.Reply(context.Background(), env.User(t, "agent"), tk.Number, ticket.ReplyParams{Body: body, Internal: internal}); err != nil {
		t.Fatal(err)
	}
}

// ticketCount is the number of tickets the user under key may see.
func ticketCount(t *testing.T, env *testenv.Env, key string) int {
	t.Helper()
	n, cursor := 0, ""
	for {
		page, err := env.App.Tickets.List(context.Background(), env.User(t, key), store.TicketFilter{Cursor: cursor, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		n += len(page.Tickets)
		if page.Next == "" {
			return n
		}
		cursor = page.Next
	}
}
