package app_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
	"supportal/internal/ticket"
)

// queryCase is how a page or list is asked for in the query-count test.
type queryCase struct {
	// path, when set, replaces the route table's request, for routes whose
	// table entry asks for something that does not exist.
	path func(w *queryWorld) string
	// extra is how many more statements the grown world may cost, each
	// one deliberate (say which in a comment).
	extra int64
}

// queryCountCases changes how the query-count test asks for a route.
// Every GET route of the route table is counted, as every role the table
// lets see it, with the table's request, unless queryCountExempt names it:
// a new page is covered without an entry here.
var queryCountCases = map[string]queryCase{
	// The table asks for records that do not exist; these ask for real ones.
	"GET /desk/templates/{id}":      {path: func(w *queryWorld) string { return fmt.Sprintf("/desk/templates/%d", w.template) }},
	"GET /desk/macros/{id}":         {path: func(w *queryWorld) string { return fmt.Sprintf("/desk/macros/%d", w.macro) }},
	"GET /admin/custom-fields/{id}": {path: func(w *queryWorld) string { return fmt.Sprintf("/admin/custom-fields/%d", w.customField) }},
	// The table filters to problems and failures, which the grown world
	// has none of; the whole list shows what was added.
	"GET /admin/mail":   {path: func(*queryWorld) string { return "/admin/mail" }},
	"GET /admin/outbox": {path: func(*queryWorld) string { return "/admin/outbox" }},
}

// queryCountExempt names the GET routes the query-count test leaves out,
// and why. Routes no role may see (one-time token pages asked for with a
// guessed token) are left out by the route table's expectations.
var queryCountExempt = map[string]string{
	"GET /healthz":             "answers without reading rows",
	"GET /readyz":              "one ping",
	"GET /metrics":             "process counters, no rows",
	"GET /static/":             "files built into the binary",
	"GET /api/v1/openapi.json": "a document built into the binary",
}

// queryWorld is what the query-count test requests: the route table's
// fixture and the records of the routes whose table entry names none.
type queryWorld struct {
	f           fixture
	template    int64
	macro       int64
	customField int64
}

// TestQueriesDoNotGrowWithData asks for every page and list of the route
// table, as every role that sees it, once in a small world and once after
// many more of the rows it shows were added (tickets, messages with files,
// contacts, organizations, contracts, templates, mail, rules …), and fails
// when a request runs more SQL statements the second time: a statement
// per row shown (N+1) would.
func TestQueriesDoNotGrowWithData(t *testing.T) {
	for pattern := range queryCountCases {
		if _, ok := queryCountExempt[pattern]; ok {
			t.Errorf("%s is both counted and exempt", pattern)
		}
		if _, ok := routeTable[pattern]; !ok || !strings.HasPrefix(pattern, "GET ") {
			t.Errorf("queryCountCases names %s, which is no GET route of the route table", pattern)
		}
	}
	for pattern := range queryCountExempt {
		if _, ok := routeTable[pattern]; !ok || !strings.HasPrefix(pattern, "GET ") {
			t.Errorf("queryCountExempt names %s, which is no GET route of the route table", pattern)
		}
	}
	var patterns []string
	for _, pattern := range slices.Sorted(maps.Keys(routeTable)) {
		if _, exempt := queryCountExempt[pattern]; strings.HasPrefix(pattern, "GET ") && !exempt {
			patterns = append(patterns, pattern)
		}
	}
	if t.Failed() {
		return
	}

	env := testenv.New(t)
	w := newQueryWorld(t, env)
	clients := map[string]*testenv.Client{}
	for _, role := range roles {
		if role == "anon" {
			continue
		}
		clients[role] = env.Session(t, role)
	}
	// measure asks for every counted route as every role that sees it.
	measure := func() map[string][]string {
		counts := map[string][]string{}
		for _, pattern := range patterns {
			path := routePath(w, pattern)
			for _, role := range roles {
				if role == "anon" || routeTable[pattern].expect[role] != ok {
					continue
				}
				res := clients[role].Get(path)
				if res.StatusCode >= 400 {
					t.Errorf("%s (%s) as %s: status %d", pattern, path, role, res.StatusCode)
					continue
				}
				counts[pattern+" as "+role] = res.Statements(t)
			}
		}
		return counts
	}
	// A first round after each change of the data warms what the server
	// keeps between requests (settings, the ticket model, reloaded when it
	// changed); the second round is counted.
	measure()
	small := measure()
	growQueryWorld(t, env, w)
	measure()
	large := measure()
	for _, key := range slices.Sorted(maps.Keys(small)) {
		pattern, _, _ := strings.Cut(key, " as ")
		if n, m := len(large[key]), len(small[key]); int64(n) > int64(m)+queryCountCases[pattern].extra {
			t.Errorf("%s: %d SQL statements with more data, %d with little: a statement per row shown? With more data:\n%s",
				key, n, m, strings.Join(large[key], "\n"))
		}
	}
	if testing.Verbose() {
		for _, key := range slices.Sorted(maps.Keys(small)) {
			t.Logf("%-60s %3d %3d", key, len(small[key]), len(large[key]))
		}
	}
}

