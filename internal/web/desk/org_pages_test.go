package desk_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"supportal/internal/inbound"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

func TestContactsGetNotFoundOnEveryOrgPage(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "a.admin")
	for _, p := range []string{"/desk/orgs", fmt.Sprintf("/desk/orgs/%d", env.OrgA.ID), "/desk/contacts?q=a",
		fmt.Sprintf("/desk/contacts/%d", env.User(t, "a.member").ID)} {
		if res := c.Get(p); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s as a contact: %d, want 404", p, res.StatusCode)
		}
	}
	res := c.PostForm(fmt.Sprintf("/desk/contacts/%d/merge", env.User(t, "a.member").ID), url.Values{"target": {"a.colleague@a.example"}})
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("merge as a contact: %d, want 404", res.StatusCode)
	}
}

func TestOrgListShowEditAndDomains(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	env.Ticket(t, "a.member", "Printer", "It jams")
	c := env.Session(t, "agent")
	res := c.Get("/desk/orgs")
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "Org A") || !strings.Contains(res.Body, "No domain waits") {
		t.Fatalf("list: %d\n%s", res.StatusCode, res.Body)
	}
	show := fmt.Sprintf("/desk/orgs/%d", env.OrgA.ID)
	res = c.Get(show)
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "Printer") || !strings.Contains(res.Body, "User a.member") {
		t.Fatalf("show: %d\n%s", res.StatusCode, res.Body)
	}
	res = follow(t, c, show, url.Values{"name": {"Org A Renamed"}, "default_role": {model.RoleColleague}})
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "The organization was saved.") {
		t.Fatalf("edit: %d\n%s", res.StatusCode, res.Body)
	}
	o, err := env.Store.Organization(ctx, env.OrgA.ID)
	if err != nil || o.Name != "Org A Renamed" || o.DefaultRole != model.RoleColleague {
		t.Fatalf("after edit: %+v %v", o, err)
	}
	res = c.PostForm(show, url.Values{"name": {"Org B"}, "default_role": {model.RoleMember}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("taken name: %d", res.StatusCode)
	}
	res = follow(t, c, show+"/domains", url.Values{"domain": {"@A-Two.example"}})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("add domain: %d\n%s", res.StatusCode, res.Body)
	}
	if owner, _ := env.Store.DomainOwner(ctx, "a-two.example"); owner != env.OrgA.ID {
		t.Fatalf("added domain owned by %d", owner)
	}
	if res = c.PostForm(show+"/domains", url.Values{"domain": {"b.example"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("taken domain: %d", res.StatusCode)
	}
	res = follow(t, c, show+"/domains/remove", url.Values{"domain": {"a-two.example"}})
	if owner, _ := env.Store.DomainOwner(ctx, "a-two.example"); res.StatusCode != http.StatusOK || owner != 0 {
		t.Fatalf("remove domain: %d, owner %d", res.StatusCode, owner)
	}
	res = follow(t, c, "/desk/orgs", url.Values{"name": {"Org C"}, "domains": {"c.example, c.test"}})
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "c.test") {
		t.Fatalf("create: %d\n%s", res.StatusCode, res.Body)
	}
}

