package api_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"supportal/internal/testenv"
)

type apiOrg struct {
	ID             int64    `json:"id"`
	Name           string   `json:"name"`
	Domains        []string `json:"domains"`
	PendingDomains []string `json:"pending_domains"`
	DefaultRole    string   `json:"default_role"`
	CreatedAt      string   `json:"created_at"`
	UpdatedAt      string   `json:"updated_at"`
}

type apiOrgList struct {
	Items      []apiOrg `json:"items"`
	NextCursor *string  `json:"next_cursor"`
}

func orgPath(id int64) string { return fmt.Sprintf("/api/v1/orgs/%d", id) }

// getOrg fetches an organization through the API as c.
func getOrg(t *testing.T, c *testenv.Client, id int64) apiOrg {
	t.Helper()
	res := c.Get(orgPath(id))
	want(t, res, http.StatusOK)
	var o apiOrg
	res.JSON(t, &o)
	return o
}

// orgNames lists the names of the organizations c gets from path.
func orgNames(t *testing.T, c *testenv.Client, path string) []string {
	t.Helper()
	res := c.Get(path)
	want(t, res, http.StatusOK)
	var l apiOrgList
	res.JSON(t, &l)
	names := []string{}
	for _, o := range l.Items {
		names = append(names, o.Name)
	}
	return names
}

func TestAgentPagesThroughOrganizationsByName(t *testing.T) {
	env := testenv.New(t)
	c := env.Bearer(t, "agent")
	for _, name := range []string{"Zeta GmbH", "Alpha AG", "Org C", "Beta KG"} {
		want(t, c.JSONRequest(http.MethodPost, "/api/v1/orgs", map[string]any{"name": name}), http.StatusCreated)
	}
	var got []string
	path := "/api/v1/orgs?limit=2"
	for pages := 0; path != ""; pages++ {
		if pages > 5 {
			t.Fatal("the cursor does not end")
		}
		res := c.Get(path)
		want(t, res, http.StatusOK)
		var l apiOrgList
		res.JSON(t, &l)
		if len(l.Items) > 2 {
			t.Fatalf("page of %d with limit 2", len(l.Items))
		}
		for _, o := range l.Items {
			got = append(got, o.Name)
		}
		path = ""
		if l.NextCursor != nil {
			path = "/api/v1/orgs?limit=2&cursor=" + *l.NextCursor
		}
	}
	if want := []string{"Alpha AG", "Beta KG", "Org A", "Org B", "Org C", "Zeta GmbH"}; !slices.Equal(got, want) {
		t.Errorf("pages = %v, want %v", got, want)
	}
	if got := orgNames(t, c, "/api/v1/orgs?q=org"); !slices.Equal(got, []string{"Org A", "Org B", "Org C"}) {
		t.Errorf("q=org: %v", got)
	}
	if got := orgNames(t, c, "/api/v1/orgs?q=x%25"); len(got) != 0 {
		t.Errorf("a wildcard in q matched %v", got)
	}
	wantField(t, c.Get("/api/v1/orgs?limit=101"), "limit")
	wantField(t, c.Get("/api/v1/orgs?limit=two"), "limit")
	wantField(t, c.Get("/api/v1/orgs?cursor=not-ours"), "cursor")
	wantField(t, c.Get("/api/v1/orgs?q="+strings.Repeat("a", 201)), "q")
}

func TestContactsListOnlyTheOrganizationTheyManage(t *testing.T) {
	env := testenv.New(t)
	for key, wantNames := range map[string][]string{
		"a.admin": {"Org A"}, "b.admin": {"Org B"},
		"a.member": {}, "a.primary": {}, "loner": {},
	} {
		if got := orgNames(t, env.Bearer(t, key), "/api/v1/orgs"); !slices.Equal(got, wantNames) {
			t.Errorf("%s lists %v, want %v", key, got, wantNames)
		}
	}
	if got := orgNames(t, env.Bearer(t, "a.admin"), "/api/v1/orgs?q=org+b"); len(got) != 0 {
		t.Errorf("a.admin filtered to %v", got)
	}
}

func TestAgentCreatesOrganizationWithDomains(t *testing.T) {
	env := testenv.New(t)
	c := env.Bearer(t, "agent")
	res := c.JSONRequest(http.MethodPost, "/api/v1/orgs", map[string]any{
		"name": "  Neu GmbH ", "domains": []string{"@Neu.Example", "neu-gruppe.example"}, "default_role": "colleague"})
	want(t, res, http.StatusCreated)
	var o apiOrg
	res.JSON(t, &o)
	if o.Name != "Neu GmbH" || o.DefaultRole != "colleague" || !slices.Equal(o.Domains, []string{"neu-gruppe.example", "neu.example"}) ||
		len(o.PendingDomains) != 0 || o.CreatedAt == "" {
		t.Errorf("created %+v", o)
	}
	if loc := res.Header.Get("Location"); loc != orgPath(o.ID) {
		t.Errorf("Location %q", loc)
	}
	if got := getOrg(t, c, o.ID); got.Name != o.Name || got.DefaultRole != "colleague" {
		t.Errorf("read back %+v", got)
	}
}