func routePath(w *queryWorld, pattern string) string {
	if qc := queryCountCases[pattern]; qc.path != nil {
		return qc.path(w)
	}
	_, path, _, _ := routeTable[pattern].request(w.f)
	return path
}

// newQueryWorld is the small world: the route table's fixture, a ticket
// of each organization, one reply template, one macro and one custom
// field.
func newQueryWorld(t *testing.T, env *testenv.Env) *queryWorld {
	t.Helper()
	ctx := context.Background()
	w := &queryWorld{f: newFixture(t, env, false)}
	for _, key := range []string{"a.colleague", "b.member"} {
		env.Ticket(t, key, "Small world", "Body")
	}
	var err error
	if w.template, err = env.Store.CreateReplyTemplate(ctx, &store.ReplyTemplate{Name: "Greeting", Language: "en", Body: "Hello {{contact.first_name}}"}); err != nil {
		t.Fatal(err)
	}
	if w.macro, err = env.Store.CreateMacro(ctx, &store.Macro{Name: "Urgent", Actions: `{"priority":"high"}`}); err != nil {
		t.Fatal(err)
	}
	if w.customField, err = env.Store.CreateCustomField(ctx, model.CustomField{Key: "serial", Kind: "text"}); err != nil {
		t.Fatal(err)
	}
	return w
}

