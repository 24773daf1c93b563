package desk_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"supportal/internal/inbound"
	"supportal/internal/model"
	"supportal/internal/testenv"
	"supportal/internal/ticket"
)

// storedMessages lists the stored messages of a ticket.
func storedMessages(t *testing.T, env *testenv.Env, tk *model.Ticket) []*model.Message {
	t.Helper()
	list, err := env.Store.Messages(context.Background(), tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func TestAgentLinksAndUnlinksTickets(t *testing.T) {
	env := testenv.New(t)
	a := env.Ticket(t, "a.member", "Invoice wrong", "The invoice is wrong.")
	b := env.Ticket(t, "a.colleague", "Invoice wrong too", "Mine as well.")
	c := env.Session(t, "agent")
	if res := c.PostForm(path(a)+"/links", url.Values{"other": {fmt.Sprintf("#%d", b.Number)}, "kind": {"parent"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("link: %d\n%s", res.StatusCode, res.Body)
	}
	if page := c.Get(path(a)); !strings.Contains(page.Body, fmt.Sprintf(`href="/desk/tickets/%d"`, b.Number)) || !strings.Contains(page.Body, "Parent") {
		t.Errorf("ticket %d does not show its parent", a.Number)
	}
	if page := c.Get(path(b)); !strings.Contains(page.Body, "Child") || !strings.Contains(page.Body, fmt.Sprintf("linked #%d (Child)", a.Number)) {
		t.Errorf("ticket %d does not show its child with history", b.Number)
	}
	if res := c.PostForm(path(a)+"/links", url.Values{"other": {fmt.Sprint(b.Number)}, "kind": {"related"}}); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(res.Body, "These tickets are linked already") {
		t.Errorf("linking twice: %d", res.StatusCode)
	}
	if res := c.PostForm(fmt.Sprintf("%s/links/%d/delete", path(b), a.Number), nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("unlink: %d", res.StatusCode)
	}
	if links, _ := env.Store.TicketLinks(context.Background(), a.ID); len(links) != 0 {
		t.Errorf("after unlinking ticket %d still has %d links", a.Number, len(links))
	}
	if page := c.Get(path(a)); !strings.Contains(page.Body, fmt.Sprintf("removed the link to #%d", b.Number)) {
		t.Errorf("the history lacks the removed link")
	}
}

func TestLinkRefusesTicketsTheAgentCannotSee(t *testing.T) {
	env := testenv.New(t)
	mine := env.Ticket(t, "a.member", "Mine", "Text.")
	other := env.Ticket(t, "b.member", "Elsewhere", "Text.")
	two := env.World.Teams["2nd level"]
	if _, err := env.App.Tickets.Update(context.Background(), env.User(t, "admin"), other.Number, ticket.UpdateParams{TeamID: &two}); err != nil {
		t.Fatal(err)
	}
	c := env.Session(t, "agent")
	for _, tc := range []struct {
		lang, other, kind, want string
	}{
		{"en", fmt.Sprint(other.Number), "related", "There is no ticket with this number that you can work on."},
		{"en", "999999", "related", "There is no ticket with this number that you can work on."},
		{"en", "abc", "related", "There is no ticket with this number that you can work on."},
		{"en", fmt.Sprint(mine.Number), "related", "Enter the number of another ticket."},
		{"en", "", "related", "This field is required."},
		{"de", fmt.Sprint(other.Number), "related", "Es gibt kein Ticket mit dieser Nummer, das Sie bearbeiten können."},
	} {
		c.Lang = tc.lang
		res := c.PostForm(path(mine)+"/links", url.Values{"other": {tc.other}, "kind": {tc.kind}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, tc.want) {
			t.Errorf("other %q (%s): %d, want 422 with %q", tc.other, tc.lang, res.StatusCode, tc.want)
		}
		if strings.Contains(res.Body, "Elsewhere") {
			t.Errorf("the refusal shows the subject of a ticket the agent cannot see")
		}
	}
	c.Lang = "en"
	if res := c.PostForm(path(mine)+"/links", url.Values{"other": {"1"}, "kind": {"technical"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a technical link by hand: %d, want 422", res.StatusCode)
	}
	if links, _ := env.Store.TicketLinks(context.Background(), mine.ID); len(links) != 0 {
		t.Errorf("refused input linked %d tickets", len(links))
	}
	if res := env.Session(t, "agent2").PostForm(path(mine)+"/links", url.Values{"other": {fmt.Sprint(other.Number)}, "kind": {"related"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("an agent of another team linked from a ticket it cannot see: %d", res.StatusCode)
	}
}

func TestMergeMovesMessagesAndThreadsMailToTheSurvivor(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	old := env.Ticket(t, "a.member", "VPN down", "The VPN is down.")
	survivor := env.Ticket(t, "a.colleague", "No VPN", "VPN does not connect.")
	c := env.Session(t, "agent")
	res := c.PostForm(path(old)+"/merge", url.Values{"into": {fmt.Sprint(survivor.Number)}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != path(survivor) {
		t.Fatalf("merge: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	if got := storedMessages(t, env, old); len(got) != 0 {
		t.Errorf("the merged ticket kept %d messages", len(got))
	}
	if got := storedMessages(t, env, survivor); len(got) != 2 {
		t.Errorf("the survivor has %d messages, want 2", len(got))
	}
	if got := reload(t, env, old); got.Status.Category != model.CategoryClosed {
		t.Errorf("the merged ticket is %s, want closed", got.Status.Name)
	}
	page := c.Get(path(old))
	if !strings.Contains(page.Body, "This ticket was merged into ticket") || !strings.Contains(page.Body, fmt.Sprintf(`<a href="/desk/tickets/%d">#%d</a>`, survivor.Number, survivor.Number)) {
		t.Errorf("the merged ticket does not point to the survivor:\n%s", page.Body)
	}
	if page := c.Get(path(survivor)); !strings.Contains(page.Body, "The VPN is down.") || !strings.Contains(page.Body, fmt.Sprintf("merged ticket #%d into this one", old.Number)) {
		t.Errorf("the survivor lacks the merged message or its history")
	}
	// The requester of the merged ticket answers a mail tagged with the old number.
	raw := fmt.Sprintf("From: User a.member <a.member@a.example>\r\nTo: support@localhost\r\nSubject: Re: VPN down [#%d]\r\nMessage-ID: <late@a.example>\r\n"+
		"Content-Type: text/plain\r\n\r\nStill down this morning.\r\n", old.Number)
	got, err := env.App.Inbound.Ingest(ctx, []byte(raw), inbound.Source{Kind: inbound.SourcePipe})
	if err != nil {
		t.Fatal(err)
	}
	if got.Created || got.Ticket != survivor.Number {
		t.Fatalf("the mail to #%d went to #%d (created %v), want the survivor #%d", old.Number, got.Ticket, got.Created, survivor.Number)
	}
	// The member reads the survivor in the portal.
	if view := env.Session(t, "a.member").Get(fmt.Sprintf("/portal/tickets/%d", survivor.Number)); view.StatusCode != http.StatusOK || !strings.Contains(view.Body, "Still down this morning.") {
		t.Errorf("the requester of the merged ticket cannot read the survivor: %d", view.StatusCode)
	}
}

func TestMergeRefusesOtherOrganizationsAndChangesNothing(t *testing.T) {
	env := testenv.New(t)
	a := env.Ticket(t, "a.member", "A", "Text of A.")
	b := env.Ticket(t, "b.member", "B", "Text of B.")
	c := env.Session(t, "agent")
	for _, tc := range []struct{ lang, into, want string }{
		{"en", fmt.Sprint(b.Number), "Only tickets of the same organization can be merged."},
		{"de", fmt.Sprint(b.Number), "Nur Tickets derselben Organisation können zusammengeführt werden."},
		{"en", fmt.Sprint(a.Number), "Enter the number of another ticket."},
		{"en", "", "This field is required."},
	} {
		c.Lang = tc.lang
		res := c.PostForm(path(a)+"/merge", url.Values{"into": {tc.into}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, tc.want) {
			t.Errorf("into %q (%s): %d, want 422 with %q", tc.into, tc.lang, res.StatusCode, tc.want)
		}
	}
	if got := storedMessages(t, env, a); len(got) != 1 || reload(t, env, a).Status.Category != model.CategoryNew {
		t.Errorf("a refused merge changed the ticket")
	}
}

func TestSplitMakesAMessageANewTicket(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Two problems", "The printer jams.")
	member := env.User(t, "a.member")
	if _, err := env.App.Tickets.Reply(context.Background(), member, tk.Number, ticket.ReplyParams{Body: "Also, the scanner is slow."}); err != nil {
		t.Fatal(err)
	}
	msgs := storedMessages(t, env, tk)
	second := msgs[len(msgs)-1]
	c := env.Session(t, "agent")
	if res := c.PostForm(fmt.Sprintf("%s/messages/%d/split", path(tk), second.ID), url.Values{"subject": {strings.Repeat("x", 300)}}); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(res.Body, "This is too long.") {
		t.Errorf("a long subject: %d, want 422", res.StatusCode)
	}
	res := c.PostForm(fmt.Sprintf("%s/messages/%d/split", path(tk), second.ID), url.Values{"subject": {""}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("split: %d\n%s", res.StatusCode, res.Body)
	}
	page := c.Get(res.Header.Get("Location"))
	want := fmt.Sprintf("Split from #%d", tk.Number)
	if !strings.Contains(page.Body, want) || !strings.Contains(page.Body, "the scanner is slow") || !strings.Contains(page.Body, fmt.Sprintf("split this ticket off ticket #%d", tk.Number)) {
		t.Errorf("the new ticket lacks %q, the message or its history:\n%s", want, page.Body)
	}
	if got := storedMessages(t, env, tk); len(got) != 1 {
		t.Errorf("the old ticket has %d messages, want 1", len(got))
	}
	if page := c.Get(path(tk)); !strings.Contains(page.Body, "split a message off into ticket #") {
		t.Errorf("the old ticket's history lacks the split")
	}
	portal := strings.Replace(res.Header.Get("Location"), "/desk/", "/portal/", 1)
	if view := env.Session(t, "a.member").Get(portal); view.StatusCode != http.StatusOK || !strings.Contains(view.Body, "the scanner is slow") {
		t.Errorf("the requester cannot read the new ticket at %s: %d", portal, view.StatusCode)
	}
	// The only message left cannot be split off; a message of another ticket is not found.
	first := storedMessages(t, env, tk)[0]
	if res := c.PostForm(fmt.Sprintf("%s/messages/%d/split", path(tk), first.ID), nil); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(res.Body, "The only message of a ticket cannot be split off.") {
		t.Errorf("splitting the only message: %d", res.StatusCode)
	}
	if res := c.PostForm(fmt.Sprintf("%s/messages/%d/split", path(tk), second.ID), nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("splitting a message of another ticket: %d, want 404", res.StatusCode)
	}
}
