package portal_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/jhillyerd/enmime/v2"

	"supportal/internal/config"
	"supportal/internal/inbound"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

// contactPath is the address of an action on contact key's record.
func contactPath(t *testing.T, env *testenv.Env, key, action string) string {
	t.Helper()
	return fmt.Sprintf("/portal/org/contacts/%d/%s", env.User(t, key).ID, action)
}

// userNow reads the user under key as the store has it now.
func userNow(t *testing.T, env *testenv.Env, key string) *model.User {
	t.Helper()
	u, err := env.App.Store.User(context.Background(), env.User(t, key).ID)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// invitationLink returns the link of the invitation mail to address to.
func invitationLink(t *testing.T, env *testenv.Env, to string) string {
	t.Helper()
	ctx := context.Background()
	mails, err := env.App.Store.OutboxMails(ctx, store.OutboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range mails {
		if m.Kind != "invitation" || !slices.Contains(m.Recipients, to) {
			continue
		}
		r, err := env.App.Blobs.Open(ctx, m.RawKey)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		r.Close()
		msg, err := enmime.ReadEnvelope(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		link := regexp.MustCompile(`https?://\S+/welcome\?token=[A-Za-z0-9_-]+`).FindString(msg.Text)
		if link == "" {
			t.Fatalf("invitation mail without a link:\n%s", msg.Text)
		}
		return link
	}
	t.Fatalf("no invitation mail to %s in the outbox", to)
	return ""
}

func TestPortalAdminSeesAndChangesItsContacts(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "a.admin")
	page := c.Get("/portal/org")
	wantStatus(t, page, http.StatusOK)
	wantText(t, page.Body, env.User(t, "a.member").Email, env.User(t, "a.primary").Email, "Portal admin", "a.example")
	wantNoText(t, page.Body, env.User(t, "b.member").Email, env.User(t, "agent").Email)
	if !strings.Contains(c.Get("/portal/tickets").Body, `href="/portal/org"`) {
		t.Error("the portal admin's navigation has no link to the organization")
	}
	if strings.Contains(env.Session(t, "a.primary").Get("/portal/tickets").Body, `href="/portal/org"`) {
		t.Error("a primary contact's navigation links to the organization")
	}

	// A preset.
	wantStatus(t, c.PostForm(contactPath(t, env, "a.colleague", "role"), url.Values{"role": {"primary"}}), http.StatusSeeOther)
	if u := userNow(t, env, "a.colleague"); u.Role != model.RolePrimary || !u.Rights.Has(model.RightAllCorrespondence) {
		t.Errorf("after the preset: role %q rights %v", u.Role, u.Rights)
	}
	// Rights one by one: a preset's rights name the preset, others are custom.
	wantStatus(t, c.PostForm(contactPath(t, env, "a.member", "rights"), url.Values{"right": {"org_tickets"}}), http.StatusSeeOther)
	if u := userNow(t, env, "a.member"); u.Role != model.RoleColleague || u.Rights.String() != "org_tickets" {
		t.Errorf("after org_tickets: role %q rights %v", u.Role, u.Rights)
	}
	wantStatus(t, c.PostForm(contactPath(t, env, "a.member", "rights"), url.Values{"right": {"contracts", "bogus"}}), http.StatusSeeOther)
	if u := userNow(t, env, "a.member"); u.Role != model.RoleCustom || u.Rights.String() != "contracts" {
		t.Errorf("after contracts: role %q rights %v", u.Role, u.Rights)
	}
	if !strings.Contains(c.Get("/portal/org").Body, "Custom") {
		t.Error("a contact with rights of no preset is not shown as custom")
	}
	// Unknown preset.
	wantStatus(t, c.PostForm(contactPath(t, env, "a.member", "role"), url.Values{"role": {"owner"}}), http.StatusUnprocessableEntity)
}

func TestPortalAdminCannotLockItselfOut(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "a.admin")
	res := c.PostForm(contactPath(t, env, "a.admin", "rights"), url.Values{"right": {"org_tickets", "all_correspondence"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantText(t, res.Body, "You cannot remove your own right to manage the organization.")
	res = c.PostForm(contactPath(t, env, "a.admin", "role"), url.Values{"role": {"primary"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	res = c.PostForm(contactPath(t, env, "a.admin", "active"), url.Values{"active": {"0"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantText(t, res.Body, "You cannot deactivate yourself.")
	if u := userNow(t, env, "a.admin"); !u.Active || !u.Rights.Has(model.RightManageOrg) {
		t.Errorf("the portal admin changed itself: %+v", u)
	}
	// Changing its own other rights is fine.
	wantStatus(t, c.PostForm(contactPath(t, env, "a.admin", "rights"), url.Values{"right": {"manage_org"}}), http.StatusSeeOther)
}

func TestDeactivatedContactCannotSignInAndKeepsItsTickets(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Stays", "Body")
	member := env.Session(t, "a.member")
	wantStatus(t, member.Get("/portal/tickets"), http.StatusOK)
	admin := env.Session(t, "a.admin")
	wantStatus(t, admin.PostForm(contactPath(t, env, "a.member", "active"), url.Values{"active": {"0"}}), http.StatusSeeOther)
	if res := member.Get("/portal/tickets"); res.StatusCode == http.StatusOK {
		t.Error("the deactivated contact's session still works")
	}
	res := env.Anonymous(t).PostForm("/login", url.Values{"email": {env.User(t, "a.member").Email}, "password": {testenv.Password}})
	if res.StatusCode == http.StatusSeeOther {
		t.Error("a deactivated contact signs in")
	}
	if got := env.Session(t, "a.primary").Get(ticketPath(tk)); got.StatusCode != http.StatusOK {
		t.Errorf("the deactivated contact's ticket: status %d", got.StatusCode)
	}
	wantText(t, admin.Get("/portal/org").Body, "Deactivated", "Reactivate")
	wantStatus(t, admin.PostForm(contactPath(t, env, "a.member", "active"), url.Values{"active": {"1"}}), http.StatusSeeOther)
	env.Browser(t, "a.member") // signs in again
	wantStatus(t, admin.PostForm(contactPath(t, env, "a.member", "active"), url.Values{"active": {"maybe"}}), http.StatusBadRequest)
}

func TestOrgPagesDoNotExistForOthers(t *testing.T) {
	env := testenv.New(t)
	actions := []struct {
		path string
		form url.Values
	}{
		{"/portal/org/invitations", url.Values{"name": {"X"}, "email": {"x@a.example"}, "role": {"admin"}}},
		{"/portal/org/domains", url.Values{"domain": {"x-corp.example"}}},
	}
	for _, target := range []string{"a.member", "a.admin", "b.member"} {
		actions = append(actions,
			struct {
				path string
				form url.Values
			}{contactPath(t, env, target, "role"), url.Values{"role": {"admin"}}},
			struct {
				path string
				form url.Values
			}{contactPath(t, env, target, "rights"), url.Values{"right": {"manage_org"}}},
			struct {
				path string
				form url.Values
			}{contactPath(t, env, target, "active"), url.Values{"active": {"0"}}})
	}
	for _, key := range []string{"a.member", "a.colleague", "a.primary", "b.member", "b.primary", "loner", "agent", "admin"} {
		c := env.Session(t, key)
		if res := c.Get("/portal/org"); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: GET /portal/org: status %d, want 404", key, res.StatusCode)
		}
		for _, a := range actions {
			if res := c.PostForm(a.path, a.form); res.StatusCode != http.StatusNotFound {
				t.Errorf("%s: POST %s: status %d, want 404", key, a.path, res.StatusCode)
			}
		}
	}
	// A portal admin of B reaches nothing of A; with A's ids it gets 404 too.
	c := env.Session(t, "b.admin")
	wantStatus(t, c.Get("/portal/org"), http.StatusOK)
	for _, key := range []string{"a.member", "a.admin", "agent", "loner"} {
		for _, a := range []string{"role", "rights", "active"} {
			res := c.PostForm(contactPath(t, env, key, a), url.Values{"role": {"admin"}, "right": {"manage_org"}, "active": {"0"}})
			if res.StatusCode != http.StatusNotFound {
				t.Errorf("b.admin on %s's %s: status %d, want 404", key, a, res.StatusCode)
			}
		}
	}
	// Only the exact id addresses a contact.
	admin := env.Session(t, "a.admin")
	id := env.User(t, "a.member").ID
	for _, p := range []string{fmt.Sprintf("0%d", id), fmt.Sprintf("%d.0", id), fmt.Sprintf("%d%%20", id), "0", "-1"} {
		if res := admin.PostForm("/portal/org/contacts/"+p+"/active", url.Values{"active": {"0"}}); res.StatusCode != http.StatusNotFound {
			t.Errorf("contact id %q: status %d, want 404", p, res.StatusCode)
		}
	}
	for _, key := range []string{"a.member", "a.admin", "b.member"} {
		orig := env.User(t, key)
		if u := userNow(t, env, key); !u.Active || u.Role != orig.Role || u.Rights.String() != orig.Rights.String() {
			t.Errorf("%s was changed: %+v", key, u)
		}
	}
	if _, err := env.App.Store.UserByEmail(context.Background(), "x@a.example"); err == nil {
		t.Error("an invitation by someone who may not invite created a contact")
	}
}

func TestRightsApplyOnTheContactsNextRequest(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.primary", "Colleague's ticket", "Secret body of a.primary")
	member := env.Session(t, "a.member")
	wantStatus(t, member.Get(ticketPath(tk)), http.StatusNotFound)
	admin := env.Session(t, "a.admin")
	wantStatus(t, admin.PostForm(contactPath(t, env, "a.member", "rights"), url.Values{"right": {"org_tickets"}}), http.StatusSeeOther)
	res := member.Get(ticketPath(tk))
	wantStatus(t, res, http.StatusOK)
	wantText(t, res.Body, "Colleague&#39;s ticket")
	wantNoText(t, res.Body, "Secret body of a.primary")
	wantStatus(t, admin.PostForm(contactPath(t, env, "a.member", "rights"), url.Values{"right": {"org_tickets", "all_correspondence"}}), http.StatusSeeOther)
	wantText(t, member.Get(ticketPath(tk)).Body, "Secret body of a.primary")
	wantStatus(t, admin.PostForm(contactPath(t, env, "a.member", "role"), url.Values{"role": {"member"}}), http.StatusSeeOther)
	wantStatus(t, member.Get(ticketPath(tk)), http.StatusNotFound)
	// Granting manage_org opens the organization pages at once.
	wantStatus(t, member.Get("/portal/org"), http.StatusNotFound)
	wantStatus(t, admin.PostForm(contactPath(t, env, "a.member", "role"), url.Values{"role": {"admin"}}), http.StatusSeeOther)
	wantStatus(t, member.Get("/portal/org"), http.StatusOK)
}

func TestInvitationEndToEnd(t *testing.T) {
	env := testenv.New(t, func(c *config.Config) { c.BaseURL = "https://help.example.com" })
	admin := env.Session(t, "a.admin")
	res := admin.PostForm("/portal/org/invitations", url.Values{"name": {"Ida Invited"}, "email": {"ida@a.example"}, "role": {"colleague"}})
	wantStatus(t, res, http.StatusSeeOther)
	ctx := context.Background()
	ida, err := env.App.Store.UserByEmail(ctx, "ida@a.example")
	if err != nil {
		t.Fatal(err)
	}
	if ida.OrgID != env.User(t, "a.admin").OrgID || ida.Role != model.RoleColleague || ida.EmailVerified || ida.PasswordHash != "" {
		t.Fatalf("invited contact %+v", ida)
	}
	wantText(t, admin.Get("/portal/org").Body, "ida@a.example", "invited")

	link := invitationLink(t, env, "ida@a.example")
	if !strings.HasPrefix(link, "https://help.example.com/welcome?token=") {
		t.Fatalf("link %q does not use the base URL", link)
	}
	u, _ := url.Parse(link)
	c := env.Anonymous(t)
	page := c.Get(u.Path + "?" + u.RawQuery)
	wantStatus(t, page, http.StatusOK)
	wantText(t, page.Body, "ida@a.example")
	res = c.PostForm("/welcome", url.Values{"token": {u.Query().Get("token")}, "name": {"Ida Invited"}, "password": {"a long enough password"}})
	wantStatus(t, res, http.StatusSeeOther)
	res = env.Anonymous(t).PostForm("/login", url.Values{"email": {"ida@a.example"}, "password": {"a long enough password"}})
	wantStatus(t, res, http.StatusSeeOther)
	if again := env.Anonymous(t).PostForm("/welcome", url.Values{"token": {u.Query().Get("token")}, "name": {"M"}, "password": {"another long password"}}); again.StatusCode != http.StatusNotFound {
		t.Errorf("second use of the invitation: status %d", again.StatusCode)
	}

	// An address that has an account: a clear field error, nothing sent.
	res = admin.PostForm("/portal/org/invitations", url.Values{"name": {"B"}, "email": {env.User(t, "b.member").Email}, "role": {"member"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantText(t, res.Body, "This address already has an account.")
	if u := userNow(t, env, "b.member"); u.OrgID != env.User(t, "b.member").OrgID {
		t.Error("inviting an existing address moved it")
	}
	res = admin.PostForm("/portal/org/invitations", url.Values{"name": {""}, "email": {"not an address"}, "role": {"owner"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
}

func TestClaimedDomainWaitsForApproval(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	admin := env.Session(t, "a.admin")
	wantStatus(t, admin.PostForm("/portal/org/domains", url.Values{"domain": {" A-Corp.example "}}), http.StatusSeeOther)
	wantText(t, admin.Get("/portal/org").Body, "a-corp.example", "waiting for approval by support")
	if id, err := env.App.Store.DomainOwner(ctx, "a-corp.example"); err != nil || id != 0 {
		t.Fatalf("the claimed domain routes before approval: %d %v", id, err)
	}
	ingest := func(from string) *model.User {
		t.Helper()
		raw := "From: <" + from + ">\r\nTo: support@localhost\r\nSubject: Hi\r\nMessage-ID: <" + from + ">\r\nContent-Type: text/plain\r\n\r\nHello\r\n"
		if _, err := env.App.Inbound.Ingest(ctx, []byte(raw), inbound.Source{Kind: inbound.SourcePipe}); err != nil {
			t.Fatal(err)
		}
		u, err := env.App.Store.UserByEmail(ctx, from)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	if u := ingest("early@a-corp.example"); u.OrgID != 0 {
		t.Errorf("a mail from the domain joined the organization before approval")
	}
	var claimedBy int64
	err := env.App.Store.DB().QueryRowContext(ctx, "SELECT claimed_by FROM org_domains WHERE domain = $1", "a-corp.example").Scan(&claimedBy)
	if err != nil || claimedBy != env.User(t, "a.admin").ID {
		t.Errorf("claimed_by %d %v", claimedBy, err)
	}
	if _, err := env.App.Store.DB().ExecContext(ctx, "UPDATE org_domains SET approved = TRUE WHERE domain = $1", "a-corp.example"); err != nil {
		t.Fatal(err)
	}
	if u := ingest("later@a-corp.example"); u.OrgID != env.User(t, "a.admin").OrgID {
		t.Errorf("after approval a mail from the domain is in organization %d", u.OrgID)
	}
	wantText(t, admin.Get("/portal/org").Body, "approved")

	for domain, want := range map[string]string{
		"b.example":      "This domain already belongs to another organization.",
		"a.example":      "Your organization has claimed this domain already.",
		"not a domain":   "Enter a domain name such as example.com.",
		"localhost":      "Enter a domain name such as example.com.",
		"x.example/path": "Enter a domain name such as example.com.",
	} {
		res := admin.PostForm("/portal/org/domains", url.Values{"domain": {domain}})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantText(t, res.Body, want)
	}
}

func TestOrgPagesInGerman(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "a.admin")
	c.Lang = "de"
	rawOrgKey := regexp.MustCompile(`\b(?:org|role|flash|error|field|nav)\.[a-z_]+\.?[a-z_]*\b`)
	pages := map[string]*testenv.Response{
		"page":       c.Get("/portal/org"),
		"self":       c.PostForm(contactPath(t, env, "a.admin", "active"), url.Values{"active": {"0"}}),
		"own right":  c.PostForm(contactPath(t, env, "a.admin", "rights"), url.Values{}),
		"taken":      c.PostForm("/portal/org/invitations", url.Values{"name": {"X"}, "email": {env.User(t, "b.member").Email}, "role": {"member"}}),
		"bad domain": c.PostForm("/portal/org/domains", url.Values{"domain": {"b.example"}}),
	}
	for name, res := range pages {
		if k := rawOrgKey.FindString(res.Body); k != "" && !strings.Contains(k, "example") {
			t.Errorf("%s: untranslated key %q", name, k)
		}
	}
	wantText(t, pages["page"].Body, "Kontakte", "Kollegin oder Kollegen einladen", "E-Mail-Domains", "Rechte speichern")
	wantText(t, pages["self"].Body, "Sie können sich nicht selbst deaktivieren.")
	wantText(t, pages["own right"].Body, "Sie können sich das Recht, die Organisation zu verwalten, nicht selbst entziehen.")
	wantText(t, pages["taken"].Body, "Für diese Adresse gibt es bereits ein Konto.")
	wantText(t, pages["bad domain"].Body, "Diese Domain gehört bereits zu einer anderen Organisation.")
	wantStatus(t, c.PostForm(contactPath(t, env, "a.member", "role"), url.Values{"role": {"colleague"}}), http.StatusSeeOther)
	wantText(t, c.Get("/portal/org").Body, "Die Rechte wurden gespeichert.")
}
