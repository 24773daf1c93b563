package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"supportal/internal/testenv"
)

func TestAdminOverviewShowsInstance(t *testing.T) {
	env := testenv.New(t)
	res := env.Browser(t, "admin").Get("/admin")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	engine := map[string]string{"sqlite": "SQLite", "postgres": "PostgreSQL"}[env.Store.Dialect()]
	for _, want := range []string{
		engine, env.Config.BaseURL,
		"1st level", "User admin, User agent", // a team with its members
		"agent2@staff.example", "Administrator", // agents with role
		"Org A", "a.example", "<td>4</td>", // organizations with domains and contacts
		"Waiting for customer", "Customer&#39;s turn", // statuses with category
	} {
		if !strings.Contains(res.Body, want) {
			t.Errorf("the overview lacks %q", want)
		}
	}
}

func TestOnlyAdminsReachAdmin(t *testing.T) {
	env := testenv.New(t)
	for _, key := range []string{"agent", "a.admin", "a.member"} {
		c := env.Browser(t, key)
		if res := c.Get("/admin"); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: GET /admin gave %d, want 404", key, res.StatusCode)
		}
		res := c.PostForm("/admin/agents", url.Values{"email": {key + "-new@staff.example"}, "name": {"X"}, "password": {"long enough password"}})
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: POST /admin/agents gave %d, want 404", key, res.StatusCode)
		}
		if res := c.PostForm("/admin/orgs", url.Values{"name": {"By " + key}}); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: POST /admin/orgs gave %d, want 404", key, res.StatusCode)
		}
	}
	if res := env.Anonymous(t).Get("/admin"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
		t.Errorf("visitor: status %d to %q, want 303 to /login", res.StatusCode, res.Header.Get("Location"))
	}
	agents, _ := env.Store.Agents(context.Background())
	orgs, _ := env.Store.Organizations(context.Background())
	if len(agents) != 3 || len(orgs) != 2 {
		t.Errorf("refused requests created something: %d agents, %d organizations", len(agents), len(orgs))
	}
}

func TestAdminAddsAgentWhoCanSignIn(t *testing.T) {
	env := testenv.New(t)
	c := env.Browser(t, "admin")
	second := strconv.FormatInt(env.Teams["2nd level"], 10)
	res := c.PostForm("/admin/agents", url.Values{
		"email": {"Nora@Staff.example"}, "name": {"Nora Neu"}, "password": {"a good long password"}, "teams": {second},
	})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin" {
		t.Fatalf("status %d to %q\n%s", res.StatusCode, res.Header.Get("Location"), res.Body)
	}
	page := c.Get("/admin").Body
	if !strings.Contains(page, "The agent has been added") || !strings.Contains(page, "nora@staff.example") {
		t.Error("the overview does not show the new agent")
	}
	u, err := env.Store.UserByEmail(context.Background(), "nora@staff.example")
	if err != nil || !u.IsAgent() || u.IsAdmin() || len(u.TeamIDs) != 1 || u.TeamIDs[0] != env.Teams["2nd level"] {
		t.Fatalf("stored agent %+v (%v)", u, err)
	}
	login := env.Anonymous(t).PostForm("/login", url.Values{"email": {"nora@staff.example"}, "password": {"a good long password"}})
	if login.StatusCode != http.StatusSeeOther || login.Header.Get("Location") != "/desk/tickets" {
		t.Errorf("the new agent's sign-in gave %d to %q", login.StatusCode, login.Header.Get("Location"))
	}
}

func TestDuplicateAgentEmailIsRefused(t *testing.T) {
	env := testenv.New(t)
	c := env.Browser(t, "admin")
	res := c.PostForm("/admin/agents", url.Values{
		"email": {env.User(t, "a.member").Email}, "name": {"Copy"}, "password": {"a good long password"}, "admin": {"1"},
	})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "There is already an account with this email address.") {
		t.Fatalf("status %d, want 422 with the message", res.StatusCode)
	}
	if !strings.Contains(res.Body, `value="Copy"`) {
		t.Error("the form does not keep what was typed")
	}
	agents, _ := env.Store.Agents(context.Background())
	if len(agents) != 3 {
		t.Errorf("%d agents, want 3", len(agents))
	}
}

func TestBadAgentFormGivesMessages(t *testing.T) {
	env := testenv.New(t)
	c := env.Browser(t, "admin")
	for _, tc := range []struct {
		form url.Values
		want string
	}{
		{url.Values{"email": {"not-an-address"}, "name": {"X"}, "password": {"a good long password"}}, "Enter a valid email address."},
		{url.Values{"email": {"x@staff.example"}, "name": {""}, "password": {"a good long password"}}, "This field is required."},
		{url.Values{"email": {"x@staff.example"}, "name": {"X"}, "password": {"short"}}, "at least 8 characters"},
		{url.Values{"email": {"x@staff.example"}, "name": {"X"}, "password": {"a good long password"}, "teams": {"999999"}}, "Choose one of the listed values."},
	} {
		res := c.PostForm("/admin/agents", tc.form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, tc.want) {
			t.Errorf("%v: status %d, want 422 with %q", tc.form, res.StatusCode, tc.want)
		}
	}
	agents, _ := env.Store.Agents(context.Background())
	teams, _ := env.Store.Teams(context.Background())
	if len(agents) != 3 || len(teams) != 3 {
		t.Errorf("refused forms created %d agents, %d teams", len(agents)-3, len(teams)-3)
	}
}

func TestAdminAddsOrganization(t *testing.T) {
	env := testenv.New(t)
	c := env.Browser(t, "admin")
	res := c.PostForm("/admin/orgs", url.Values{"name": {"Org C"}, "domains": {" C.example, c-shop.example ,c.example"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("status %d\n%s", res.StatusCode, res.Body)
	}
	o, err := env.Store.OrganizationByRef(context.Background(), "Org C")
	if err != nil || strings.Join(o.Domains, ",") != "c-shop.example,c.example" {
		t.Fatalf("stored %+v (%v)", o, err)
	}
	if page := c.Get("/admin").Body; !strings.Contains(page, "The organization has been added.") || !strings.Contains(page, "c-shop.example, c.example") {
		t.Error("the overview does not show the new organization")
	}
}

func TestBadOrganizationFormChangesNothing(t *testing.T) {
	env := testenv.New(t)
	c := env.Browser(t, "admin")
	for _, tc := range []struct {
		name, domains, want string
	}{
		{"", "", "This field is required."},
		{"org a", "", "There is already an organization with this name."},
		{"Org D", "not a domain", "Enter domain names such as example.com"},
		{"Org D", "localhost", "Enter domain names such as example.com"},
		{"Org D", "d.example, a.example", "One of these domains already belongs to another organization."},
		{strings.Repeat("x", 201), "", "This is too long."},
	} {
		res := c.PostForm("/admin/orgs", url.Values{"name": {tc.name}, "domains": {tc.domains}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, tc.want) {
			t.Errorf("%q %q: status %d, want 422 with %q", tc.name, tc.domains, res.StatusCode, tc.want)
		}
	}
	orgs, _ := env.Store.Organizations(context.Background())
	if len(orgs) != 2 {
		t.Errorf("refused forms created %d organizations", len(orgs)-2)
	}
}

func TestAdminSpeaksGerman(t *testing.T) {
	env := testenv.New(t)
	c := env.Browser(t, "admin")
	c.Lang = "de"
	if res := c.Get("/admin"); !strings.Contains(res.Body, "Organisation hinzufügen") || !strings.Contains(res.Body, "Kunde ist am Zug") {
		t.Error("the overview is not in German")
	}
}
