package refnum_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"supportal/internal/inbound"
	"supportal/internal/model"
	"supportal/internal/refnum"
	"supportal/internal/store"
	"supportal/internal/testenv"
	"supportal/internal/ticket"
)

const (
	demoPattern = `(?i)\b(?:auftrag|order|AB)[-\s#:]*(\d{5,8})\b`
	demoURL     = "https://erp.example/orders/{ref}"
)

// configure stores the pattern and URL template as an admin would.
func configure(t *testing.T, env *testenv.Env, pattern, link string) {
	t.Helper()
	res := env.Session(t, "admin").PostForm("/admin/references", url.Values{"pattern": {pattern}, "url": {link}, "action": {"save"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving the settings: %d\n%s", res.StatusCode, res.Body)
	}
}

// values lists the stored references of ticket number with their source.
func values(t *testing.T, env *testenv.Env, number int64) []string {
	t.Helper()
	ctx := context.Background()
	tk, err := env.Store.Ticket(ctx, number)
	if err != nil {
		t.Fatal(err)
	}
	list, err := env.Store.TicketReferences(ctx, tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range list {
		out = append(out, r.Value+" "+r.Source)
	}
	return out
}

func deskPath(n int64) string   { return "/desk/tickets/" + strconv.FormatInt(n, 10) }
func portalPath(n int64) string { return "/portal/tickets/" + strconv.FormatInt(n, 10) }

func TestPortalTicketCollectsReferencesFromSubjectAndBody(t *testing.T) {
	env := testenv.New(t)
	configure(t, env, demoPattern, demoURL)
	res := env.Session(t, "a.member").PostForm("/portal/tickets", url.Values{
		"subject": {"Question about Auftrag 4711023"}, "body": {"Also order #5502187 and again Auftrag 4711023."}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d\n%s", res.StatusCode, res.Body)
	}
	n, err := strconv.ParseInt(strings.TrimPrefix(res.Header.Get("Location"), "/portal/tickets/"), 10, 64)
	if err != nil {
		t.Fatalf("location %q", res.Header.Get("Location"))
	}
	if got, want := values(t, env, n), []string{"4711023 found", "5502187 found"}; !slices.Equal(got, want) {
		t.Errorf("references %q, want %q", got, want)
	}
	// The contact sees its numbers as text, not the internal ERP link.
	page := env.Session(t, "a.member").Get(portalPath(n))
	if !strings.Contains(page.Body, "4711023, 5502187") || strings.Contains(page.Body, "erp.example") {
		t.Errorf("the portal page does not show the numbers as plain text:\n%s", page.Body)
	}
}

func TestAPITicketCollectsReferencesAndShowsThem(t *testing.T) {
	env := testenv.New(t)
	configure(t, env, `\bSO-\d{6}\b`, "")
	c := env.Bearer(t, "a.member")
	res := c.JSONRequest("POST", "/api/v1/tickets", map[string]any{"subject": "Delivery SO-123456", "body": "and SO-654321"})
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("create: %d %s", res.StatusCode, res.Body)
	}
	var created struct {
		Number     int64    `json:"number"`
		References []string `json:"references"`
	}
	res.JSON(t, &created)
	if want := []string{"SO-123456", "SO-654321"}; !slices.Equal(created.References, want) {
		t.Errorf("created ticket references %q, want %q (whole match without a group)", created.References, want)
	}
	for _, who := range []string{"a.member", "agent"} {
		var got struct {
			References []string `json:"references"`
		}
		env.Bearer(t, who).Get(fmt.Sprintf("/api/v1/tickets/%d", created.Number)).JSON(t, &got)
		if len(got.References) != 2 {
			t.Errorf("%s reads references %q", who, got.References)
		}
	}
	var list struct {
		Items []struct {
			Number     int64    `json:"number"`
			References []string `json:"references"`
		} `json:"items"`
	}
	env.Bearer(t, "agent").Get("/api/v1/tickets?q=SO-654321").JSON(t, &list)
	if len(list.Items) != 1 || list.Items[0].Number != created.Number || len(list.Items[0].References) != 2 {
		t.Errorf("search by reference in the API: %+v", list.Items)
	}
	other := env.Ticket(t, "a.member", "Nothing", "no number")
	var none struct {
		References []string `json:"references"`
	}
	res = env.Bearer(t, "a.member").Get(fmt.Sprintf("/api/v1/tickets/%d", other.Number))
	res.JSON(t, &none)
	if none.References == nil || len(none.References) != 0 || !strings.Contains(res.Body, `"references":[]`) {
		t.Errorf("a ticket without references: %s", res.Body)
	}
}

func TestWithoutPatternNothingIsFound(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Auftrag 4711023", "order 5502187")
	if got := values(t, env, tk.Number); len(got) != 0 {
		t.Errorf("found %q without a pattern", got)
	}
}

func TestTicketCollectsAtMostTwentyReferences(t *testing.T) {
	env := testenv.New(t)
	configure(t, env, `R\d+`, "")
	var b strings.Builder
	for i := range 30 {
		fmt.Fprintf(&b, "R%d ", 100+i)
	}
	tk := env.Ticket(t, "a.member", "Many", b.String())
	if got := values(t, env, tk.Number); len(got) != refnum.MaxPerTicket || got[0] != "R100 found" {
		t.Errorf("collected %d: %q", len(got), got)
	}
	res := env.Session(t, "agent").PostForm(deskPath(tk.Number)+"/references", url.Values{"value": {"one more"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "as many reference numbers as it can hold") {
		t.Errorf("adding a 21st: %d", res.StatusCode)
	}
}

// mailFrom is a plain mail of a sender to support.
func mailFrom(from, subject, body string, seq int) []byte {
	return fmt.Appendf(nil, "From: %s\r\nTo: support@localhost\r\nSubject: %s\r\nMessage-ID: <refs%d@client.example>\r\n"+
		"Date: Mon, 23 Nov 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n",
		from, subject, seq, body)
}

func TestMailCollectsReferencesOnNewTicketsAndReplies(t *testing.T) {
	env := testenv.New(t)
	configure(t, env, demoPattern, demoURL)
	ctx := context.Background()
	from := env.User(t, "a.member").Email
	res, err := env.App.Inbound.Ingest(ctx, mailFrom(from, "Lieferung zu Auftrag 4711023", "Bitte prüfen.", 1), inbound.Source{Kind: inbound.SourcePipe})
	if err != nil || !res.Created {
		t.Fatalf("ingest: %+v %v", res, err)
	}
	if got := values(t, env, res.Ticket); !slices.Equal(got, []string{"4711023 found"}) {
		t.Errorf("new ticket by mail: %q", got)
	}
	reply := mailFrom(from, fmt.Sprintf("Re: [#%d] Lieferung zu Auftrag 4711023", res.Ticket), "Auch AB-1234567 ist betroffen.", 2)
	again, err := env.App.Inbound.Ingest(ctx, reply, inbound.Source{Kind: inbound.SourcePipe})
	if err != nil || again.Created || again.Ticket != res.Ticket {
		t.Fatalf("the reply did not join the ticket: %+v %v", again, err)
	}
	if got := values(t, env, res.Ticket); !slices.Equal(got, []string{"4711023 found", "1234567 found"}) {
		t.Errorf("after the reply: %q", got)
	}
}

func TestAgentAddsAndRemovesReferencesWithHistory(t *testing.T) {
	env := testenv.New(t)
	configure(t, env, "", demoURL)
	tk := env.Ticket(t, "a.member", "Printer", "It does not print.")
	c := env.Session(t, "agent")
	res := c.PostForm(deskPath(tk.Number)+"/references", url.Values{"value": {"  a/b?c  "}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: %d\n%s", res.StatusCode, res.Body)
	}
	if got := values(t, env, tk.Number); !slices.Equal(got, []string{"a/b?c manual"}) {
		t.Fatalf("stored %q", got)
	}
	page := c.Get(deskPath(tk.Number))
	link := `<a href="https://erp.example/orders/a%2fb%3fc" rel="noopener noreferrer" target="_blank">a/b?c</a>`
	if !strings.Contains(strings.ToLower(page.Body), strings.ToLower(link)) {
		t.Errorf("the desk page lacks the escaped link %s:\n%s", link, page.Body)
	}
	if !strings.Contains(page.Body, "User agent added the reference number a/b?c") {
		t.Errorf("the history lacks the addition")
	}
	for _, tc := range []struct{ lang, value, want string }{
		{"en", "a/b?c", "This ticket has that number already."},
		{"en", "  ", "This field is required."},
		{"de", strings.Repeat("9", refnum.MaxValue+1), "Das ist zu lang."},
	} {
		c.Lang = tc.lang
		res := c.PostForm(deskPath(tk.Number)+"/references", url.Values{"value": {tc.value}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, tc.want) {
			t.Errorf("%q: %d, want 422 with %q", tc.value, res.StatusCode, tc.want)
		}
	}
	c.Lang = "en"
	list, err := env.Store.TicketReferences(context.Background(), tk.ID)
	if err != nil || len(list) != 1 {
		t.Fatalf("%v %v", list, err)
	}
	// Another agent's team and another ticket's id find nothing.
	if res := env.Session(t, "agent2").PostForm(fmt.Sprintf("%s/references/%d/delete", deskPath(tk.Number), list[0].ID), nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("agent2 removed: %d", res.StatusCode)
	}
	other := env.Ticket(t, "a.member", "Other", "x")
	if res := c.PostForm(fmt.Sprintf("%s/references/%d/delete", deskPath(other.Number), list[0].ID), nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("removing through another ticket: %d", res.StatusCode)
	}
	if res := c.PostForm(fmt.Sprintf("%s/references/%d/delete", deskPath(tk.Number), list[0].ID), nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("remove: %d", res.StatusCode)
	}
	if got := values(t, env, tk.Number); len(got) != 0 {
		t.Errorf("still stored: %q", got)
	}
	if page := c.Get(deskPath(tk.Number)); !strings.Contains(page.Body, "User agent removed the reference number a/b?c") {
		t.Errorf("the history lacks the removal")
	}
}

func TestReferenceWithoutTemplateShowsAsText(t *testing.T) {
	env := testenv.New(t)
	configure(t, env, demoPattern, "")
	tk := env.Ticket(t, "a.member", "Auftrag 4711023", "")
	page := env.Session(t, "agent").Get(deskPath(tk.Number))
	if !strings.Contains(page.Body, "<span>4711023</span>") || strings.Contains(page.Body, `rel="noopener noreferrer" target="_blank">4711023`) {
		t.Errorf("the number is not plain text:\n%s", page.Body)
	}
}

func TestAdminPageSavesTriesAndRefuses(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "admin")
	if res := c.Get("/admin"); !strings.Contains(res.Body, `href="/admin/references"`) {
		t.Errorf("the overview does not link the page")
	}
	res := c.PostForm("/admin/references", url.Values{"pattern": {demoPattern}, "url": {demoURL}, "action": {"test"},
		"sample": {"Betreff: Auftrag 4711023 und AB 99887766"}})
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "<code>4711023</code>") || !strings.Contains(res.Body, "<code>99887766</code>") ||
		!strings.Contains(res.Body, "https://erp.example/orders/99887766") {
		t.Errorf("trying the pattern: %d\n%s", res.StatusCode, res.Body)
	}
	if s, _ := refnum.Load(context.Background(), &env.Store.Queries); s.Pattern != "" {
		t.Errorf("trying saved the pattern %q", s.Pattern)
	}
	for _, tc := range []struct{ lang, pattern, link, want string }{
		{"en", `(\d+`, "", "This is not a valid regular expression"},
		{"de", `\d*`, "", "Das Muster passt auf einen leeren Text"},
		{"en", `\d+`, "javascript:alert({ref})", "Enter an http or https address"},
	} {
		c.Lang = tc.lang
		res := c.PostForm("/admin/references", url.Values{"pattern": {tc.pattern}, "url": {tc.link}, "action": {"save"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, tc.want) {
			t.Errorf("%q %q: %d, want 422 with %q", tc.pattern, tc.link, res.StatusCode, tc.want)
		}
		if s, _ := refnum.Load(context.Background(), &env.Store.Queries); s != (refnum.Settings{}) {
			t.Errorf("a refused form saved %+v", s)
		}
	}
	c.Lang = "en"
	configure(t, env, demoPattern, demoURL)
	if res := c.Get("/admin/references"); !strings.Contains(res.Body, `value="https://erp.example/orders/{ref}"`) {
		t.Errorf("the saved template is not shown")
	}
	for _, who := range []string{"a.admin", "agent"} {
		if res := env.Session(t, who).Get("/admin/references"); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s sees the admin page: %d", who, res.StatusCode)
		}
	}
}

func TestDeskSearchFindsTicketByReference(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Printer", "It does not print.")
	decoy := env.Ticket(t, "a.member", "Scanner", "It does not scan.")
	if _, _, err := env.Store.AddTicketReference(context.Background(), store.NewTicketReference{TicketID: tk.ID, Value: "4711023", Source: store.ReferenceFound}); err != nil {
		t.Fatal(err)
	}
	res := env.Session(t, "agent").Get("/desk/tickets?q=4711023")
	if !strings.Contains(res.Body, deskPath(tk.Number)) || strings.Contains(res.Body, deskPath(decoy.Number)) {
		t.Errorf("search by reference:\n%s", res.Body)
	}
	// Exact values only: a part of a number finds nothing.
	if res := env.Session(t, "agent").Get("/desk/tickets?q=47110"); strings.Contains(res.Body, deskPath(tk.Number)) {
		t.Errorf("a part of the number found the ticket")
	}
	// The agent of another team does not find it either.
	if res := env.Session(t, "agent2").Get("/desk/tickets?q=4711023"); strings.Contains(res.Body, deskPath(tk.Number)) {
		t.Errorf("agent2 found the ticket")
	}
}

func TestDeskAndCallTicketsCollectReferences(t *testing.T) {
	env := testenv.New(t)
	configure(t, env, demoPattern, demoURL)
	agent := env.User(t, "agent")
	tk, err := env.App.Tickets.Create(context.Background(), agent, ticket.CreateParams{Subject: "Phone: order 1234567",
		RequesterID: env.User(t, "a.member").ID, Channel: model.ChannelPhone})
	if err != nil {
		t.Fatal(err)
	}
	if got := values(t, env, tk.Number); !slices.Equal(got, []string{"1234567 found"}) {
		t.Errorf("staff ticket: %q", got)
	}
}
