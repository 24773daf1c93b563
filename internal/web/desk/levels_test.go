package desk_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
	"supportal/internal/ticket"
)

// teamID is the id of the team named name, as the forms send it.
func teamID(env *testenv.Env, name string) string { return fmt.Sprint(env.Teams[name]) }

func TestEscalationMovesTheTicketWithANoteAndTellsTheTeam(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Database does not start", "It stops at once.")
	assign(t, env, tk, "agent")
	c := env.Browser(t, "agent")

	page := c.Get(path(tk)).Body
	form := regexp.MustCompile(`(?s)<form[^>]*id="escalate"[^>]*>.*?</form>`).FindString(page)
	if form == "" || !strings.Contains(form, `name="team"`) || !strings.Contains(form, `name="note"`) ||
		!strings.Contains(form, fmt.Sprintf(`<option value="%s">2nd level</option>`, teamID(env, "2nd level"))) {
		t.Fatalf("the ticket page has no escalate form with the teams:\n%s", form)
	}
	if strings.Contains(form, ">1st level</option>") {
		t.Error("the escalate form offers the ticket's own team")
	}

	note := "Crash at start-up, log in the first message. Please check the index."
	res := c.PostForm(path(tk)+"/escalate", url.Values{"team": {teamID(env, "2nd level")}, "note": {note}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/desk/tickets" {
		t.Fatalf("escalating: status %d, location %q\n%s", res.StatusCode, res.Header.Get("Location"), res.Body)
	}
	got := reload(t, env, tk)
	if got.TeamName != "2nd level" || got.AssigneeID != 0 {
		t.Errorf("after escalating: team %q, assignee %d; want 2nd level and nobody", got.TeamName, got.AssigneeID)
	}
	if got.Ball() != model.BallSupport {
		t.Errorf("the ball went to %s", got.Ball())
	}
	msgs, err := env.Store.Messages(context.Background(), tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	last := msgs[len(msgs)-1]
	if !last.Internal || last.Kind != model.KindNote || last.Body != note {
		t.Errorf("the note is not an internal note: %+v", last)
	}
	if c.Get(path(tk)).StatusCode != http.StatusNotFound {
		t.Error("the agent of 1st level still sees the escalated ticket")
	}
	adminPage := env.Browser(t, "admin").Get(path(tk)).Body
	if !strings.Contains(html.UnescapeString(adminPage), "User agent escalated to 2nd level: "+note) {
		t.Error("the history does not show the escalation with its note")
	}

	for _, to := range []string{"agent2@staff.example", "admin@staff.example"} {
		mails := env.Mails(t, "escalated", to)
		if len(mails) != 1 {
			t.Fatalf("%s got %d escalation mails, want 1", to, len(mails))
		}
		m := mails[0]
		if !strings.Contains(m.Subject, "Escalated to 2nd level") || !strings.Contains(m.Text, note) ||
			!strings.Contains(m.Text, fmt.Sprintf("/desk/tickets/%d", tk.Number)) {
			t.Errorf("escalation mail to %s: %q\n%s", to, m.Subject, m.Text)
		}
	}
	if n := len(env.Mails(t, "escalated", "a.member@a.example")); n != 0 {
		t.Errorf("the contact got %d escalation mails", n)
	}

	portal := env.Browser(t, "a.member").Get(fmt.Sprintf("/portal/tickets/%d", tk.Number))
	if portal.StatusCode != http.StatusOK {
		t.Fatalf("portal: status %d", portal.StatusCode)
	}
	body := html.UnescapeString(portal.Body)
	for _, secret := range []string{"Crash at start-up", "2nd level", "escalated"} {
		if strings.Contains(body, secret) {
			t.Errorf("the contact's portal page shows %q", secret)
		}
	}
	if !strings.Contains(body, `<span class="ball ball-support">With support</span>`) {
		t.Error("the portal does not show the ticket as support's turn")
	}
}

func TestEscalationRefusesSameTeamAndMissingNote(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Slow export", "")
	c := env.Browser(t, "agent")
	for _, tc := range []struct {
		form url.Values
		want string
	}{
		{url.Values{"team": {teamID(env, "1st level")}, "note": {"Back to us"}}, "The ticket is already in this team."},
		{url.Values{"team": {teamID(env, "2nd level")}, "note": {"  "}}, "This field is required."},
		{url.Values{"note": {"No team"}}, "Choose the team the ticket goes to."},
	} {
		res := c.PostForm(path(tk)+"/escalate", tc.form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(html.UnescapeString(res.Body), tc.want) {
			t.Errorf("%v: status %d, want 422 with %q", tc.form, res.StatusCode, tc.want)
		}
	}
	if got := reload(t, env, tk); got.TeamName != "1st level" || len(events(t, env, tk)) != 1 {
		t.Error("a refused escalation changed the ticket")
	}
	if n := len(env.Mails(t, "escalated", "")); n != 0 {
		t.Errorf("a refused escalation sent %d mails", n)
	}
}

func TestEscalationToANamedAssigneeOfTheTeam(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	tk := env.Ticket(t, "a.member", "License key rejected", "")
	agent, agent2 := env.User(t, "agent"), env.User(t, "agent2")
	_, err := env.App.Tickets.Escalate(ctx, agent, tk.Number, ticket.EscalateParams{TeamID: env.Teams["2nd level"], Note: "Over to you", AssigneeID: agent.ID})
	if err == nil {
		t.Fatal("the ticket was escalated to 2nd level with an assignee outside that team")
	}
	got, err := env.App.Tickets.Escalate(ctx, agent, tk.Number, ticket.EscalateParams{TeamID: env.Teams["2nd level"], Note: "Over to you", AssigneeID: agent2.ID})
	if err != nil {
		t.Fatal(err)
	}
	if got.AssigneeID != agent2.ID {
		t.Errorf("assignee %d, want agent2", got.AssigneeID)
	}
	if len(env.Mails(t, "escalated", agent2.Email)) != 1 || len(env.Mails(t, "escalated", "admin@staff.example")) != 0 {
		t.Error("with an assignee named, only the assignee is told")
	}
	// De-escalating is the same action to another team.
	if _, err := env.App.Tickets.Escalate(ctx, agent2, tk.Number, ticket.EscalateParams{TeamID: env.Teams["1st level"], Note: "Fixed the key; please answer the customer."}); err != nil {
		t.Fatal(err)
	}
	if got := reload(t, env, tk); got.TeamName != "1st level" || got.AssigneeID != 0 {
		t.Errorf("after de-escalating: team %q, assignee %d", got.TeamName, got.AssigneeID)
	}
}

func TestTakeOverAssignsMeAndTellsThePreviousAgent(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Printer offline", "")
	assign(t, env, tk, "agent")
	c := env.Browser(t, "admin")
	if page := c.Get(path(tk)).Body; !strings.Contains(page, `action="`+path(tk)+`/take"`) || !strings.Contains(page, ">Take over</button>") {
		t.Fatal("the ticket page offers no take over to an agent it is not assigned to")
	}
	res := c.PostForm(path(tk)+"/take", nil)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != path(tk) {
		t.Fatalf("take over: status %d, location %q", res.StatusCode, res.Header.Get("Location"))
	}
	got := reload(t, env, tk)
	if got.AssigneeID != env.User(t, "admin").ID || got.TeamName != "1st level" {
		t.Errorf("after take over: assignee %q, team %q", got.AssigneeName, got.TeamName)
	}
	page := c.Get(path(tk)).Body
	if !strings.Contains(page, "User admin took over the ticket from User agent") {
		t.Error("the history does not show the take over")
	}
	if strings.Contains(page, ">Take over</button>") {
		t.Error("the page offers to take over a ticket that is mine")
	}
	mails := env.Mails(t, "taken_over", "agent@staff.example")
	if len(mails) != 1 || !strings.Contains(mails[0].Subject, fmt.Sprintf("User admin took over #%d", tk.Number)) {
		t.Fatalf("the previous assignee was not told: %+v", mails)
	}

	// From the list, the row's button returns to the list with its filters.
	tk2 := env.Ticket(t, "a.member", "Scanner offline", "")
	a := env.Browser(t, "agent")
	list := a.Get("/desk/tickets?q=offline").Body
	if !strings.Contains(list, fmt.Sprintf(`action="/desk/tickets/%d/take"`, tk2.Number)) {
		t.Fatal("the list offers no take over on a row that is not mine")
	}
	res = a.PostForm(path(tk2)+"/take", url.Values{"list": {"q=offline"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/desk/tickets?q=offline" {
		t.Errorf("take over from the list: status %d, location %q", res.StatusCode, res.Header.Get("Location"))
	}
	if got := reload(t, env, tk2); got.AssigneeID != env.User(t, "agent").ID {
		t.Error("take over from the list did not assign the ticket")
	}
}

func TestAssigningToAnAgentOutsideTheTeamIsRefused(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "VPN drops", "")
	c := env.Browser(t, "admin")
	res := c.PostForm(path(tk), sidePanel(tk, map[string]string{"assignee_id": fmt.Sprint(env.User(t, "agent2").ID)}))
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(html.UnescapeString(res.Body), "not in the ticket's team") {
		t.Fatalf("assigning to agent2 (2nd level) on a 1st level ticket: status %d", res.StatusCode)
	}
	if got := reload(t, env, tk); got.AssigneeID != 0 {
		t.Error("the refused assignment was written")
	}
	// With the team moved along in the same change, agent2 may have it.
	res = c.PostForm(path(tk), sidePanel(tk, map[string]string{"team": teamID(env, "2nd level"), "assignee_id": fmt.Sprint(env.User(t, "agent2").ID)}))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("team and assignee together: status %d", res.StatusCode)
	}
	mails := env.Mails(t, "assigned", "agent2@staff.example")
	if len(mails) != 1 || !strings.Contains(mails[0].Text, "User admin assigned ticket") {
		t.Errorf("the new assignee was not told: %+v", mails)
	}
	if n := len(env.Mails(t, "assigned", "admin@staff.example")); n != 0 {
		t.Errorf("the agent who assigned was told (%d mails)", n)
	}
}

// bulk posts a bulk action as c on the tickets.
func bulk(c *testenv.Client, values url.Values, tickets ...*model.Ticket) *testenv.Response {
	for _, tk := range tickets {
		values.Add("ticket", fmt.Sprint(tk.Number))
	}
	return c.PostForm("/desk/tickets/bulk", values)
}

func TestBulkStatusSkipsTicketsTheAgentMayNotChange(t *testing.T) {
	env := testenv.New(t)
	var mine []*model.Ticket
	for i := range 3 {
		mine = append(mine, env.Ticket(t, "a.member", fmt.Sprint("Bulk ", i), ""))
	}
	other := env.Ticket(t, "a.member", "Bulk elsewhere", "")
	second := env.Teams["2nd level"]
	if _, err := env.App.Tickets.Update(context.Background(), env.User(t, "admin"), other.Number, ticket.UpdateParams{TeamID: &second}); err != nil {
		t.Fatal(err)
	}
	c := env.Browser(t, "agent")
	list := c.Get("/desk/tickets").Body
	if !strings.Contains(list, `<form id="bulk"`) || !strings.Contains(list, fmt.Sprintf(`name="ticket" value="%d" form="bulk"`, mine[0].Number)) {
		t.Fatal("the list has no bulk form with a checkbox per row")
	}
	res := bulk(c, url.Values{"do": {"status"}, "status": {"Open"}, "list": {"q=Bulk"}}, append(mine, other)...)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("bulk status: status %d", res.StatusCode)
	}
	body := html.UnescapeString(res.Body)
	if !strings.Contains(body, "3 changed, 1 not allowed, 0 refused.") || !strings.Contains(body, fmt.Sprintf("Not allowed: #%d", other.Number)) ||
		!strings.Contains(body, `href="/desk/tickets?q=Bulk"`) {
		t.Errorf("the result does not report the forbidden ticket:\n%s", body)
	}
	for _, tk := range mine {
		if got := reload(t, env, tk); got.Status.Name != "Open" {
			t.Errorf("#%d: status %q, want Open", tk.Number, got.Status.Name)
		}
	}
	if got := reload(t, env, other); got.Status.Name != "New" {
		t.Error("the forbidden ticket was changed")
	}

	// Waiting for the customer needs a reason: each ticket says so, none changes.
	res = bulk(c, url.Values{"do": {"status"}, "status": {"Waiting for customer"}}, mine[:2]...)
	body = html.UnescapeString(res.Body)
	if res.StatusCode != http.StatusOK || strings.Count(body, "Say what you are waiting for") != 2 || !strings.Contains(body, "0 changed, 0 not allowed, 2 refused.") {
		t.Errorf("bulk status without a reason: status %d\n%s", res.StatusCode, body)
	}
	if got := reload(t, env, mine[0]); got.Status.Name != "Open" {
		t.Error("a refused bulk change was written")
	}

	// All allowed: back to the list with its filters.
	res = bulk(c, url.Values{"do": {"assignee"}, "assignee": {"me"}, "list": {"q=Bulk&team=" + teamID(env, "1st level") + "&evil=x"}}, mine...)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/desk/tickets?q=Bulk&team="+teamID(env, "1st level") {
		t.Errorf("bulk assign: status %d, location %q", res.StatusCode, res.Header.Get("Location"))
	}
	if got := reload(t, env, mine[2]); got.AssigneeID != env.User(t, "agent").ID {
		t.Error("bulk assign to me did not assign")
	}
}

func TestBulkMergesSelectedTicketsIntoOne(t *testing.T) {
	env := testenv.New(t)
	a := env.Ticket(t, "a.member", "Invoice 1", "first")
	b := env.Ticket(t, "a.member", "Invoice 2", "second")
	d := env.Ticket(t, "a.member", "Invoice 3", "third")
	c := env.Browser(t, "agent")
	res := bulk(c, url.Values{"do": {"merge"}, "into": {"999999"}}, a, b, d)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "one of the selected tickets") {
		t.Fatalf("merge into a ticket not selected: status %d", res.StatusCode)
	}
	res = bulk(c, url.Values{"do": {"merge"}, "into": {fmt.Sprint(a.Number)}}, a, b, d)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("bulk merge: status %d\n%s", res.StatusCode, res.Body)
	}
	for _, tk := range []*model.Ticket{b, d} {
		into, err := env.Store.MergedInto(context.Background(), tk.ID)
		if err != nil {
			t.Fatal(err)
		}
		if into != a.Number {
			t.Errorf("#%d merged into %d, want #%d", tk.Number, into, a.Number)
		}
		if got := reload(t, env, tk); got.Status.Category != model.CategoryClosed {
			t.Errorf("#%d is %s after the merge", tk.Number, got.Status.Name)
		}
	}
	msgs, err := env.Store.Messages(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 3 {
		t.Errorf("the target holds %d messages, want 3", len(msgs))
	}
}

