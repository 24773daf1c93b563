package api_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"supportal/internal/testenv"
)

type apiContact struct {
	ID       int64    `json:"id"`
	OrgID    *int64   `json:"org_id"`
	Email    string   `json:"email"`
	Name     string   `json:"name"`
	Role     string   `json:"role"`
	Rights   []string `json:"rights"`
	Active   bool     `json:"active"`
	Verified bool     `json:"verified"`
	JobTitle string   `json:"job_title"`
	Phone    string   `json:"phone"`
	Language string   `json:"language"`
}

type apiContactList struct {
	Items      []apiContact `json:"items"`
	NextCursor *string      `json:"next_cursor"`
}

func contactPath(id int64) string { return fmt.Sprintf("/api/v1/contacts/%d", id) }

func contactsPath(orgID int64) string { return orgPath(orgID) + "/contacts" }

// contactNow reads the contact under key through the agent's list of its
// organization.
func contactNow(t *testing.T, env *testenv.Env, key string) apiContact {
	t.Helper()
	u := env.User(t, key)
	res := env.Bearer(t, "admin").Get(contactsPath(u.OrgID) + "?limit=100")
	want(t, res, http.StatusOK)
	var l apiContactList
	res.JSON(t, &l)
	for _, c := range l.Items {
		if c.ID == u.ID {
			return c
		}
	}
	t.Fatalf("%s is not among the contacts of its organization", key)
	return apiContact{}
}

func TestContactsOfOrganizationInPages(t *testing.T) {
	env := testenv.New(t)
	for _, key := range []string{"agent", "a.admin"} {
		c := env.Bearer(t, key)
		res := c.Get(contactsPath(env.OrgA.ID) + "?limit=3")
		want(t, res, http.StatusOK)
		var first apiContactList
		res.JSON(t, &first)
		if len(first.Items) != 3 || first.NextCursor == nil {
			t.Fatalf("%s: first page %+v", key, first)
		}
		res = c.Get(contactsPath(env.OrgA.ID) + "?limit=3&cursor=" + url.QueryEscape(*first.NextCursor))
		want(t, res, http.StatusOK)
		var second apiContactList
		res.JSON(t, &second)
		if len(second.Items) != 1 || second.NextCursor != nil {
			t.Fatalf("%s: second page %+v", key, second)
		}
		var names []string
		for _, ct := range append(first.Items, second.Items...) {
			names = append(names, ct.Name)
			if ct.OrgID == nil || *ct.OrgID != env.OrgA.ID || !strings.HasSuffix(ct.Email, "@a.example") {
				t.Errorf("%s: contact of another organization: %+v", key, ct)
			}
		}
		if want := []string{"User a.admin", "User a.colleague", "User a.member", "User a.primary"}; !slices.Equal(names, want) {
			t.Errorf("%s: contacts %v, want %v", key, names, want)
		}
	}
	primary := contactNow(t, env, "a.primary")
	if primary.Role != "primary" || !slices.Equal(primary.Rights, []string{"org_tickets", "all_correspondence", "comment_org", "contracts"}) ||
		!primary.Active || !primary.Verified {
		t.Errorf("a.primary: %+v", primary)
	}
	res := env.Bearer(t, "agent").Get(contactsPath(env.OrgA.ID) + "?q=user+a.p")
	var l apiContactList
	res.JSON(t, &l)
	if len(l.Items) != 1 || l.Items[0].Name != "User a.primary" {
		t.Errorf("q=user a.p: %+v", l.Items)
	}
	want(t, env.Bearer(t, "agent").Get(contactsPath(999999)), http.StatusNotFound)
	wantField(t, env.Bearer(t, "agent").Get(contactsPath(env.OrgA.ID)+"?limit=0"), "limit")
}

func TestPortalAdminInvitesContact(t *testing.T) {
	env := testenv.New(t)
	c := env.Bearer(t, "a.admin")
	res := c.JSONRequest(http.MethodPost, contactsPath(env.OrgA.ID), map[string]any{"name": "Neue Kollegin", "email": "Neue@A.example", "role": "colleague"})
	want(t, res, http.StatusCreated)
	var ct apiContact
	res.JSON(t, &ct)
	if ct.Email != "neue@a.example" || ct.Name != "Neue Kollegin" || ct.Role != "colleague" || !slices.Equal(ct.Rights, []string{"org_tickets"}) ||
		!ct.Active || ct.Verified || ct.OrgID == nil || *ct.OrgID != env.OrgA.ID {
		t.Errorf("invited %+v", ct)
	}
	link := env.MailedLink(t, "invitation", "neue@a.example", "/welcome")
	if !strings.Contains(link, "token=") {
		t.Errorf("invitation link %q", link)
	}

	wantField(t, c.JSONRequest(http.MethodPost, contactsPath(env.OrgA.ID), map[string]any{"name": "Again", "email": "neue@a.example"}), "email")
	wantField(t, c.JSONRequest(http.MethodPost, contactsPath(env.OrgA.ID), map[string]any{"name": "B", "email": "b.member@b.example"}), "email")
	if n := len(env.Mails(t, "invitation", "neue@a.example")); n != 1 {
		t.Errorf("%d invitations to neue@a.example", n)
	}
}

