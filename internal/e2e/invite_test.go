package e2e_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"supportal/internal/testenv"
)

// speaks makes the browser send Accept-Language lang with every request.
func speaks(lang string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Accept-Language": lang}})
		return err
	})
}

// inviteTexts are the texts the test expects in one language.
type inviteTexts struct {
	invited, saved string
}

// TestPortalAdminInvitesAColleagueInTheBrowser: a portal admin invites a
// colleague, who registers through the mailed link; the admin grants
// org_tickets and the colleague sees the organization's ticket but not the
// text of a message it did not receive; with all_correspondence it reads
// it. Once in German and once in English.
func TestPortalAdminInvitesAColleagueInTheBrowser(t *testing.T) {
	execPath := chromium(t)
	for lang, want := range map[string]inviteTexts{
		"de": {invited: "Die Einladung wurde gesendet.", saved: "Die Rechte wurden gespeichert."},
		"en": {invited: "The invitation was sent.", saved: "The rights were saved."},
	} {
		t.Run(lang, func(t *testing.T) {
			env := testenv.New(t)
			const secret = "Our licence key is in the attached contract."
			tk := env.Ticket(t, "a.member", "Licence renewal", secret)
			ticketURL := env.URL(fmt.Sprintf("/portal/tickets/%d", tk.Number))
			speak := speaks(lang)
			admin := newBrowser(t, execPath)
			colleague := newBrowser(t, execPath)
			const email = "carla.colleague@a.example"
			row := fmt.Sprintf(`tr[data-email="%s"]`, email)

			// The portal admin invites a colleague.
			err := chromedp.Do(admin,
				speak,
				signIn(env, env.User(t, "a.admin").Email),
				chromedp.Navigate(env.URL("/portal/org")),
				chromedp.WaitVisible(css(`form.org-invite input[name=name]`)),
				chromedp.SendKeys(css(`form.org-invite input[name=name]`), "Carla Colleague"),
				chromedp.SendKeys(css(`form.org-invite input[name=email]`), email),
				chromedp.SetValue(css(`form.org-invite select[name=role]`), "member"),
				chromedp.Click(css(`form.org-invite button[type=submit]`)),
				chromedp.WaitVisible(css(row)),
			)
			if err != nil {
				t.Fatalf("admin invites: %v", err)
			}
			if got := text(t, admin, "main"); !strings.Contains(got, want.invited) {
				t.Errorf("after inviting, the page does not say %q:\n%s", want.invited, got)
			}

			// The colleague registers through the mailed link.
			link := env.MailedLink(t, "invitation", email, "/welcome")
			err = chromedp.Do(colleague,
				speak,
				chromedp.Navigate(env.URL(link)),
				chromedp.WaitVisible(css(`form[action="/welcome"] input[name=password]`)),
				chromedp.SendKeys(css(`form[action="/welcome"] input[name=password]`), "a long enough password"),
				chromedp.Click(css(`form[action="/welcome"] button[type=submit]`)),
				chromedp.WaitVisible(css(`form.signout`)),
				chromedp.Navigate(ticketURL),
				chromedp.WaitVisible(css(`main`)),
			)
			if err != nil {
				t.Fatalf("colleague registers: %v", err)
			}
			if got := text(t, colleague, "main"); strings.Contains(got, "Licence renewal") {
				t.Fatalf("a member sees a colleague's ticket:\n%s", got)
			}

			// grant ticks the right in the colleague's row and saves.
			grant := func(right string) {
				t.Helper()
				err := chromedp.Do(admin,
					chromedp.Navigate(env.URL("/portal/org")),
					chromedp.WaitVisible(css(row+` form.org-rights`)),
					chromedp.Click(css(row+` form.org-rights input[value=`+right+`]`)),
					chromedp.Click(css(row+` form.org-rights button[type=submit]`)),
					chromedp.WaitVisible(css(`p.flash`)),
				)
				if err != nil {
					t.Fatalf("admin grants %s: %v", right, err)
				}
				if got := text(t, admin, "p.flash"); !strings.Contains(got, want.saved) {
					t.Errorf("after granting %s the notice is %q, want %q", right, got, want.saved)
				}
			}
			ticketText := func() string {
				t.Helper()
				if err := chromedp.Do(colleague, chromedp.Navigate(ticketURL), chromedp.WaitVisible(css(`main`))); err != nil {
					t.Fatal(err)
				}
				return text(t, colleague, "main")
			}

			grant("org_tickets")
			got := ticketText()
			if !strings.Contains(got, "Licence renewal") {
				t.Errorf("with org_tickets the colleague does not see the ticket:\n%s", got)
			}
			if strings.Contains(got, secret) {
				t.Errorf("with org_tickets only the colleague reads a message it did not receive:\n%s", got)
			}

			grant("all_correspondence")
			if got := ticketText(); !strings.Contains(got, secret) {
				t.Errorf("with all_correspondence the colleague does not read the message:\n%s", got)
			}
		})
	}
}