func TestApprovedClaimRoutesNewSenderAndRefusalFreesIt(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	by := env.User(t, "a.admin").ID
	for _, d := range []string{"claimed.example", "refused.example"} {
		if err := env.Store.ClaimOrgDomain(ctx, env.OrgA.ID, d, by); err != nil {
			t.Fatal(err)
		}
	}
	c := env.Session(t, "agent")
	res := c.Get("/desk/orgs")
	if !strings.Contains(res.Body, "claimed.example") || !strings.Contains(res.Body, "User a.admin") {
		t.Fatalf("pending box misses the claims:\n%s", res.Body)
	}
	if res = follow(t, c, "/desk/domains/approve", url.Values{"domain": {"claimed.example"}}); res.StatusCode != http.StatusOK {
		t.Fatalf("approve: %d", res.StatusCode)
	}
	if res = follow(t, c, "/desk/domains/refuse", url.Values{"domain": {"refused.example"}}); res.StatusCode != http.StatusOK {
		t.Fatalf("refuse: %d", res.StatusCode)
	}
	if taken, _ := env.Store.DomainTaken(ctx, "refused.example"); taken {
		t.Error("a refused domain is still held")
	}
	if res = c.PostForm("/desk/domains/approve", url.Values{"domain": {"claimed.example"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("approving twice: %d, want 404", res.StatusCode)
	}
	raw := "From: Nina Neu <nina@claimed.example>\r\nTo: support@localhost\r\nSubject: Hello\r\nMessage-ID: <x1@claimed.example>\r\n" +
		"Content-Type: text/plain\r\n\r\nHello\r\n"
	if _, err := env.App.Inbound.Ingest(ctx, []byte(raw), inbound.Source{Kind: inbound.SourcePipe}); err != nil {
		t.Fatal(err)
	}
	u, err := env.Store.UserByEmail(ctx, "nina@claimed.example")
	if err != nil || u.OrgID != env.OrgA.ID {
		t.Fatalf("new sender: %+v %v", u, err)
	}
}

func TestContactEditSearchAndValidation(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	m := env.User(t, "a.member")
	c := env.Session(t, "agent")
	res := c.Get("/desk/contacts?q=a.mem")
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "a.member@a.example") || strings.Contains(res.Body, "a.colleague@") {
		t.Fatalf("search: %d\n%s", res.StatusCode, res.Body)
	}
	if res = c.Get("/desk/contacts?q=user%20b."); !strings.Contains(res.Body, "b.member@b.example") || strings.Contains(res.Body, "a.member@") {
		t.Fatalf("search by name:\n%s", res.Body)
	}
	tk := env.Ticket(t, "a.member", "Old org ticket", "body")
	page := fmt.Sprintf("/desk/contacts/%d", m.ID)
	if res = c.Get(page); !strings.Contains(res.Body, "Old org ticket") {
		t.Fatalf("contact page lacks its ticket:\n%s", res.Body)
	}
	form := url.Values{"name": {"Max Muster"}, "email": {"Max@A.example"}, "job_title": {"CTO"}, "phone": {"+49 1"},
		"language": {"de"}, "org_id": {fmt.Sprint(env.OrgB.ID)}, "role": {model.RoleCustom}, "rights": {"org_tickets", "contracts"}, "active": {"1"}}
	if res = follow(t, c, page, form); res.StatusCode != http.StatusOK {
		t.Fatalf("edit: %d\n%s", res.StatusCode, res.Body)
	}
	u, _ := env.Store.User(ctx, m.ID)
	if u.Name != "Max Muster" || u.Email != "max@a.example" || u.OrgID != env.OrgB.ID || u.Role != model.RoleCustom ||
		!u.Rights.Has(model.RightContracts) || u.Language != "de" || u.JobTitle != "CTO" {
		t.Fatalf("after edit: %+v", u)
	}
	if got := reload(t, env, tk); got.OrgID != env.OrgA.ID {
		t.Errorf("the ticket moved with its contact to %d", got.OrgID)
	}
	for lang, want := range map[string]string{"en": "Another user already has this address.", "de": "Diese Adresse hat bereits ein anderer Benutzer."} {
		cl := env.Session(t, "agent")
		cl.Lang = lang
		bad := url.Values{"name": {"X"}, "email": {"a.colleague@a.example"}, "role": {model.RoleMember}, "active": {"1"}}
		res = cl.PostForm(page, bad)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, want) {
			t.Errorf("%s: taken email: %d, want %q", lang, res.StatusCode, want)
		}
	}
	res = c.PostForm(page, url.Values{"name": {""}, "email": {"no"}, "role": {"boss"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("bad fields: %d", res.StatusCode)
	}
	if res = c.Get(fmt.Sprintf("/desk/contacts/%d", env.User(t, "agent2").ID)); res.StatusCode != http.StatusNotFound {
		t.Errorf("an agent as a contact: %d", res.StatusCode)
	}
	res = follow(t, c, page, url.Values{"name": {"Max"}, "email": {"max@a.example"}, "role": {model.RoleMember}})
	if u, _ = env.Store.User(ctx, m.ID); res.StatusCode != http.StatusOK || u.Active {
		t.Errorf("deactivate: %d active=%v", res.StatusCode, u.Active)
	}
}

func TestMergeMovesTicketsAndFreesTheAddress(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	from, into := env.User(t, "a.member"), env.User(t, "a.colleague")
	tk := env.Ticket(t, "a.member", "Merge me", "body")
	c := env.Session(t, "agent")
	page := fmt.Sprintf("/desk/contacts/%d", from.ID)
	for lang, cases := range map[string]map[string]string{
		"en": {fmt.Sprint(from.ID): "cannot be merged into itself", "agent@staff.example": "cannot be merged into an agent", "nobody@x.example": "no such contact"},
		"de": {fmt.Sprint(from.ID): "nicht mit sich selbst", "agent@staff.example": "nicht mit einem Agenten", "nobody@x.example": "gibt es nicht"},
	} {
		cl := env.Session(t, "agent")
		cl.Lang = lang
		for target, want := range cases {
			res := cl.PostForm(page+"/merge", url.Values{"target": {target}})
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, want) {
				t.Errorf("%s: merge into %s: %d, want %q", lang, target, res.StatusCode, want)
			}
		}
	}
	res := follow(t, c, page+"/merge", url.Values{"target": {into.Email}})
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "The contacts were merged.") {
		t.Fatalf("merge: %d\n%s", res.StatusCode, res.Body)
	}
	got := reload(t, env, tk)
	if got.RequesterID != into.ID {
		t.Fatalf("requester %d, want %d", got.RequesterID, into.ID)
	}
	msgs, err := env.Store.Messages(ctx, tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if m.AuthorID == from.ID {
			t.Errorf("message %d still written by the merged contact", m.ID)
		}
	}
	var found bool
	for _, e := range events(t, env, tk) {
		found = found || e.Field == "requester" && e.Old == from.Email && e.New == into.Email
	}
	if !found {
		t.Error("no history event for the merge")
	}
	old, err := env.Store.User(ctx, from.ID)
	if err != nil || old.Active || old.Email != store.MergedAddress(from.ID) {
		t.Fatalf("merged contact: %+v %v", old, err)
	}
	if _, err := env.Store.UserByEmail(ctx, from.Email); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("the old address is still taken: %v", err)
	}
	if _, err := env.Store.CreateUser(ctx, store.NewUser{Kind: model.KindContact, Email: from.Email, Name: "Again", Role: model.RoleMember}); err != nil {
		t.Fatalf("the freed address cannot be used again: %v", err)
	}
}

// follow posts a form that must succeed with a redirect and returns the
// page it leads to.
func follow(t *testing.T, c *testenv.Client, path string, form url.Values) *testenv.Response {
	t.Helper()
	res := c.PostForm(path, form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("POST %s: %d, want 303\n%s", path, res.StatusCode, res.Body)
	}
	return c.Get(res.Header.Get("Location"))
}