func TestInvitationTakesRightsOrOrganizationsDefaultRole(t *testing.T) {
	env := testenv.New(t)
	c := env.Bearer(t, "agent")
	want(t, c.JSONRequest(http.MethodPatch, orgPath(env.OrgA.ID), map[string]any{"default_role": "primary"}), http.StatusOK)
	for body, wantRole := range map[string]string{
		`{"name": "D", "email": "d@a.example"}`:                                         "primary",
		`{"name": "R", "email": "r@a.example", "rights": ["contracts", "org_tickets"]}`: "custom",
		`{"name": "P", "email": "p@a.example", "rights": ["org_tickets"]}`:              "colleague",
		`{"name": "E", "email": "e@a.example", "rights": []}`:                           "member",
	} {
		res := c.JSONRequest(http.MethodPost, contactsPath(env.OrgA.ID), body)
		want(t, res, http.StatusCreated)
		var ct apiContact
		res.JSON(t, &ct)
		if ct.Role != wantRole {
			t.Errorf("%s: role %q, want %q", body, ct.Role, wantRole)
		}
		if wantRole == "custom" && !slices.Equal(ct.Rights, []string{"org_tickets", "contracts"}) {
			t.Errorf("custom rights %v", ct.Rights)
		}
		if len(env.Mails(t, "invitation", ct.Email)) != 1 {
			t.Errorf("no invitation to %s", ct.Email)
		}
	}
}

func TestInvitationRefusesBadInput(t *testing.T) {
	env := testenv.New(t)
	c := env.Bearer(t, "a.admin")
	for body, field := range map[string]string{
		`{"name": "X", "email": "not an address"}`:                              "email",
		`{"name": "", "email": "x@a.example"}`:                                  "name",
		`{"name": "X", "email": "x@a.example", "role": "owner"}`:                "role",
		`{"name": "X", "email": "x@a.example", "role": "custom"}`:               "role",
		`{"name": "X", "email": "x@a.example", "rights": ["root"]}`:             "rights",
		`{"name": "X", "email": "x@a.example", "role": "member", "rights": []}`: "rights",
		`{"name": "X", "email": "x@a.example", "org_id": 2}`:                    "org_id",
		`{"name": "X", "email": "x@a.example", "password": "long enough pw"}`:   "password",
	} {
		wantField(t, c.JSONRequest(http.MethodPost, contactsPath(env.OrgA.ID), body), field)
	}
	c.Lang = "de"
	e := wantField(t, c.JSONRequest(http.MethodPost, contactsPath(env.OrgA.ID), `{"name": "X", "email": "x@a.example", "role": "member", "rights": []}`), "rights")
	if !strings.Contains(e.Error, "Rolle") {
		t.Errorf("German message: %q", e.Error)
	}
	want(t, c.JSONRequest(http.MethodPost, contactsPath(env.OrgA.ID), `{"name": "X",`), http.StatusBadRequest)
	if n := len(env.Mails(t, "invitation", "")); n != 0 {
		t.Errorf("%d invitations after refused requests", n)
	}
}

func TestInvitationIntoAnotherOrganizationIsNotFound(t *testing.T) {
	env := testenv.New(t)
	missing := env.Bearer(t, "b.admin").JSONRequest(http.MethodPost, contactsPath(999999), map[string]any{"name": "X", "email": "x@a.example"})
	want(t, missing, http.StatusNotFound)
	for _, key := range []string{"b.admin", "a.primary", "a.member"} {
		res := env.Bearer(t, key).JSONRequest(http.MethodPost, contactsPath(env.OrgA.ID), map[string]any{"name": "X", "email": "x@a.example"})
		want(t, res, http.StatusNotFound)
		if res.Body != missing.Body {
			t.Errorf("%s: %s, unlike a missing organization: %s", key, res.Body, missing.Body)
		}
	}
	if n := len(env.Mails(t, "invitation", "x@a.example")); n != 0 {
		t.Errorf("%d invitations sent", n)
	}
	want(t, env.Bearer(t, "agent").JSONRequest(http.MethodPost, contactsPath(999999), map[string]any{"name": "X", "email": "x@a.example"}), http.StatusNotFound)
}

