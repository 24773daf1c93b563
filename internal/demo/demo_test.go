package demo_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"supportal/internal/app"
	"supportal/internal/authz"
	"supportal/internal/config"
	"supportal/internal/demo"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

// seeded is a demo instance on a fresh database, served over loopback.
type seeded struct {
	*testenv.Env
	tickets []*model.Ticket
	users   map[string]*model.User // by email
}

func newDemo(t testing.TB) *seeded {
	t.Helper()
	ctx := context.Background()
	st := testenv.Store(t)
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	a, err := app.New(&cfg, st, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler())
	t.Cleanup(srv.Close)
	ok, err := demo.Seed(ctx, demo.Deps{Store: a.Store, Accounts: a.Accounts, Tickets: a.Tickets, Inbound: a.Inbound, Clock: a.Clock})
	if err != nil || !ok {
		t.Fatalf("Seed = %v, %v; want true, nil", ok, err)
	}
	d := &seeded{Env: &testenv.Env{App: a, Server: srv, Config: &cfg}, tickets: allTickets(t, st), users: map[string]*model.User{}}
	agents, err := st.Agents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	orgs, err := st.Organizations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range orgs {
		contacts, err := st.OrgContacts(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		agents = append(agents, contacts...)
	}
	for _, u := range agents {
		d.users[u.Email] = u
	}
	return d
}

func allTickets(t testing.TB, st *store.Store) []*model.Ticket {
	t.Helper()
	var out []*model.Ticket
	f := store.TicketFilter{Scope: authz.TicketScope{All: true}, Limit: 100, Sort: store.SortCreatedAsc}
	for {
		page, err := st.Tickets(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, page.Tickets...)
		if page.Next == "" {
			return out
		}
		f.Cursor = page.Next
	}
}

func TestSeedFillsAnEmptyDatabase(t *testing.T) {
	d := newDemo(t)
	if n := len(d.tickets); n < 55 || n > 65 {
		t.Errorf("%d tickets, want about 60", n)
	}
}

// BenchmarkSeed is what a newcomer waits for on the first start of
// "serve --demo": the demo data seeded into a fresh database.
func BenchmarkSeed(b *testing.B) {
	for b.Loop() {
		newDemo(b)
	}
}

func TestSeedingTwiceChangesNothing(t *testing.T) {
	d := newDemo(t)
	a := d.App
	ok, err := demo.Seed(context.Background(), demo.Deps{Store: a.Store, Accounts: a.Accounts, Tickets: a.Tickets, Inbound: a.Inbound, Clock: a.Clock})
	if err != nil || ok {
		t.Fatalf("second Seed = %v, %v; want false, nil", ok, err)
	}
	if n := len(allTickets(t, a.Store)); n != len(d.tickets) {
		t.Fatalf("%d tickets after the second seed, want %d", n, len(d.tickets))
	}
}

func TestSeedLeavesADatabaseWithTicketsAlone(t *testing.T) {
	env := testenv.New(t)
	env.Ticket(t, "a.member", "A real ticket", "Not demo data.")
	a := env.App
	ok, err := demo.Seed(context.Background(), demo.Deps{Store: a.Store, Accounts: a.Accounts, Tickets: a.Tickets, Inbound: a.Inbound, Clock: a.Clock})
	if err != nil || ok {
		t.Fatalf("Seed = %v, %v; want false, nil", ok, err)
	}
	if _, err := a.Store.UserByEmail(context.Background(), "lena.hoffmann@nordwerk.example"); err == nil {
		t.Fatal("demo users were added to a database that held a ticket")
	}
	if installed, _ := demo.Installed(context.Background(), a.Store); installed {
		t.Fatal("Installed reports demo data that was not added")
	}
}

func TestEveryStatusAppearsSeveralTimesInGermanAndEnglish(t *testing.T) {
	d := newDemo(t)
	count := map[model.Category]map[string]int{}
	for _, tk := range d.tickets {
		lang := d.users[tk.RequesterEmail].Language
		if count[tk.Status.Category] == nil {
			count[tk.Status.Category] = map[string]int{}
		}
		count[tk.Status.Category][lang]++
	}
	for _, c := range model.Categories {
		for _, lang := range []string{"de", "en"} {
			if count[c][lang] < 2 {
				t.Errorf("%d %s tickets in %s, want several", count[c][lang], lang, c)
			}
		}
	}
}

func TestWaitingTicketsSayWhatSupportWaitsFor(t *testing.T) {
	d := newDemo(t)
	for _, tk := range d.tickets {
		waiting := tk.Status.Category == model.CategoryWaitingCustomer
		if waiting != (tk.WaitingReason != "") {
			t.Errorf("#%d %s: waiting reason %q", tk.Number, tk.Status.Name, tk.WaitingReason)
		}
	}
}

func TestEachOrganizationHasAContactInEveryRole(t *testing.T) {
	d := newDemo(t)
	orgs, err := d.App.Store.Organizations(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(orgs) != 3 {
		t.Fatalf("%d organizations, want 3", len(orgs))
	}
	for _, o := range orgs {
		contacts, err := d.App.Store.OrgContacts(context.Background(), o.ID)
		if err != nil {
			t.Fatal(err)
		}
		roles := map[string]bool{}
		for _, c := range contacts {
			roles[c.Role] = true
		}
		for _, role := range model.ContactRoles {
			if !roles[role] {
				t.Errorf("%s has no %s", o.Name, role)
			}
		}
	}
}

func TestTicketsAreSpreadOverPastWeeksAcrossTeams(t *testing.T) {
	d := newDemo(t)
	now := time.Now()
	oldest, teams, assigned, unassigned := now, map[string]bool{}, 0, 0
	for _, tk := range d.tickets {
		if tk.CreatedAt.After(now) || tk.LastActivityAt.After(now) || tk.LastActivityAt.Before(tk.CreatedAt) {
			t.Errorf("#%d: created %v, last activity %v", tk.Number, tk.CreatedAt, tk.LastActivityAt)
		}
		if tk.CreatedAt.Before(oldest) {
			oldest = tk.CreatedAt
		}
		teams[tk.TeamName] = true
		if tk.AssigneeID != 0 {
			assigned++
		} else {
			unassigned++
		}
	}
	if now.Sub(oldest) < 5*7*24*time.Hour {
		t.Errorf("oldest ticket from %v, want several weeks back", oldest)
	}
	if len(teams) < 3 || assigned == 0 || unassigned == 0 {
		t.Errorf("teams %v, %d assigned, %d unassigned; want all teams, both kinds", teams, assigned, unassigned)
	}
}

func TestCorrespondenceHasNotesAttachmentsAndHistory(t *testing.T) {
	d := newDemo(t)
	ctx := context.Background()
	admin := d.users["sabine.krause@nordwerk.example"]
	var notes, public, files, statusEvents int
	for _, tk := range d.tickets {
		msgs, err := d.App.Store.Messages(ctx, tk.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			if m.Internal {
				notes++
			} else {
				public++
			}
			for _, a := range m.Attachments {
				files++
				_, f, err := d.App.Tickets.OpenAttachment(ctx, admin, a.ID)
				if err != nil {
					t.Fatalf("attachment %s of #%d: %v", a.Name, tk.Number, err)
				}
				head := make([]byte, 4)
				_, _ = io.ReadFull(f, head)
				f.Close()
				if strings.HasSuffix(a.Name, ".pdf") && string(head) != "%PDF" || strings.HasSuffix(a.Name, ".png") && string(head[1:]) != "PNG" {
					t.Errorf("%s starts with %q", a.Name, head)
				}
			}
		}
		events, err := d.App.Store.Events(ctx, tk.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range events {
			if e.Field == "status" {
				statusEvents++
			}
		}
	}
	if notes < 10 || public < 100 || files < 10 || statusEvents < 50 {
		t.Errorf("%d notes, %d public messages, %d attachments, %d status changes; want plenty of each", notes, public, files, statusEvents)
	}
}

func TestContactMessagesCopyTheOtherParties(t *testing.T) {
	d := newDemo(t)
	ctx := context.Background()
	checked := 0
	for _, tk := range d.tickets {
		full, err := d.App.Store.Ticket(ctx, tk.Number)
		if err != nil {
			t.Fatal(err)
		}
		msgs, err := d.App.Store.Messages(ctx, tk.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			switch {
			case m.Internal:
				if len(m.To)+len(m.Cc) > 0 {
					t.Errorf("#%d: internal note has recipients", tk.Number)
				}
			case m.AuthorKind == model.KindAgent:
				if len(m.To) != 1 || m.To[0].UserID != tk.RequesterID || len(m.Cc) != len(full.Participants) {
					t.Errorf("#%d: support reply to %v cc %v", tk.Number, m.To, m.Cc)
				}
			case len(full.Participants) > 0:
				for _, party := range append([]int64{tk.RequesterID}, full.Participants...) {
					if party != m.AuthorID && !m.Received(party) {
						t.Errorf("#%d: message of %s does not copy user %d", tk.Number, m.AuthorName, party)
					}
				}
				checked++
			}
		}
	}
	if checked == 0 {
		t.Fatal("no customer message on a ticket with participants")
	}
}

func TestDemoContactSignsInAndSeesItsTickets(t *testing.T) {
	d := newDemo(t)
	c := d.Anonymous(t)
	res := c.PostForm("/login", url.Values{"email": {"jonas.weber@brandt-maschinenbau.example"}, "password": {demo.Password}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", res.StatusCode)
	}
	list := c.Get("/portal/tickets")
	if list.StatusCode != http.StatusOK {
		t.Fatalf("/portal/tickets: %d", list.StatusCode)
	}
	jonas := d.users["jonas.weber@brandt-maschinenbau.example"]
	own, foreign := 0, 0
	for _, tk := range d.tickets {
		switch {
		case tk.RequesterID == jonas.ID && tk.Status.Category != model.CategoryClosed:
			own++
			if !strings.Contains(list.Body, escape(tk.Subject)) {
				t.Errorf("his ticket %q is not listed", tk.Subject)
			}
		case tk.OrgID != jonas.OrgID:
			foreign++
			if strings.Contains(list.Body, escape(tk.Subject)) && !sharedSubject(d.tickets, tk.Subject, jonas.ID) {
				t.Errorf("another organization's ticket %q is listed", tk.Subject)
			}
		}
	}
	if own == 0 || foreign == 0 {
		t.Fatalf("%d own and %d foreign tickets; the check proves nothing", own, foreign)
	}
}

// sharedSubject reports whether user id also requested a ticket with
// this subject (each story is told at two organizations).
func sharedSubject(tickets []*model.Ticket, subject string, id int64) bool {
	for _, tk := range tickets {
		if tk.Subject == subject && tk.RequesterID == id {
			return true
		}
	}
	return false
}

func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "'", "&#39;", "\"", "&#34;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func TestPrintLoginsShowsEveryAccountAndThePassword(t *testing.T) {
	d := newDemo(t)
	var b strings.Builder
	demo.PrintLogins(&b, "http://localhost:8080")
	out := b.String()
	for _, want := range []string{"http://localhost:8080/login", demo.Password} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	for email, u := range d.users {
		if u.PasswordHash == "" {
			continue // created from the demo mail; signs in once registered
		}
		if !strings.Contains(out, email) || !strings.Contains(out, u.Name) {
			t.Errorf("output lacks %s <%s>", u.Name, email)
		}
	}
}

func TestDemoShowsTheMailCatcher(t *testing.T) {
	d := newDemo(t)
	ctx := context.Background()
	mails, err := d.App.Store.OutboxMails(ctx, store.OutboxFilter{Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, m := range mails {
		kinds[m.Kind]++
		if m.Status != store.OutboxPending {
			t.Errorf("demo mail %d is %s: with no relay it stays pending", m.ID, m.Status)
		}
	}
	for _, want := range []string{"received", "registration", "reply"} {
		if kinds[want] == 0 {
			t.Errorf("the outbox has no %q mail: %v", want, kinds)
		}
	}
	// The new person from a customer's domain joined that customer.
	u, err := d.App.Store.UserByEmail(ctx, "priya.nair@harbour-logistics.example")
	if err != nil || u.OrgName != "Harbour Logistics Ltd" {
		t.Fatalf("contact from mail: %+v, %v", u, err)
	}
	// An admin sees it rendered.
	admin, err := d.App.Store.UserByEmail(ctx, "sabine.krause@nordwerk.example")
	if err != nil {
		t.Fatal(err)
	}
	secret, err := d.App.Accounts.StartSession(ctx, admin.ID, "127.0.0.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	c := d.Anonymous(t)
	base, _ := url.Parse(d.Server.URL)
	c.Jar.SetCookies(base, []*http.Cookie{{Name: "supportal_session", Value: secret, Path: "/"}})
	if page := c.Get("/admin/outbox").Body; !strings.Contains(page, "Etikettendruck") {
		t.Error("/admin/outbox does not list the demo mail")
	}
}

func TestDemoPortalAdminSeesAddressesAndContract(t *testing.T) {
	d := newDemo(t)
	c := d.Anonymous(t)
	if res := c.PostForm("/login", url.Values{"email": {"claudia.neumann@brandt-maschinenbau.example"}, "password": {demo.Password}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in: %d", res.StatusCode)
	}
	org := c.Get("/portal/org")
	for _, want := range []string{"Industriestraße 12", "DE123456789", "Warenannahme Tor 3"} {
		if !strings.Contains(org.Body, want) {
			t.Errorf("/portal/org does not show %q", want)
		}
	}
	contracts := c.Get("/portal/contracts")
	if contracts.StatusCode != http.StatusOK || !strings.Contains(contracts.Body, "Wartungsvertrag Premium") {
		t.Fatalf("/portal/contracts: %d\n%s", contracts.StatusCode, contracts.Body)
	}
	// 40 units a quarter, 9 used: she reads what is left in German.
	if !strings.Contains(contracts.Body, `<dd class="contract-remaining">31 (7 Std. 45 Min.)</dd>`) {
		t.Errorf("/portal/contracts does not show 31 units left:\n%s", contracts.Body)
	}
}
