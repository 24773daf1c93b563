// Package e2e_test drives the real pages in a real Chromium: what a
// customer and an agent do with a mouse and a keyboard, end to end.
package e2e_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"supportal/internal/testenv"
)

// browserEnv makes a missing browser fail the test instead of skipping it
// (CI sets it).
const browserEnv = "SUPPORTAL_TEST_BROWSER"

// chromium finds a Chromium to drive, or skips (or fails, when required).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv(browserEnv) == "require" {
		t.Fatal("no Chromium found, and SUPPORTAL_TEST_BROWSER=require (Debian: apt-get install chromium)")
	}
	t.Skip("no Chromium found: install it (Debian: apt-get install chromium) to run the browser tests")
	return ""
}

// newBrowser starts a headless Chromium of its own (its own profile, so
// its own cookies) and returns a context that drives it.
func newBrowser(t *testing.T, execPath string) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(execPath),
		chromedp.NoSandbox, // CI runs as root
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // start the browser
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx
}

// css selects by CSS selector.
func css(s string) chromedp.CSS { return chromedp.CSS(s) }

// text reads the visible text of the first element sel matches.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(css(sel)))
	if err != nil {
		t.Fatalf("reading %s: %v", sel, err)
	}
	return s
}

func signIn(env *testenv.Env, email string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Navigate(env.URL("/login")),
		chromedp.WaitVisible(css(`input[name=email]`)),
		chromedp.SendKeys(css(`input[name=email]`), email),
		chromedp.SendKeys(css(`input[name=password]`), testenv.Password),
		chromedp.Click(css(`form[action="/login"] button[type=submit]`)),
		chromedp.WaitVisible(css(`form.signout`)),
	)
}

// TestCustomerAndAgentWorkATicketInTheBrowser is the core path: a contact
// opens a ticket with an attachment, an agent asks for information with a
// reason, the contact sees the reason and answers, and the agent finds the
// ticket back on support's side.
func TestCustomerAndAgentWorkATicketInTheBrowser(t *testing.T) {
	execPath := chromium(t)
	env := testenv.New(t)
	file := filepath.Join(t.TempDir(), "screenshot-error.txt")
	if err := os.WriteFile(file, []byte("Error 0x80070005 at startup"), 0o600); err != nil {
		t.Fatal(err)
	}
	customer := newBrowser(t, execPath)
	agent := newBrowser(t, execPath)

	// The contact opens a ticket with an attachment.
	err := chromedp.Do(customer,
		signIn(env, env.User(t, "a.member").Email),
		chromedp.Navigate(env.URL("/portal/tickets/new")),
		chromedp.WaitVisible(css(`input[name=subject]`)),
		chromedp.SendKeys(css(`input[name=subject]`), "Invoice export fails"),
		chromedp.SendKeys(css(`textarea[name=body]`), "Since this morning the export stops with an error."),
		chromedp.SetUploadFiles(css(`input[name=attachments]`), []string{file}),
		chromedp.Click(css(`form[action="/portal/tickets"] button[type=submit]`)),
		chromedp.WaitVisible(css(`ol.messages`)),
	)
	if err != nil {
		t.Fatalf("contact opens a ticket: %v", err)
	}
	location, err := chromedp.Run(customer, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	page := text(t, customer, "main")
	var number int64
	if _, err := fmt.Sscanf(location[strings.LastIndex(location, "/")+1:], "%d", &number); err != nil || number == 0 {
		t.Fatalf("after creating, the browser is at %q", location)
	}
	for _, want := range []string{"Invoice export fails", "Since this morning the export stops", "screenshot-error.txt"} {
		if !strings.Contains(page, want) {
			t.Errorf("the new ticket's page does not show %q:\n%s", want, page)
		}
	}

	// The agent asks for information, giving the reason.
	const reason = "Please send the export log from Settings → Logs."
	form := fmt.Sprintf(`form[action="/desk/tickets/%d"]`, number)
	err = chromedp.Do(agent,
		signIn(env, env.User(t, "agent").Email),
		chromedp.Navigate(env.URL(fmt.Sprintf("/desk/tickets/%d", number))),
		chromedp.WaitVisible(css(form+` select[name=status]`)),
		chromedp.SetValue(css(form+` select[name=status]`), "Waiting for customer"),
		chromedp.SendKeys(css(form+` textarea[name=waiting_reason]`), reason),
		chromedp.Click(css(form+` button[type=submit]`)),
		chromedp.WaitVisible(css(`p.flash`)),
	)
	if err != nil {
		t.Fatalf("agent sets the ticket waiting: %v", err)
	}

	// The contact sees what support waits for, and answers.
	ticketURL := env.URL(fmt.Sprintf("/portal/tickets/%d", number))
	err = chromedp.Do(customer,
		chromedp.Navigate(ticketURL),
		chromedp.WaitVisible(css(`section.waiting`)),
	)
	if err != nil {
		t.Fatalf("contact opens the waiting ticket: %v", err)
	}
	waiting := text(t, customer, "section.waiting")
	err = chromedp.Do(customer,
		chromedp.SendKeys(css(`#reply textarea[name=body]`), "Here is the log: export.log shows a permission error."),
		chromedp.Click(css(`#reply button[type=submit]`)),
		chromedp.WaitVisible(css(`p.flash`)),
	)
	if err != nil {
		t.Fatalf("contact answers: %v", err)
	}
	page = text(t, customer, "main")
	if !strings.Contains(waiting, reason) {
		t.Errorf("the portal shows %q, not the reason %q", waiting, reason)
	}
	if !strings.Contains(page, "Here is the log") {
		t.Errorf("the reply is not on the page:\n%s", page)
	}

	// Back with support: the agent sees the ticket open again.
	err = chromedp.Do(agent,
		chromedp.Navigate(env.URL(fmt.Sprintf("/desk/tickets/%d", number))),
		chromedp.WaitVisible(css(`main .badge`)),
	)
	if err != nil {
		t.Fatalf("agent looks again: %v", err)
	}
	status := text(t, agent, "main .badge")
	page = text(t, agent, "main")
	if strings.TrimSpace(status) != "Open" {
		t.Errorf("the desk shows status %q, want Open", status)
	}
	if !strings.Contains(page, "export.log shows a permission error") {
		t.Errorf("the desk does not show the customer's answer")
	}
}
