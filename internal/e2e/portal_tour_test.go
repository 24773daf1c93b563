package e2e_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"supportal/internal/contract"
	"supportal/internal/document"
	"supportal/internal/ideas"
	"supportal/internal/kb"
	"supportal/internal/model"
	"supportal/internal/org"
	"supportal/internal/project"
	"supportal/internal/store"
	"supportal/internal/testenv"
	"supportal/internal/ticket"
)

// screenshotsEnv names a directory; when set, the portal tour saves a
// screenshot of every page it reaches there (docs/screenshots/README.md).
const screenshotsEnv = "SUPPORTAL_SCREENSHOTS"

// shotQuality is the JPEG quality of the tour's screenshots: full pages
// as PNG would make the documentation folder too heavy.
const shotQuality = 70

// tourData is what the tour's organization holds, so the steps know
// which links to follow and what to find behind them.
type tourData struct {
	waiting, open, resolved, colleague, inProject *model.Ticket
	reason                                        string
	article                                       int64
	idea                                          *ideas.View
	document                                      int64
	project                                       int64
}

// seedTour gives organization A something for every portal feature:
// tickets in several states, a contract with booked units, a blank
// document to sign and a countersigned one, a project with a milestone
// and a ticket, articles in a category, ideas, addresses and a news
// address. Everything goes through the services, as staff would do it.
func seedTour(t *testing.T, env *testenv.Env) *tourData {
	t.Helper()
	ctx := context.Background()
	agent, admin := env.User(t, "agent"), env.User(t, "a.admin")
	d := &tourData{reason: "Please send the export log from Settings → Logs."}

	d.waiting = env.Ticket(t, "a.admin", "Invoice export stops with an error", "Since this morning the export stops with error 0x80070005.")
	d.open = env.Ticket(t, "a.admin", "Printer driver crashes on start", "The label printer driver crashes when the app starts.")
	d.resolved = env.Ticket(t, "a.admin", "VPN access for the new office", "Please open VPN access for the Hamburg office.")
	d.colleague = env.Ticket(t, "a.member", "Reports are slow since the update", "Monthly reports take minutes instead of seconds.")
	d.inProject = env.Ticket(t, "a.admin", "Move the reports to the new server", "Part of the server migration.")
	setState := func(tk *model.Ticket, c model.Category, reason string) {
		t.Helper()
		p := ticket.UpdateParams{Category: &c}
		if reason != "" {
			p.WaitingReason = &reason
		}
		if _, err := env.App.Tickets.Update(ctx, agent, tk.Number, p); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := env.App.Tickets.Reply(ctx, agent, d.open.Number, ticket.ReplyParams{Body: "We can reproduce it and are on it."}); err != nil {
		t.Fatal(err)
	}
	setState(d.open, model.CategoryOpen, "")
	setState(d.waiting, model.CategoryWaitingCustomer, d.reason)
	setState(d.resolved, model.CategoryResolved, "")

	contractID, err := env.Store.CreateContract(ctx, env.OrgA.ID, store.ContractInput{Name: "Premium Support",
		StartsAt: time.Date(2020, 1, 1, 0, 0, 0, 0, env.App.Config.TimeZone), Period: model.PeriodYear, Units: 40, UnitMinutes: 15})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := contract.New(env.Store, env.App.Config.TimeZone).Book(ctx, agent, contractID,
		contract.BookInput{Units: "6", Ticket: fmt.Sprint(d.open.Number), Note: "Remote session on the printer driver"}); err != nil {
		t.Fatal(err)
	}

	docs := env.App.Web.Documents
	blank := upload(t, env, agent, "maintenance-contract-2027.pdf", "%PDF-1.4 blank")
	if d.document, err = docs.Create(ctx, agent, env.OrgA.ID, document.CreateParams{Kind: "maintenance_contract", Title: "Maintenance contract 2027", UploadID: blank}); err != nil {
		t.Fatal(err)
	}
	old := upload(t, env, agent, "maintenance-contract-2026.pdf", "%PDF-1.4 blank 2026")
	done, err := docs.Create(ctx, agent, env.OrgA.ID, document.CreateParams{Kind: "maintenance_contract", Title: "Maintenance contract 2026", UploadID: old})
	if err != nil {
		t.Fatal(err)
	}
	if err := docs.AddVersion(ctx, agent, done, model.DocumentCountersigned, upload(t, env, agent, "maintenance-contract-2026-countersigned.pdf", "%PDF-1.4 final")); err != nil {
		t.Fatal(err)
	}

	projects := project.New(env.Store, env.App.Tickets, env.App.Config.TimeZone)
	if d.project, err = projects.Create(ctx, agent, env.OrgA.ID, project.Input{Name: "Server migration",
		Description: "Moving the reporting database to the new data centre.", Status: string(model.ProjectActive)}); err != nil {
		t.Fatal(err)
	}
	if err := projects.AddMilestone(ctx, agent, d.project, "Test run on the new server", "2027-03-01"); err != nil {
		t.Fatal(err)
	}
	if err := projects.SetTicketProject(ctx, agent, d.inProject.Number, d.project); err != nil {
		t.Fatal(err)
	}

	knowledge := kb.New(env.App.Store, nil, "en", 0)
	cat, err := knowledge.CreateCategory(ctx, agent, "Invoices", "Creating, printing and exporting invoices.")
	if err != nil {
		t.Fatal(err)
	}
	sec, err := knowledge.CreateSection(ctx, agent, cat, "Export")
	if err != nil {
		t.Fatal(err)
	}
	for i, title := range []string{"Exporting invoices to your accounting software", "Printing invoices as PDF"} {
		a, err := knowledge.Create(ctx, agent, kb.Input{SectionID: sec, Visibility: "contacts", Language: "en", Status: "published",
			Title: title, Body: "Open **Invoices → Export**, choose the format and press *Export*."})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			d.article = a
		}
	}

	if d.idea, err = env.App.Ideas.Create(ctx, env.User(t, "a.member"), ideas.CreateParams{Title: "Dark mode for the portal", Body: "Easier on the eyes at night."}); err != nil {
		t.Fatal(err)
	}
	if _, err := env.App.Ideas.Create(ctx, env.User(t, "a.colleague"), ideas.CreateParams{Title: "Export tickets as CSV", Body: "For our monthly report."}); err != nil {
		t.Fatal(err)
	}
	if _, err := env.App.Ideas.AddComment(ctx, admin, d.idea.ID, "Yes, please: our night shift would love it."); err != nil {
		t.Fatal(err)
	}
	if _, err := env.App.Ideas.Vote(ctx, admin, d.idea.ID); err != nil {
		t.Fatal(err)
	}
	if err := env.App.Ideas.SetStatus(ctx, agent, d.idea.ID, "planned", "Coming with the next release."); err != nil {
		t.Fatal(err)
	}

	if err := env.App.Orgs.SaveAddress(ctx, admin, env.OrgA.ID, org.Address{Kind: org.AddressInvoice, Company: "Org A GmbH",
		Street: "Hauptstraße 1", PostalCode: "10115", City: "Berlin", Country: "DE"}); err != nil {
		t.Fatal(err)
	}
	if err := env.App.Orgs.AddNewsAddress(ctx, admin, env.OrgA.ID, "news@a.example", "en"); err != nil {
		t.Fatal(err)
	}
	return d
}