func TestBulkRefusesMoreThanAHundredTickets(t *testing.T) {
	env := testenv.New(t)
	v := url.Values{"do": {"status"}, "status": {"Open"}}
	for i := 1; i <= 101; i++ {
		v.Add("ticket", fmt.Sprint(10000+i))
	}
	res := env.Browser(t, "agent").PostForm("/desk/tickets/bulk", v)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "at most 100 tickets") {
		t.Errorf("101 tickets: status %d", res.StatusCode)
	}
}

// presence reports c's presence on tk and returns the others it is told of.
func presence(t *testing.T, c *testenv.Client, tk *model.Ticket, composing string) []ticket.Viewer {
	t.Helper()
	res := c.PostForm(path(tk)+"/presence", url.Values{"composing": {composing}})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("presence: status %d", res.StatusCode)
	}
	var out struct {
		Others []ticket.Viewer `json:"others"`
	}
	res.JSON(t, &out)
	if out.Others == nil {
		t.Fatal(`presence: no "others" list`)
	}
	return out.Others
}

func TestAgentsOnOneTicketSeeEachOther(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Shared ticket", "")
	agent, admin := env.Browser(t, "agent"), env.Browser(t, "admin")
	if others := presence(t, agent, tk, "0"); len(others) != 0 {
		t.Fatalf("alone on the ticket, others: %+v", others)
	}
	if others := presence(t, admin, tk, "1"); len(others) != 1 || others[0] != (ticket.Viewer{Name: "User agent"}) {
		t.Errorf("the admin is told %+v, want User agent viewing", others)
	}
	if others := presence(t, agent, tk, "0"); len(others) != 1 || others[0] != (ticket.Viewer{Name: "User admin", Composing: true}) {
		t.Errorf("the agent is told %+v, want User admin writing", others)
	}
	page := agent.Get(path(tk)).Body
	if !strings.Contains(page, "User admin is writing a reply") || !strings.Contains(page, `src="/static/presence.js`) {
		t.Error("the page does not show who is writing")
	}
	if b := env.Browser(t, "agent2").PostForm(path(tk)+"/presence", url.Values{"composing": {"0"}}); b.StatusCode != http.StatusNotFound {
		t.Errorf("an agent who does not see the ticket: status %d", b.StatusCode)
	}

	// A row older than 45 seconds is stale.
	old := store.Now().Add(-50 * time.Second)
	if err := env.Store.SeePresence(context.Background(), tk.ID, env.User(t, "admin").ID, true, old, old.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	if others := presence(t, agent, tk, "0"); len(others) != 0 {
		t.Errorf("a stale presence is reported: %+v", others)
	}
	if page := agent.Get(path(tk)).Body; strings.Contains(page, "User admin is") {
		t.Error("the page names an agent who left")
	}
}

var seenField = regexp.MustCompile(`name="seen" value="(\d+)"`)

func TestReplyIsHeldWhenSomeoneElseAnsweredMeanwhile(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	tk := env.Ticket(t, "a.member", "Which version?", "Which version do I need?")
	a := env.Browser(t, "agent")
	m := seenField.FindStringSubmatch(a.Get(path(tk)).Body)
	if m == nil {
		t.Fatal("the reply form does not carry the newest message seen")
	}
	seen := m[1]
	if _, err := env.App.Tickets.Reply(ctx, env.User(t, "admin"), tk.Number, ticket.ReplyParams{Body: "Version 4.2 is the one."}); err != nil {
		t.Fatal(err)
	}
	draft := "You need version 4.1."
	res := a.PostForm(path(tk)+"/messages", url.Values{"visibility": {"public"}, "body": {draft}, "seen": {seen}})
	body := html.UnescapeString(res.Body)
	if res.StatusCode != http.StatusConflict || !strings.Contains(body, draft) || !strings.Contains(body, "User admin at") ||
		!strings.Contains(body, "Version 4.2 is the one.") || !strings.Contains(body, `name="send_anyway"`) {
		t.Fatalf("the stale reply was not held with a notice: status %d", res.StatusCode)
	}
	count := func() int {
		msgs, err := env.Store.Messages(ctx, tk.ID)
		if err != nil {
			t.Fatal(err)
		}
		return len(msgs)
	}
	if count() != 2 {
		t.Fatal("the held reply was sent")
	}
	if res := a.PostForm(path(tk)+"/messages", url.Values{"visibility": {"internal"}, "body": {"Check 4.1 vs 4.2"}, "seen": {seen}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("an internal note was held: status %d", res.StatusCode)
	}
	res = a.PostForm(path(tk)+"/messages", url.Values{"visibility": {"public"}, "body": {draft}, "seen": {seen}, "send_anyway": {"1"}})
	if res.StatusCode != http.StatusSeeOther || count() != 4 {
		t.Errorf("send anyway: status %d, %d messages", res.StatusCode, count())
	}
	if n := len(env.Mails(t, "", "a.member@a.example")); n == 0 {
		t.Error("the reply sent anyway did not reach the customer")
	}
}