// growQueryWorld adds many of every row the pages show: 40 tickets by
// different contacts of both organizations, 30 messages with files by
// contacts and agents on the fixture's ticket, 30 contacts of
// organization A, 30 organizations, 30 contracts, templates, macros,
// mailboxes, received and sent mails, rules, time entries and order
// numbers.
func growQueryWorld(t *testing.T, env *testenv.Env, w *queryWorld) {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var contacts []*model.User
	for i := range 30 {
		rights, _ := model.RoleRights(model.RoleColleague)
		id, err := env.Store.CreateUser(ctx, store.NewUser{Kind: model.KindContact, Email: fmt.Sprintf("grown%d@a.example", i), Name: fmt.Sprint("Grown ", i),
			OrgID: w.f.orgA, Role: model.RoleColleague, Rights: rights, EmailVerified: true})
		must(err)
		u, err := env.Store.User(ctx, id)
		must(err)
		contacts = append(contacts, u)
	}
	authors := append([]*model.User{env.User(t, "a.member"), env.User(t, "a.colleague"), env.User(t, "b.member"), env.User(t, "b.admin")}, contacts...)
	for i := range 40 {
		tk, err := env.App.Tickets.Create(ctx, authors[i%len(authors)], ticket.CreateParams{Subject: fmt.Sprint("Grown ticket ", i), Body: "Body"})
		must(err)
		if i%3 == 0 {
			_, err = env.App.Tickets.Reply(ctx, env.User(t, "agent"), tk.Number, ticket.ReplyParams{Body: "Answer"})
			must(err)
		}
	}
	for i := range 30 {
		author := []*model.User{env.User(t, "a.member"), env.User(t, "agent"), env.User(t, "admin"), env.User(t, "a.primary"), env.User(t, "a.admin")}[i%5]
		up, err := env.App.Tickets.Upload(ctx, author, fmt.Sprintf("file%d.txt", i), "text/plain", strings.NewReader("content"))
		must(err)
		p := ticket.ReplyParams{Body: fmt.Sprint("Message ", i), Attachments: []int64{up.ID}}
		if !author.IsContact() && i%2 == 0 {
			p.Internal = true
		}
		_, err = env.App.Tickets.Reply(ctx, author, w.f.number, p)
		must(err)
	}
	tk, err := env.Store.Ticket(ctx, w.f.number)
	must(err)
	for i := range 30 {
		org, err := env.Store.CreateOrganization(ctx, store.NewOrganization{Name: fmt.Sprint("Grown org ", i), Domains: []string{fmt.Sprintf("grown%d.example", i)}})
		must(err)
		_, err = env.Store.CreateContract(ctx, org, store.ContractInput{Name: "Grown", StartsAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Period: model.PeriodMonth, Units: 10, UnitMinutes: 15})
		must(err)
		_, err = env.Store.CreateContract(ctx, w.f.orgA, store.ContractInput{Name: fmt.Sprint("Grown contract ", i), StartsAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Period: model.PeriodMonth, Units: 10, UnitMinutes: 15})
		must(err)
		_, err = env.Store.AddUnitBooking(ctx, store.NewUnitBooking{ContractID: w.f.contract, BookedAt: time.Now().UTC().Add(-time.Duration(i) * time.Hour), Units: 1})
		must(err)
		_, err = env.Store.CreateReplyTemplate(ctx, &store.ReplyTemplate{Name: fmt.Sprint("Template ", i), Language: []string{"en", "de"}[i%2], Body: "Hello"})
		must(err)
		_, err = env.Store.CreateMacro(ctx, &store.Macro{Name: fmt.Sprint("Macro ", i), Actions: `{"priority":"low"}`})
		must(err)
		_, err = env.Store.CreateMailbox(ctx, &store.Mailbox{Name: fmt.Sprint("Grown ", i), Address: fmt.Sprintf("grown%d@example.com", i), IMAPPort: 993, IMAPSecurity: "tls", IMAPFolder: "INBOX", Active: true})
		must(err)
		_, err = env.Store.CreateInboundMail(ctx, &store.InboundMail{DedupKey: fmt.Sprint("grown-", i), Source: "smtp", Size: 1, Sender: contacts[i].Email,
			Subject: "Grown", Outcome: store.MailCreated, TicketID: tk.ID})
		must(err)
		_, err = env.Store.EnqueueMail(ctx, &store.OutboxMail{Kind: "received", TicketID: tk.ID, MessageID: fmt.Sprintf("grown-%d@localhost", i),
			Sender: "support@localhost", Recipients: []string{contacts[i].Email}, Subject: "Grown"})
		must(err)
		_, err = env.Store.CreateRoutingRule(ctx, &store.RoutingRule{Name: fmt.Sprint("Grown rule ", i), Conditions: "{}", Actions: "{}"})
		must(err)
		_, err = env.Store.CreateTimeEntry(ctx, store.NewTimeEntry{TicketID: tk.ID, UserID: []int64{env.User(t, "agent").ID, env.User(t, "admin").ID}[i%2],
			WorkedAt: time.Now().UTC().Add(-time.Duration(i) * time.Hour), Minutes: 15, Note: "Grown"})
		must(err)
		_, _, err = env.Store.AddTicketReference(ctx, store.NewTicketReference{TicketID: tk.ID, Value: fmt.Sprint(4800000 + i), Source: store.ReferenceFound})
		must(err)
		_, err = env.Store.CreateCustomField(ctx, model.CustomField{Key: fmt.Sprintf("grown%d", i), Kind: "text"})
		must(err)
	}
}