func TestCreateOrganizationRefusesBadInput(t *testing.T) {
	env := testenv.New(t)
	c := env.Bearer(t, "admin")
	for body, field := range map[string]string{
		`{"name": ""}`:      "name",
		`{"name": "org a"}`: "name",
		`{"name": "X", "domains": ["not a domain"]}`:   "domains",
		`{"name": "X", "domains": ["a.example"]}`:      "domains",
		`{"name": "X", "default_role": "boss"}`:        "default_role",
		`{"name": "X", "owner": 1}`:                    "owner",
		`{"name": 5}`:                                  "name",
		`{"name": "X", "domains": "x.example"}`:        "domains",
		`{"name": "` + strings.Repeat("n", 201) + `"}`: "name",
	} {
		wantField(t, c.JSONRequest(http.MethodPost, "/api/v1/orgs", body), field)
	}
	want(t, c.JSONRequest(http.MethodPost, "/api/v1/orgs", `{"name": "X"`), http.StatusBadRequest)
	want(t, c.JSONRequest(http.MethodPost, "/api/v1/orgs", `{"name": "X"} {}`), http.StatusBadRequest)
	if got := orgNames(t, c, "/api/v1/orgs"); !slices.Equal(got, []string{"Org A", "Org B"}) {
		t.Errorf("refused creations left %v", got)
	}
}

func TestContactsMayNotCreateOrganizations(t *testing.T) {
	env := testenv.New(t)
	for _, key := range []string{"a.admin", "a.member", "loner"} {
		want(t, env.Bearer(t, key).JSONRequest(http.MethodPost, "/api/v1/orgs", map[string]any{"name": "Mine " + key}), http.StatusForbidden)
	}
	if got := orgNames(t, env.Bearer(t, "agent"), "/api/v1/orgs"); !slices.Equal(got, []string{"Org A", "Org B"}) {
		t.Errorf("contacts created organizations: %v", got)
	}
}

func TestOrganizationOfAnotherIsNotFoundLikeMissing(t *testing.T) {
	env := testenv.New(t)
	if o := getOrg(t, env.Bearer(t, "agent2"), env.OrgA.ID); o.Name != "Org A" || !slices.Equal(o.Domains, []string{"a.example"}) || o.DefaultRole != "member" {
		t.Errorf("agent sees %+v", o)
	}
	if o := getOrg(t, env.Bearer(t, "a.admin"), env.OrgA.ID); o.ID != env.OrgA.ID {
		t.Errorf("portal admin sees %+v", o)
	}
	missing := env.Bearer(t, "b.admin").Get(orgPath(999999))
	want(t, missing, http.StatusNotFound)
	for _, key := range []string{"b.admin", "a.primary", "a.member", "loner"} {
		c := env.Bearer(t, key)
		for _, path := range []string{orgPath(env.OrgA.ID), orgPath(env.OrgA.ID) + "/contacts"} {
			res := c.Get(path)
			want(t, res, http.StatusNotFound)
			if res.Body != missing.Body {
				t.Errorf("%s GET %s: %s, unlike a missing one: %s", key, path, res.Body, missing.Body)
			}
		}
		res := c.JSONRequest(http.MethodPatch, orgPath(env.OrgA.ID), map[string]any{"domains": []string{"a.example", "grab.example"}})
		want(t, res, http.StatusNotFound)
		if res.Body != missing.Body {
			t.Errorf("%s PATCH: %s, unlike a missing one: %s", key, res.Body, missing.Body)
		}
	}
	for _, path := range []string{"/api/v1/orgs/0", "/api/v1/orgs/01", "/api/v1/orgs/-1", "/api/v1/orgs/x"} {
		want(t, env.Bearer(t, "agent").Get(path), http.StatusNotFound)
	}
	if o := getOrg(t, env.Bearer(t, "agent"), env.OrgA.ID); len(o.PendingDomains) != 0 {
		t.Errorf("a refused claim was kept: %+v", o)
	}
}

func TestAgentRenamesOrganizationAndSetsDomains(t *testing.T) {
	env := testenv.New(t)
	c := env.Bearer(t, "agent")
	// A claim that waits, made by the portal admin.
	want(t, env.Bearer(t, "a.admin").JSONRequest(http.MethodPatch, orgPath(env.OrgA.ID),
		map[string]any{"domains": []string{"a.example", "a-claim.example"}}), http.StatusOK)

	res := c.JSONRequest(http.MethodPatch, orgPath(env.OrgA.ID), map[string]any{
		"name": "Org A Holding", "default_role": "primary", "domains": []string{"a-claim.example", "a-new.example"}})
	want(t, res, http.StatusOK)
	var o apiOrg
	res.JSON(t, &o)
	if o.Name != "Org A Holding" || o.DefaultRole != "primary" ||
		!slices.Equal(o.Domains, []string{"a-claim.example", "a-new.example"}) || len(o.PendingDomains) != 0 {
		t.Errorf("after the change: %+v", o)
	}
	want(t, c.JSONRequest(http.MethodPatch, orgPath(999999), map[string]any{"name": "Ghost"}), http.StatusNotFound)
}