func TestAgentChangesContactRightsAndProfile(t *testing.T) {
	env := testenv.New(t)
	c := env.Bearer(t, "agent")
	member := env.User(t, "a.member")
	memberAPI := env.Bearer(t, "a.member")
	want(t, memberAPI.Get(orgPath(env.OrgA.ID)), http.StatusNotFound)

	res := c.JSONRequest(http.MethodPatch, contactPath(member.ID), map[string]any{"role": "admin"})
	want(t, res, http.StatusOK)
	var ct apiContact
	res.JSON(t, &ct)
	if ct.Role != "admin" || !slices.Contains(ct.Rights, "manage_org") {
		t.Fatalf("after role admin: %+v", ct)
	}
	// The new rights apply to the next request of the contact.
	want(t, memberAPI.Get(orgPath(env.OrgA.ID)), http.StatusOK)

	res = c.JSONRequest(http.MethodPatch, contactPath(member.ID), map[string]any{
		"rights": []string{"contracts", "org_tickets", "contracts"}, "name": " Maria Muster ", "job_title": "Einkauf", "phone": "+49 30 1234", "language": "de"})
	want(t, res, http.StatusOK)
	res.JSON(t, &ct)
	if ct.Role != "custom" || !slices.Equal(ct.Rights, []string{"org_tickets", "contracts"}) || ct.Name != "Maria Muster" ||
		ct.JobTitle != "Einkauf" || ct.Phone != "+49 30 1234" || ct.Language != "de" || ct.Email != member.Email {
		t.Errorf("after the change: %+v", ct)
	}
	want(t, memberAPI.Get(orgPath(env.OrgA.ID)), http.StatusNotFound)
	res = memberAPI.Get("/api/v1/me")
	var me apiMe
	res.JSON(t, &me)
	if me.Role != "custom" || !slices.Equal(me.Rights, []string{"org_tickets", "contracts"}) || me.Name != "Maria Muster" {
		t.Errorf("me = %+v", me)
	}

	res = c.JSONRequest(http.MethodPatch, contactPath(member.ID), `{"job_title": null, "language": ""}`)
	want(t, res, http.StatusOK)
	res.JSON(t, &ct)
	if ct.JobTitle != "" || ct.Language != "" || ct.Phone != "+49 30 1234" || ct.Role != "custom" {
		t.Errorf("after clearing: %+v", ct)
	}
	// Contacts of no organization are support's too.
	want(t, c.JSONRequest(http.MethodPatch, contactPath(env.User(t, "loner").ID), map[string]any{"phone": "110"}), http.StatusOK)
}

func TestContactUpdateRefusesBadInput(t *testing.T) {
	env := testenv.New(t)
	c := env.Bearer(t, "agent")
	id := env.User(t, "a.member").ID
	for body, field := range map[string]string{
		`{"role": "owner"}`:                            "role",
		`{"role": "custom"}`:                           "role",
		`{"role": null}`:                               "role",
		`{"rights": ["org_tickets", "root"]}`:          "rights",
		`{"rights": null}`:                             "rights",
		`{"rights": "org_tickets"}`:                    "rights",
		`{"role": "member", "rights": []}`:             "rights",
		`{"name": ""}`:                                 "name",
		`{"name": null}`:                               "name",
		`{"active": null}`:                             "active",
		`{"active": "yes"}`:                            "active",
		`{"language": "fr"}`:                           "language",
		`{"phone": "` + strings.Repeat("1", 51) + `"}`: "phone",
		`{"email": "new@a.example"}`:                   "email",
		`{"org_id": 2}`:                                "org_id",
		`{"kind": "agent"}`:                            "kind",
	} {
		wantField(t, c.JSONRequest(http.MethodPatch, contactPath(id), body), field)
	}
	want(t, c.JSONRequest(http.MethodPatch, contactPath(id), `{"name": "X"`), http.StatusBadRequest)
	// Agents are no contacts, and an id that is no one's is missing.
	want(t, c.JSONRequest(http.MethodPatch, contactPath(env.User(t, "agent2").ID), map[string]any{"name": "X"}), http.StatusNotFound)
	want(t, c.JSONRequest(http.MethodPatch, contactPath(999999), map[string]any{"name": "X"}), http.StatusNotFound)
	if ct := contactNow(t, env, "a.member"); ct.Name != "User a.member" || ct.Role != "member" || len(ct.Rights) != 0 || !ct.Active {
		t.Errorf("refused changes were applied: %+v", ct)
	}
}

