package account_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"testing"

	"supportal/internal/model"
	"supportal/internal/testenv"
	"supportal/internal/ticket"
)

// checkedRE finds the notification checkboxes of the account page and
// whether each is checked.
var checkedRE = regexp.MustCompile(`<input type="checkbox" name="notify" value="([a-z_]+)"( checked)?`)

// notifyBoxes returns the notification checkboxes of a page: name →
// checked.
func notifyBoxes(body string) map[string]bool {
	out := map[string]bool{}
	for _, m := range checkedRE.FindAllStringSubmatch(body, -1) {
		out[m[1]] = m[2] != ""
	}
	return out
}

// emailTicket opens a ticket for the contact under key as one that came
// by mail, which earns a received notice.
func emailTicket(t *testing.T, env *testenv.Env, key, subject string) {
	t.Helper()
	_, err := env.App.Tickets.Create(context.Background(), env.User(t, key), ticket.CreateParams{Subject: subject, Body: "Text.", Channel: model.ChannelEmail})
	if err != nil {
		t.Fatal(err)
	}
}

func TestNotificationChoicesAreSavedShownAndObeyed(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "a.member")
	page := c.Get("/account")
	if got := notifyBoxes(page.Body); len(got) != 3 || !got["received"] || !got["replies"] || !got["status"] {
		t.Fatalf("a new contact's choices %v, want all three on", got)
	}
	if !has(page.Body, "Replies from our support staff to you are the correspondence itself and always reach you") {
		t.Error("the page does not say that agents' replies always come")
	}

	res := c.PostForm("/account/notifications", url.Values{"notify": {"replies", "status"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/account#notifications" {
		t.Fatalf("save: status %d location %q", res.StatusCode, res.Header.Get("Location"))
	}
	page = c.Get("/account")
	if !has(page.Body, "Your notification settings were saved.") {
		t.Error("no notice that the choice was saved")
	}
	if got := notifyBoxes(page.Body); got["received"] || !got["replies"] || !got["status"] {
		t.Errorf("after turning received off the page shows %v", got)
	}
	if u := reload(t, env, env.User(t, "a.member")); !slices.Equal(u.NotifyOff, model.Notifications{model.NotifyReceived}) {
		t.Errorf("stored off %v", u.NotifyOff)
	}

	emailTicket(t, env, "a.member", "Order 4711 missing")
	emailTicket(t, env, "a.colleague", "Toner empty")
	if got := env.Mails(t, "received", "a.member@a.example"); len(got) != 0 {
		t.Errorf("%d received notices to a contact who turned them off", len(got))
	}
	if got := env.Mails(t, "received", "a.colleague@a.example"); len(got) != 1 {
		t.Errorf("%d received notices to a contact with the default, want 1", len(got))
	}

	// Every box unchecked turns every notice off; checking them again turns them on.
	if res := c.PostForm("/account/notifications", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("all off: status %d", res.StatusCode)
	}
	if got := notifyBoxes(c.Get("/account").Body); got["received"] || got["replies"] || got["status"] {
		t.Errorf("after turning everything off %v", got)
	}
	if res := c.PostForm("/account/notifications", url.Values{"notify": {"received", "replies", "status"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("all on: status %d", res.StatusCode)
	}
	emailTicket(t, env, "a.member", "Printer broken")
	if got := env.Mails(t, "received", "a.member@a.example"); len(got) != 1 {
		t.Errorf("%d received notices after turning them on again, want 1", len(got))
	}
}

func TestUnknownNotificationIsRefusedInTheUsersLanguage(t *testing.T) {
	env := testenv.New(t)
	if res := env.Session(t, "a.member").PostForm("/account/notifications", url.Values{"notify": {"replies"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: status %d", res.StatusCode)
	}
	before := reload(t, env, env.User(t, "a.member")).NotifyOff
	for lang, want := range map[string]string{"en": "Choose one of the listed values.", "de": "Wählen Sie einen der aufgeführten Werte."} {
		c := env.Session(t, "a.member")
		c.Lang = lang
		res := c.PostForm("/account/notifications", url.Values{"notify": {"received", "sms"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !has(res.Body, want) {
			t.Errorf("%s: unknown notification: status %d, or the page does not say %q", lang, res.StatusCode, want)
		}
		// The page shows what was sent, not what is stored.
		if got := notifyBoxes(res.Body); !got["received"] || got["replies"] {
			t.Errorf("%s: refused form shows %v", lang, got)
		}
	}
	if after := reload(t, env, env.User(t, "a.member")).NotifyOff; !slices.Equal(after, before) {
		t.Errorf("a refused choice changed %v to %v", before, after)
	}
}

func TestAgentsHaveNoNotificationChoicesYet(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "agent")
	if page := c.Get("/account"); page.StatusCode != http.StatusOK || len(notifyBoxes(page.Body)) != 0 || has(page.Body, "Notifications by email") {
		t.Errorf("the agent's account page offers notification choices (status %d)", page.StatusCode)
	}
	if res := c.PostForm("/account/notifications", url.Values{"notify": {"received"}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("agent saving: status %d", res.StatusCode)
	}
	if u := reload(t, env, env.User(t, "agent")); len(u.NotifyOff) != 0 {
		t.Errorf("agent's off %v", u.NotifyOff)
	}
}

func TestGermanNotificationSection(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "a.member")
	c.Lang = "de"
	page := c.Get("/account")
	for _, want := range []string{"Benachrichtigungen per E-Mail", "Bestätigung, dass ein Ticket eingegangen ist", "Benachrichtigungen speichern"} {
		if !has(page.Body, want) {
			t.Errorf("the German page does not say %q", want)
		}
	}
}