func TestAgentUpdateOfOrganizationRefusesBadInput(t *testing.T) {
	env := testenv.New(t)
	c := env.Bearer(t, "agent")
	for body, field := range map[string]string{
		`{"name": ""}`:                                             "name",
		`{"name": null}`:                                           "name",
		`{"name": "Org B"}`:                                        "name",
		`{"default_role": "custom"}`:                               "default_role",
		`{"default_role": null}`:                                   "default_role",
		`{"domains": null}`:                                        "domains",
		`{"domains": ["b.example"]}`:                               "domains",
		`{"name": "New", "domains": ["a..example"]}`:               "domains",
		`{"name": "New", "domains": ["x.example", 1]}`:             "domains",
		`{"id": 7}`:                                                "id",
		`{"pending_domains": ["x.example"]}`:                       "pending_domains",
		`{"name": "New", "domains": ["b.example"]}`:                "domains",
		`{"name": "New", "default_role": "superuser"}`:             "default_role",
		`{"domains": ["` + strings.Repeat("a", 64) + `.example"]}`: "domains",
	} {
		wantField(t, c.JSONRequest(http.MethodPatch, orgPath(env.OrgA.ID), body), field)
	}
	want(t, c.JSONRequest(http.MethodPatch, orgPath(env.OrgA.ID), `["name"]`), http.StatusBadRequest)
	if o := getOrg(t, c, env.OrgA.ID); o.Name != "Org A" || o.DefaultRole != "member" || !slices.Equal(o.Domains, []string{"a.example"}) {
		t.Errorf("refused changes were applied: %+v", o)
	}
}

func TestPortalAdminClaimsDomainThatWaitsForApproval(t *testing.T) {
	env := testenv.New(t)
	c := env.Bearer(t, "a.admin")
	res := c.JSONRequest(http.MethodPatch, orgPath(env.OrgA.ID), map[string]any{"domains": []string{"a.example", "A-Group.example"}})
	want(t, res, http.StatusOK)
	var o apiOrg
	res.JSON(t, &o)
	if !slices.Equal(o.Domains, []string{"a.example"}) || !slices.Equal(o.PendingDomains, []string{"a-group.example"}) {
		t.Fatalf("after the claim: %+v", o)
	}
	// Claiming again changes nothing; support approves by naming it.
	want(t, c.JSONRequest(http.MethodPatch, orgPath(env.OrgA.ID), map[string]any{"domains": []string{"a.example", "a-group.example"}}), http.StatusOK)
	o = getOrg(t, env.Bearer(t, "agent"), env.OrgA.ID)
	if !slices.Equal(o.PendingDomains, []string{"a-group.example"}) {
		t.Fatalf("agent sees %+v", o)
	}
	want(t, env.Bearer(t, "agent").JSONRequest(http.MethodPatch, orgPath(env.OrgA.ID), map[string]any{"domains": []string{"a.example", "a-group.example"}}), http.StatusOK)
	if o := getOrg(t, c, env.OrgA.ID); !slices.Equal(o.Domains, []string{"a-group.example", "a.example"}) || len(o.PendingDomains) != 0 {
		t.Errorf("after approval: %+v", o)
	}
}

func TestPortalAdminMayNotRenameOrDropDomains(t *testing.T) {
	env := testenv.New(t)
	c := env.Bearer(t, "a.admin")
	for _, body := range []map[string]any{
		{"name": "Org A Renamed"},
		{"default_role": "admin"},
		{"domains": []string{}},
		{"domains": []string{"other-a.example"}},
		{"name": "", "domains": []string{"a.example"}},
	} {
		want(t, c.JSONRequest(http.MethodPatch, orgPath(env.OrgA.ID), body), http.StatusForbidden)
	}
	wantField(t, c.JSONRequest(http.MethodPatch, orgPath(env.OrgA.ID), map[string]any{"domains": []string{"a.example", "b.example"}}), "domains")
	c.Lang = "de"
	e := wantField(t, c.JSONRequest(http.MethodPatch, orgPath(env.OrgA.ID), map[string]any{"domains": []string{"a.example", "kein domain"}}), "domains")
	if !strings.Contains(e.Fields["domains"], "Domain") {
		t.Errorf("German message: %q", e.Fields["domains"])
	}
	o := getOrg(t, env.Bearer(t, "agent"), env.OrgA.ID)
	if o.Name != "Org A" || o.DefaultRole != "member" || !slices.Equal(o.Domains, []string{"a.example"}) || len(o.PendingDomains) != 0 {
		t.Errorf("refused changes were applied: %+v", o)
	}
}