func TestPortalAdminChangesOnlyItsOwnContacts(t *testing.T) {
	env := testenv.New(t)
	c := env.Bearer(t, "a.admin")
	res := c.JSONRequest(http.MethodPatch, contactPath(env.User(t, "a.member").ID), map[string]any{"role": "primary", "job_title": "IT"})
	want(t, res, http.StatusOK)
	var ct apiContact
	res.JSON(t, &ct)
	if ct.Role != "primary" || ct.JobTitle != "IT" {
		t.Errorf("after the change: %+v", ct)
	}
	missing := c.JSONRequest(http.MethodPatch, contactPath(999999), map[string]any{"role": "member"})
	want(t, missing, http.StatusNotFound)
	for _, key := range []string{"b.member", "b.admin", "loner", "agent"} {
		res := c.JSONRequest(http.MethodPatch, contactPath(env.User(t, key).ID), map[string]any{"role": "member"})
		want(t, res, http.StatusNotFound)
		if res.Body != missing.Body {
			t.Errorf("%s: %s, unlike a missing contact: %s", key, res.Body, missing.Body)
		}
	}
	if ct := contactNow(t, env, "b.admin"); ct.Role != "admin" {
		t.Errorf("b.admin was changed: %+v", ct)
	}
	for _, key := range []string{"a.primary", "a.member", "b.admin"} {
		want(t, env.Bearer(t, key).JSONRequest(http.MethodPatch, contactPath(env.User(t, "a.colleague").ID), map[string]any{"role": "admin"}), http.StatusNotFound)
	}
	if ct := contactNow(t, env, "a.colleague"); ct.Role != "colleague" {
		t.Errorf("a.colleague was changed: %+v", ct)
	}
}

func TestPortalAdminKeepsOwnManageRightAndActivity(t *testing.T) {
	env := testenv.New(t)
	c := env.Bearer(t, "a.admin")
	self := contactPath(env.User(t, "a.admin").ID)
	wantField(t, c.JSONRequest(http.MethodPatch, self, map[string]any{"role": "primary"}), "role")
	wantField(t, c.JSONRequest(http.MethodPatch, self, map[string]any{"rights": []string{"org_tickets"}}), "rights")
	c.Lang = "de"
	e := wantField(t, c.JSONRequest(http.MethodPatch, self, map[string]any{"active": false}), "active")
	if !strings.Contains(e.Fields["active"], "nicht selbst deaktivieren") {
		t.Errorf("German message: %q", e.Fields["active"])
	}
	if ct := contactNow(t, env, "a.admin"); ct.Role != "admin" || !ct.Active {
		t.Errorf("refused changes were applied: %+v", ct)
	}
	res := c.JSONRequest(http.MethodPatch, self, map[string]any{"phone": "+49 89 1", "role": "admin"})
	want(t, res, http.StatusOK)
	// Support may take the right away.
	want(t, env.Bearer(t, "agent").JSONRequest(http.MethodPatch, self, map[string]any{"role": "member"}), http.StatusOK)
	want(t, c.Get(orgPath(env.OrgA.ID)), http.StatusNotFound)
}

func TestDeactivatedContactIsLockedOut(t *testing.T) {
	env := testenv.New(t)
	bearer := env.Bearer(t, "a.member")
	browser := env.Browser(t, "a.member")
	want(t, bearer.Get("/api/v1/me"), http.StatusOK)
	want(t, browser.Get("/api/v1/me"), http.StatusOK)

	id := env.User(t, "a.member").ID
	res := env.Bearer(t, "a.admin").JSONRequest(http.MethodPatch, contactPath(id), map[string]any{"active": false})
	want(t, res, http.StatusOK)
	var ct apiContact
	res.JSON(t, &ct)
	if ct.Active {
		t.Fatalf("still active: %+v", ct)
	}
	want(t, bearer.Get("/api/v1/me"), http.StatusUnauthorized)
	want(t, browser.Get("/api/v1/me"), http.StatusUnauthorized)
	signIn := env.Anonymous(t).PostForm("/login", url.Values{"email": {env.User(t, "a.member").Email}, "password": {testenv.Password}})
	if signIn.StatusCode == http.StatusSeeOther {
		t.Errorf("a deactivated contact signed in: %s", signIn.Header.Get("Location"))
	}

	want(t, env.Bearer(t, "agent").JSONRequest(http.MethodPatch, contactPath(id), map[string]any{"active": true}), http.StatusOK)
	want(t, bearer.Get("/api/v1/me"), http.StatusOK)
	want(t, browser.Get("/api/v1/me"), http.StatusUnauthorized) // its sessions ended
}
