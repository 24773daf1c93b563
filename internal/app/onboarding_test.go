package app_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"supportal/internal/account"
	"supportal/internal/model"
	"supportal/internal/testenv"
)

// TestCompanyOnboardsItself is a customer company coming to the portal
// with support doing nothing but approve its domain: its first person
// registers and confirms the address, registers the company and becomes
// its portal admin; support approves the domain; a colleague registers
// and joins the company by the domain; the portal admin grants the
// colleague the organization's tickets. Each person reads every page and
// mail in their own language: the founder German, the colleague English.
func TestCompanyOnboardsItself(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	if err := env.Store.SetSetting(ctx, account.SettingSelfRegistration, "open"); err != nil {
		t.Fatal(err)
	}
	const password = "ein langes Passwort"
	register := func(lang, name, email string) *testenv.Client {
		t.Helper()
		c := env.Anonymous(t)
		c.Lang = lang
		if res := c.PostForm("/register", url.Values{"name": {name}, "email": {email}, "password": {password}}); res.StatusCode != http.StatusOK {
			t.Fatalf("%s registers: status %d", email, res.StatusCode)
		}
		mails := env.Mails(t, "verify_email", email)
		if len(mails) != 1 {
			t.Fatalf("%d verification mails to %s", len(mails), email)
		}
		link := env.MailedLink(t, "verify_email", email, "/register/verify")
		u, _ := url.Parse(link)
		if res := c.PostForm("/register/verify", url.Values{"token": {u.Query().Get("token")}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s confirms: status %d", email, res.StatusCode)
		}
		return c
	}
	page := func(c *testenv.Client, path string, want ...string) string {
		t.Helper()
		res := c.Get(path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", path, res.StatusCode)
		}
		for _, w := range want {
			if !strings.Contains(res.Body, w) {
				t.Errorf("%s does not show %q", path, w)
			}
		}
		return res.Body
	}

	// The founder registers in German and reads the confirmation in German.
	founder := register("de-DE,de;q=0.9", "Frieda Gründer", "frieda@neuwerk.example")
	if m := env.Mails(t, "verify_email", "frieda@neuwerk.example")[0]; !strings.Contains(m.Text, "bestätigen") {
		t.Errorf("the founder's confirmation is not German:\n%s", m.Text)
	}
	page(founder, "/portal/tickets", "Ihr Unternehmen registrieren")
	res := founder.PostForm("/portal/tickets", url.Values{"subject": {"Erste Frage"}, "body": {"Wie fangen wir an?"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("first ticket: status %d", res.StatusCode)
	}
	page(founder, "/portal/company", "Name des Unternehmens", "neuwerk.example")
	if res := founder.PostForm("/portal/company", url.Values{"name": {"Org A"}}); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(res.Body, "bereits registriert") {
		t.Fatalf("a taken name: status %d, want 422 with a German message", res.StatusCode)
	}
	if res := founder.PostForm("/portal/company", url.Values{"name": {"Neuwerk GmbH"}}); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/portal/org" {
		t.Fatalf("registering the company: status %d location %q", res.StatusCode, res.Header.Get("Location"))
	}
	page(founder, "/portal/org", "Neuwerk GmbH", "neuwerk.example", "Bestätigung")
	f, err := env.Store.UserByEmail(ctx, "frieda@neuwerk.example")
	if err != nil || f.OrgID == 0 || f.Role != model.RolePortalAdm {
		t.Fatalf("founder %+v %v: want the portal admin of the new company", f, err)
	}
	if res := founder.Get("/portal/company"); res.StatusCode != http.StatusNotFound {
		t.Errorf("a contact with a company registers another: status %d", res.StatusCode)
	}

	// Support's one step: approve the domain.
	agent := env.Session(t, "agent")
	page(agent, "/desk/orgs", "neuwerk.example")
	if res := agent.PostForm("/desk/domains/approve", url.Values{"domain": {"neuwerk.example"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("approving: status %d", res.StatusCode)
	}

	// The colleague registers in English and joins by the domain.
	colleague := register("en-GB,en;q=0.8", "Carl Colleague", "carl@neuwerk.example")
	if m := env.Mails(t, "verify_email", "carl@neuwerk.example")[0]; !strings.Contains(m.Text, "confirm") {
		t.Errorf("the colleague's confirmation is not English:\n%s", m.Text)
	}
	c, err := env.Store.UserByEmail(ctx, "carl@neuwerk.example")
	if err != nil || c.OrgID != f.OrgID || c.Role != model.RoleMember {
		t.Fatalf("colleague %+v %v: want a member of the founder's company", c, err)
	}
	list := page(colleague, "/portal/tickets", "Your tickets")
	if strings.Contains(list, "Erste Frage") {
		t.Fatal("a member sees a colleague's ticket")
	}

	// The founder grants the organization's tickets; the colleague sees
	// the founder's ticket on the next request.
	page(founder, "/portal/org", "Carl Colleague")
	if res := founder.PostForm("/portal/org/contacts/"+strconv.FormatInt(c.ID, 10)+"/role", url.Values{"role": {model.RoleColleague}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("granting: status %d", res.StatusCode)
	}
	page(colleague, "/portal/tickets", "Erste Frage")
}