// tourStep is one feature of the portal: the links to click from the
// portal home, where they lead, and what a user recognises there.
type tourStep struct {
	shot   string   // screenshot file name without extension
	clicks []string // CSS selectors of the links to click, in order
	path   string   // where the last click lands
	want   []string // texts of the page's main part
	ready  string   // an element the page must show (optional)
}

// TestPortalTourFromHome walks the customer portal as a portal admin
// does: from the portal home, by clicking links only, to every feature,
// checking each page and (with SUPPORTAL_SCREENSHOTS) keeping a picture
// of it. A plain member's home then shows none of the admin's links.
func TestPortalTourFromHome(t *testing.T) {
	execPath := chromium(t)
	env := testenv.New(t)
	d := seedTour(t, env)
	shots := os.Getenv(screenshotsEnv)
	if shots != "" {
		if err := os.MkdirAll(shots, 0o755); err != nil {
			t.Fatal(err)
		}
	}

	nav := func(href string) string { return fmt.Sprintf(`header nav a[href=%q]`, href) }
	home := func(href string) string { return fmt.Sprintf(`main a[href=%q]`, href) }
	ticketPath := func(tk *model.Ticket) string { return fmt.Sprintf("/portal/tickets/%d", tk.Number) }
	steps := []tourStep{
		{shot: "01-home", path: "/portal", want: []string{"Overview", "Waiting for you", d.waiting.Subject, d.reason, "With support", d.open.Subject,
			"Your organization's open tickets", d.colleague.Subject, "Support units", "34 of 40 units left",
			"Documents awaiting your signature", "Maintenance contract 2027", "Ideas you voted for", "Dark mode for the portal",
			"New in the knowledge base", "Exporting invoices to your accounting software"}},
		{shot: "02-tickets", clicks: []string{nav("/portal/tickets")}, path: "/portal/tickets",
			want: []string{"Your tickets", d.waiting.Subject, d.open.Subject, d.resolved.Subject}},
		{shot: "03-new-ticket", clicks: []string{`main a.button[href="/portal/tickets/new"]`}, path: "/portal/tickets/new",
			want: []string{"Open a ticket"}, ready: `form[action="/portal/tickets"] input[name=subject]`},
		{shot: "04-ticket-waiting", clicks: []string{`#home-waiting ~ ul a[href="` + ticketPath(d.waiting) + `"]`}, path: ticketPath(d.waiting),
			want: []string{d.waiting.Subject, d.reason, "Since this morning the export stops"}, ready: `#reply textarea[name=body]`},
		{shot: "05-ticket-resolved", clicks: []string{nav("/portal/tickets"), home(ticketPath(d.resolved))}, path: ticketPath(d.resolved),
			want: []string{d.resolved.Subject, "This ticket is resolved", "Please open VPN access", "Reopen"}},
		{shot: "06-kb", clicks: []string{nav("/kb")}, path: "/kb",
			want: []string{"Knowledge base", "Invoices", "Export", "Printing invoices as PDF"}, ready: `input[name=q]`},
		{shot: "07-kb-article", clicks: []string{nav("/kb"), home(fmt.Sprintf("/kb/articles/%d", d.article))}, path: fmt.Sprintf("/kb/articles/%d", d.article),
			want: []string{"Exporting invoices to your accounting software", "Invoices → Export"}},
		{shot: "08-ideas", clicks: []string{nav("/portal/ideas")}, path: "/portal/ideas",
			want: []string{"Feature board", "Dark mode for the portal", "Export tickets as CSV"}},
		{shot: "09-idea", clicks: []string{nav("/portal/ideas"), home(fmt.Sprintf("/portal/ideas/%d", d.idea.ID))}, path: fmt.Sprintf("/portal/ideas/%d", d.idea.ID),
			want:  []string{"Dark mode for the portal", "Easier on the eyes at night.", "our night shift would love it", "Coming with the next release."},
			ready: `form[action$="/unvote"] button`},
		{shot: "10-idea-new", clicks: []string{nav("/portal/ideas"), home("/portal/ideas/new")}, path: "/portal/ideas/new",
			want: []string{"Suggest an idea"}, ready: `main form input[name=title]`},
		{shot: "11-documents", clicks: []string{nav("/portal/documents")}, path: "/portal/documents",
			want: []string{"Documents", "Maintenance contract 2027", "Maintenance contract 2026"}},
		{shot: "12-document", clicks: []string{nav("/portal/documents"), home(fmt.Sprintf("/portal/documents/%d", d.document))}, path: fmt.Sprintf("/portal/documents/%d", d.document),
			want: []string{"Maintenance contract 2027", "Versions", "maintenance-contract-2027.pdf"}, ready: `input[name=attachments]`},
		{shot: "13-contracts", clicks: []string{nav("/portal/contracts")}, path: "/portal/contracts",
			want: []string{"Support contracts", "Premium Support", "6 of 40 units used", "Remote session on the printer driver"}},
		{shot: "14-projects", clicks: []string{nav("/portal/projects")}, path: "/portal/projects",
			want: []string{"Projects", "Server migration"}},
		{shot: "15-project", clicks: []string{nav("/portal/projects"), home(fmt.Sprintf("/portal/projects/%d", d.project))}, path: fmt.Sprintf("/portal/projects/%d", d.project),
			want: []string{"Server migration", "Milestones", "Test run on the new server", d.inProject.Subject}},
		{shot: "16-organization", clicks: []string{nav("/portal/org")}, path: "/portal/org",
			want: []string{"Contacts", env.User(t, "a.member").Email, "Portal admin", "See the organization's tickets",
				"Invite a colleague", "Addresses", "Invoice address", "News addresses", "news@a.example"},
			ready: `#address-invoice input[value="Hauptstraße 1"]`},
		{shot: "17-account", clicks: []string{nav("/account")}, path: "/account",
			want:  []string{"Account", "Password", "Two-factor sign-in", "Personal access tokens"},
			ready: `form[action="/account/password"] input[name=new_password]`},
		{shot: "18-two-factor", clicks: []string{nav("/account"), home("/account/2fa")}, path: "/account/2fa",
			want: []string{"Two-factor sign-in"}},
	}

	browser := newBrowser(t, execPath)
	if err := chromedp.Do(browser, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(browser, signIn(env, env.User(t, "a.admin").Email)); err != nil {
		t.Fatalf("portal admin signs in: %v", err)
	}
	for _, s := range steps {
		if err := chromedp.Do(browser, chromedp.Navigate(env.URL("/portal")), chromedp.WaitVisible(css(`main h1`))); err != nil {
			t.Fatalf("%s: opening the portal home: %v", s.shot, err)
		}
		for _, sel := range s.clicks {
			follow(t, browser, s.shot, sel)
		}
		if at := location(t, browser); at != s.path {
			t.Errorf("%s: the links lead to %s, want %s", s.shot, at, s.path)
			continue
		}
		if s.ready != "" {
			if err := chromedp.Do(browser, chromedp.WaitVisible(css(s.ready))); err != nil {
				t.Errorf("%s: no %s: %v", s.shot, s.ready, err)
			}
		}
		page := text(t, browser, "main")
		for _, want := range s.want {
			if !strings.Contains(page, want) {
				t.Errorf("%s (%s) does not show %q:\n%s", s.shot, s.path, want, page)
			}
		}
		screenshot(t, browser, shots, s.shot)
	}

	// A plain member's home: its own tickets, none of the admin's links.
	member := newBrowser(t, execPath)
	err := chromedp.Do(member, chromedp.EmulateViewport(1280, 900), signIn(env, env.User(t, "a.member").Email),
		chromedp.Navigate(env.URL("/portal")), chromedp.WaitVisible(css(`main h1`)))
	if err != nil {
		t.Fatalf("member opens the home: %v", err)
	}
	page := text(t, member, "main")
	links, err := chromedp.Run(member, chromedp.Evaluate[[]string](`[...document.querySelectorAll("a[href]")].map(a => a.getAttribute("href"))`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page, d.colleague.Subject) {
		t.Errorf("the member's home does not show its ticket %q:\n%s", d.colleague.Subject, page)
	}
	for _, hidden := range []string{"Documents awaiting your signature", "Maintenance contract 2027", "Support units", "Your organization's open tickets", d.waiting.Subject} {
		if strings.Contains(page, hidden) {
			t.Errorf("the member's home shows %q:\n%s", hidden, page)
		}
	}
	for _, href := range links {
		for _, admin := range []string{"/portal/documents", "/portal/org", "/portal/contracts"} {
			if href == admin || strings.HasPrefix(href, admin+"/") {
				t.Errorf("the member's home links to %s", href)
			}
		}
	}
	for _, want := range []string{"/portal/tickets", "/portal/tickets/new", "/portal/ideas", "/kb", "/account"} {
		if !slices.Contains(links, want) {
			t.Errorf("the member's home has no link to %s: %v", want, links)
		}
	}
	screenshot(t, member, shots, "19-member-home")
}

// follow clicks the link sel and waits until the page it opens has
// loaded: the old page carries a mark that the new one does not.
func follow(t *testing.T, ctx context.Context, step, sel string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.tourLeaving = true`)); err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	c, cancel := context.WithTimeout(ctx, 5*time.Second)
	err := chromedp.Do(c, chromedp.Click(css(sel)))
	cancel()
	if err != nil {
		t.Fatalf("%s: no link %s to click on %s: %v", step, sel, location(t, ctx), err)
	}
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		c, cancel := context.WithTimeout(ctx, 2*time.Second)
		loaded, err := chromedp.Run(c, chromedp.Evaluate[bool](`!window.tourLeaving && document.readyState === "complete"`))
		cancel()
		if err == nil && loaded {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s: the page behind %s did not load", step, sel)
}

// location is the path of the page the browser shows.
func location(t *testing.T, ctx context.Context) string {
	t.Helper()
	path, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// screenshot saves the whole page as dir/name.jpg; an empty dir saves
// nothing.
func screenshot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	if dir == "" {
		return
	}
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(shotQuality))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".jpg"), buf, 0o644); err != nil {
		t.Fatal(err)
	}
}
