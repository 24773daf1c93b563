package e2e_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"supportal/internal/model"
	"supportal/internal/testenv"
	"supportal/internal/ticket"
)

// TestFirstSecondAndTechnicalLevelInTheBrowser walks one customer ticket
// through the support levels: the 1st-level agent answers with a template
// picked by keyboard in the reply box, logs a call and escalates to the 2nd
// level; the 2nd-level agent opens a technical ticket; when the technical
// team resolves it, the ticket is back with support. After each step the
// contact's portal shows what the contact should see, and nothing internal.
func TestFirstSecondAndTechnicalLevelInTheBrowser(t *testing.T) {
	execPath := chromium(t)
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Spindle stops after ten minutes", "Line 3 stops with error E42 after about ten minutes.")
	deskURL := env.URL(fmt.Sprintf("/desk/tickets/%d", tk.Number))
	portalURL := env.URL(fmt.Sprintf("/portal/tickets/%d", tk.Number))

	// A shared template the 1st level answers first contacts with.
	res := env.Session(t, "admin").PostForm("/desk/templates", url.Values{
		"name": {"First answer"}, "language": {"en"}, "shared": {"1"},
		"body": {"Hello {{contact.first_name}},\n\nthank you for ticket {{ticket.number}}."},
	})
	if res.StatusCode >= 400 {
		t.Fatalf("creating the template: %d\n%s", res.StatusCode, res.Body)
	}

	customer := newBrowser(t, execPath)
	first := newBrowser(t, execPath)
	second := newBrowser(t, execPath)
	if err := chromedp.Do(customer, signIn(env, env.User(t, "a.member").Email)); err != nil {
		t.Fatalf("contact signs in: %v", err)
	}
	// portal reads the contact's ticket page as the contact sees it.
	portal := func(step string) string {
		t.Helper()
		if err := chromedp.Do(customer, chromedp.Navigate(portalURL), chromedp.WaitVisible(css(`ol.messages`))); err != nil {
			t.Fatalf("after %s, the contact opens the ticket: %v", step, err)
		}
		return text(t, customer, "main")
	}
	// never fails when the portal shows any of the internal texts.
	never := func(step, page string, internal ...string) {
		t.Helper()
		for _, s := range internal {
			if strings.Contains(page, s) {
				t.Errorf("after %s, the portal shows the internal %q:\n%s", step, s, page)
			}
		}
	}

	// 1st level: a slash in the reply box, a few letters of the template's
	// name, Enter; then the agent's own words, and send.
	reply := `form[action$="/messages"] textarea[name=body]`
	err := chromedp.Do(first,
		signIn(env, env.User(t, "agent").Email),
		chromedp.Navigate(deskURL),
		chromedp.WaitVisible(css(reply)),
		chromedp.Click(css(reply)),
		chromedp.SendKeys(css(reply), "/first"),
		chromedp.WaitVisible(css(`ul.suggestions li[aria-selected=true]`)),
		chromedp.SendKeys(css(reply), kb.Enter),
		chromedp.WaitNotVisible(css(`ul.suggestions`)),
		chromedp.SendKeys(css(reply), "\nDoes the spindle stop when the machine runs without load?"),
	)
	if err != nil {
		t.Fatalf("1st level picks the template: %v", err)
	}
	typed, err := chromedp.Run(first, chromedp.Value(css(reply)))
	if err != nil {
		t.Fatal(err)
	}
	greeting := fmt.Sprintf("Hello User,\n\nthank you for ticket %d.\n", tk.Number)
	if !strings.HasPrefix(typed, greeting) || !strings.Contains(typed, "Does the spindle stop") || strings.Contains(typed, "/first") {
		t.Fatalf("the reply box holds %q, want the template %q in place of /first and the agent's question after it", typed, greeting)
	}
	err = chromedp.Do(first,
		chromedp.Click(css(`form[action$="/messages"] button[type=submit]`)),
		chromedp.WaitVisible(css(`p.flash`)),
	)
	if err != nil {
		t.Fatalf("1st level sends the answer: %v", err)
	}
	page := portal("the answer")
	if !strings.Contains(page, fmt.Sprintf("thank you for ticket %d.", tk.Number)) || !strings.Contains(page, "without load?") {
		t.Errorf("the portal does not show the answer:\n%s", page)
	}

	// 1st level logs the call in which the customer answered.
	calls := fmt.Sprintf(`form[action="/desk/tickets/%d/calls"]`, tk.Number)
	const callNote = "Customer says: also without load; controller shows E42-7."
	err = chromedp.Do(first,
		chromedp.Navigate(deskURL),
		chromedp.WaitVisible(css(calls)),
		chromedp.Click(css(calls+` input[name=direction][value=out]`)),
		chromedp.SendKeys(css(calls+` input[name=number]`), "+49 170 1234567"),
		chromedp.SendKeys(css(calls+` input[name=duration]`), "4:30"),
		chromedp.SetValue(css(calls+` select[name=outcome]`), "reached"),
		chromedp.SendKeys(css(calls+` textarea[name=note]`), callNote),
		chromedp.Click(css(calls+` button[type=submit]`)),
		chromedp.WaitVisible(css(`p.flash`)),
	)
	if err != nil {
		t.Fatalf("1st level logs the call: %v", err)
	}
	if got := text(t, first, "main"); !strings.Contains(got, callNote) {
		t.Errorf("the desk does not show the logged call:\n%s", got)
	}
	page = portal("the call")
	never("the call", page, callNote)

	// 1st level escalates to the 2nd level with a note.
	const escalation = "Controller firmware suspected, please check the E42-7 logs."
	err = chromedp.Do(first,
		chromedp.Navigate(deskURL),
		chromedp.WaitVisible(css(`form#escalate`)),
		chromedp.SetValue(css(`form#escalate select[name=team]`), fmt.Sprint(env.Teams["2nd level"])),
		chromedp.SendKeys(css(`form#escalate textarea[name=note]`), escalation),
		chromedp.Click(css(`form#escalate button[type=submit]`)),
		chromedp.WaitVisible(css(`p.flash`)),
	)
	if err != nil {
		t.Fatalf("1st level escalates: %v", err)
	}
	page = portal("the escalation")
	never("the escalation", page, escalation, "2nd level", callNote)
	if !strings.Contains(page, "With support") {
		t.Errorf("after the escalation the portal does not say the ticket is with support:\n%s", page)
	}

	// 2nd level finds the note and opens a technical ticket.
	technical := fmt.Sprintf(`form[action="/desk/tickets/%d/technical"]`, tk.Number)
	const analysis = "Reproduce E42-7 on the test bench with firmware 4.2."
	err = chromedp.Do(second,
		signIn(env, env.User(t, "agent2").Email),
		chromedp.Navigate(deskURL),
		chromedp.WaitVisible(css(technical)),
	)
	if err != nil {
		t.Fatalf("2nd level opens the ticket: %v", err)
	}
	if got := text(t, second, "main"); !strings.Contains(got, escalation) {
		t.Errorf("the 2nd level does not see the escalation note:\n%s", got)
	}
	err = chromedp.Do(second,
		chromedp.Click(css(`#links details summary`)),
		chromedp.SetValue(css(technical+` select[name=team]`), fmt.Sprint(env.Teams["Technical"])),
		chromedp.SendKeys(css(technical+` input[name=subject]`), "E42-7 on line 3 controllers"),
		chromedp.SendKeys(css(technical+` textarea[name=note]`), analysis),
		chromedp.Click(css(technical+` button[type=submit]`)),
		chromedp.WaitVisible(css(`p.flash`)),
	)
	if err != nil {
		t.Fatalf("2nd level opens a technical ticket: %v", err)
	}
	page = portal("the technical ticket")
	never("the technical ticket", page, "E42-7 on line 3 controllers", analysis, escalation)
	if !strings.Contains(page, "In technical analysis") {
		t.Errorf("the portal does not say the ticket is in technical analysis:\n%s", page)
	}

	// The technical team resolves its ticket: the customer's ticket is
	// back with support, open again.
	res = env.Session(t, "admin").PostForm(fmt.Sprintf("/desk/tickets/%d", technicalTicketOf(t, env, tk)), url.Values{"status": {"Resolved"}})
	if res.StatusCode >= 400 {
		t.Fatalf("resolving the technical ticket: %d", res.StatusCode)
	}
	page = portal("the technical ticket was resolved")
	if strings.Contains(page, "In technical analysis") || !strings.Contains(page, "With support") {
		t.Errorf("after the technical ticket was resolved, the portal shows:\n%s", page)
	}
	never("the technical ticket was resolved", page, analysis, escalation, callNote)
}

// technicalTicketOf finds the number of the technical ticket linked to
// the customer ticket tk.
func technicalTicketOf(t *testing.T, env *testenv.Env, tk *model.Ticket) int64 {
	t.Helper()
	ctx := context.Background()
	ids, err := env.Store.LinkedIDs(ctx, tk.ID, ticket.LinkTechnical)
	if err != nil || len(ids) != 1 {
		t.Fatalf("technical tickets of #%d: %v, %v", tk.Number, ids, err)
	}
	tech, err := env.Store.TicketByID(ctx, ids[0])
	if err != nil {
		t.Fatal(err)
	}
	return tech.Number
}
