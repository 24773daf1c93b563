package e2e_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"supportal/internal/document"
	"supportal/internal/ideas"
	"supportal/internal/model"
	"supportal/internal/testenv"
)

// TestPortalBeyondTicketsInTheBrowser: a portal admin starts a ticket,
// opens the article suggested for its subject and leaves without sending;
// votes for a colleague's idea; uploads the signed copy of a blank
// document, which the agent countersigns. The portal home shows each
// change, and the desk counts the ticket that was never sent.
func TestPortalBeyondTicketsInTheBrowser(t *testing.T) {
	execPath := chromium(t)
	env := testenv.New(t)
	ctx := context.Background()
	agent, admin := env.User(t, "agent"), env.User(t, "a.admin")

	// Support's article, a colleague's idea and a blank to sign.
	res := env.Bearer(t, "agent").JSONRequest(http.MethodPost, "/api/v1/kb/articles", map[string]any{
		"title": "Printing invoices as PDF", "body": "Choose **File → Print** and pick *PDF*.",
		"visibility": "public", "language": "en", "status": "published",
	})
	var article struct{ ID int64 }
	res.JSON(t, &article)
	if res.StatusCode != http.StatusCreated || article.ID == 0 {
		t.Fatalf("creating the article: %d %s", res.StatusCode, res.Body)
	}
	idea, err := env.App.Ideas.Create(ctx, env.User(t, "a.member"), ideas.CreateParams{Title: "Dark mode for the portal", Body: "Easier on the eyes at night."})
	if err != nil {
		t.Fatal(err)
	}
	docs := env.App.Web.Documents
	blank := upload(t, env, agent, "maintenance-contract.pdf", "%PDF-1.4 blank")
	docID, err := docs.Create(ctx, agent, env.World.OrgA.ID, document.CreateParams{Kind: "maintenance_contract", Title: "Maintenance contract 2027", UploadID: blank})
	if err != nil {
		t.Fatal(err)
	}
	signed := filepath.Join(t.TempDir(), "maintenance-contract-signed.pdf")
	if err := os.WriteFile(signed, []byte("%PDF-1.4 signed by the customer"), 0o600); err != nil {
		t.Fatal(err)
	}

	browser := newBrowser(t, execPath)
	if err := chromedp.Do(browser, signIn(env, admin.Email)); err != nil {
		t.Fatalf("portal admin signs in: %v", err)
	}
	// home reads the portal home as the portal admin sees it.
	home := func(step string) string {
		t.Helper()
		if err := chromedp.Do(browser, chromedp.Navigate(env.URL("/portal")), chromedp.WaitVisible(css(`main h1`))); err != nil {
			t.Fatalf("after %s, the home: %v", step, err)
		}
		return text(t, browser, "main")
	}
	page := home("signing in")
	for _, want := range []string{"Maintenance contract 2027", "Printing invoices as PDF"} {
		if !strings.Contains(page, want) {
			t.Errorf("the home does not show %q:\n%s", want, page)
		}
	}

	// The subject brings up the article; the admin opens it and leaves.
	suggestion := `.kb-suggest a`
	err = chromedp.Do(browser,
		chromedp.Navigate(env.URL("/portal/tickets/new")),
		chromedp.WaitVisible(css(`input[name=subject]`)),
		chromedp.SendKeys(css(`input[name=subject]`), "printing invoices"),
		chromedp.WaitVisible(css(suggestion)),
	)
	if err != nil {
		t.Fatalf("the new-ticket form suggests nothing: %v", err)
	}
	if got := text(t, browser, ".kb-suggest"); !strings.Contains(got, "Printing invoices as PDF") {
		t.Errorf("the suggestions are %q", got)
	}
	if err := chromedp.Do(browser, chromedp.Click(css(suggestion))); err != nil {
		t.Fatalf("opening the suggestion: %v", err)
	}
	stats := fmt.Sprintf("/desk/kb/articles/%d", article.ID)
	desk := env.Session(t, "agent")
	const notSent = "Opened as a suggestion on the new-ticket form: 1, of which no ticket was sent: 1."
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(desk.Get(stats).Body, notSent) {
		if time.Now().After(deadline) {
			t.Fatalf("the desk does not count the ticket that was not sent:\n%s", desk.Get(stats).Body)
		}
		time.Sleep(100 * time.Millisecond)
	}

	// The admin votes for the colleague's idea; support plans it.
	err = chromedp.Do(browser,
		chromedp.Navigate(env.URL(fmt.Sprintf("/portal/ideas/%d", idea.ID))),
		chromedp.WaitVisible(css(`form[action$="/vote"] button`)),
		chromedp.Click(css(`form[action$="/vote"] button`)),
		chromedp.WaitVisible(css(`form[action$="/unvote"] button`)),
	)
	if err != nil {
		t.Fatalf("voting: %v", err)
	}
	if err := env.App.Ideas.SetStatus(ctx, agent, idea.ID, "planned", "Coming with the next release."); err != nil {
		t.Fatal(err)
	}
	page = home("the idea was planned")
	if !strings.Contains(page, "Dark mode for the portal") {
		t.Errorf("the home does not show the voted idea that changed status:\n%s", page)
	}

	// The admin uploads the signed copy; the agent countersigns.
	err = chromedp.Do(browser,
		chromedp.Navigate(env.URL(fmt.Sprintf("/portal/documents/%d", docID))),
		chromedp.WaitVisible(css(`input[name=attachments]`)),
		chromedp.SetUploadFiles(css(`input[name=attachments]`), []string{signed}),
		chromedp.Click(css(`form[action$="/versions"] button[type=submit]`)),
		chromedp.WaitVisible(css(`p.flash`)),
	)
	if err != nil {
		t.Fatalf("uploading the signed copy: %v", err)
	}
	page = home("the upload")
	if strings.Contains(page, "Maintenance contract 2027") {
		t.Errorf("the signed document still waits for a signature on the home:\n%s", page)
	}
	counter := upload(t, env, agent, "maintenance-contract-countersigned.pdf", "%PDF-1.4 countersigned")
	if err := docs.AddVersion(ctx, agent, docID, model.DocumentCountersigned, counter); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(browser,
		chromedp.Navigate(env.URL(fmt.Sprintf("/portal/documents/%d", docID))),
		chromedp.WaitVisible(css(`main`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	page = text(t, browser, "main")
	for _, want := range []string{"maintenance-contract-signed.pdf", "maintenance-contract-countersigned.pdf"} {
		if !strings.Contains(page, want) {
			t.Errorf("the document's page does not list the version %q:\n%s", want, page)
		}
	}
}

// upload stores a file as an upload of u and returns its id.
func upload(t *testing.T, env *testenv.Env, u *model.User, name, content string) int64 {
	t.Helper()
	up, err := env.App.Tickets.Upload(context.Background(), u, name, "application/pdf", strings.NewReader(content))
	if err != nil {
		t.Fatal(err)
	}
	return up.ID
}
