package main

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"supportal/internal/model"
)

const password = "a long enough secret"

func TestHelpListsEveryCommand(t *testing.T) {
	r := runCommand(t, "", "help")
	if r.code != 0 {
		t.Fatalf("exit %d", r.code)
	}
	for _, cmd := range commands() {
		if !strings.Contains(r.stdout, "  "+cmd.name+" ") {
			t.Errorf("help does not list %q", cmd.name)
		}
	}
}

func TestUnknownCommandIsAUsageError(t *testing.T) {
	for _, args := range [][]string{{"frobnicate"}, {"agent"}, {"agent", "remove"}} {
		if r := runCommand(t, "", args...); r.code != 2 || !strings.Contains(r.stderr, "unknown command") {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
}

func TestAgentAddCreatesAnAgentWhoCanSignIn(t *testing.T) {
	db := newDatabase(t)
	r := db.mustRun(t, password+"\n", "agent", "add", "--email", "Nina.Berg@Staff.example", "--name", "Nina Berg",
		"--team", "2nd level,Technical", "--team", "Night shift", "--password-stdin")
	id, err := strconv.ParseInt(r.lastLine(), 10, 64)
	if err != nil {
		t.Fatalf("last line %q is not an id", r.lastLine())
	}
	a, env := db.server(t)
	u, err := a.Store.User(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if !u.IsAgent() || u.IsAdmin() || u.Email != "nina.berg@staff.example" || len(u.TeamIDs) != 3 {
		t.Fatalf("created %+v", u)
	}
	res := env.Anonymous(t).PostForm("/login", url.Values{"email": {"nina.berg@staff.example"}, "password": {password}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/desk/tickets" {
		t.Fatalf("sign-in: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
}

func TestAgentAddAdminReadsPasswordWithoutLineEnding(t *testing.T) {
	db := newDatabase(t)
	r := db.mustRun(t, password+"\r\nignored second line\n", "agent", "add", "--email", "boss@staff.example", "--name", "Boss", "--admin", "--password-stdin")
	a, env := db.server(t)
	id, _ := strconv.ParseInt(r.lastLine(), 10, 64)
	if u, err := a.Store.User(context.Background(), id); err != nil || !u.IsAdmin() {
		t.Fatalf("user %d: %+v, %v; want an admin", id, u, err)
	}
	res := env.Anonymous(t).PostForm("/login", url.Values{"email": {"boss@staff.example"}, "password": {password}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in with the first line as password: %d", res.StatusCode)
	}
}

func TestDuplicateEmailFailsWithAClearMessage(t *testing.T) {
	db := newDatabase(t)
	db.mustRun(t, password, "agent", "add", "--email", "twice@staff.example", "--name", "First", "--password-stdin")
	r := db.run(t, password, "agent", "add", "--email", "TWICE@staff.example", "--name", "Second", "--password-stdin")
	if r.code != 1 || !strings.Contains(r.stderr, "an account with this email exists") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if strings.Count(strings.TrimSpace(r.stderr), "\n") > 0 || strings.Contains(r.stderr, "goroutine") {
		t.Fatalf("want one line, got %q", r.stderr)
	}
}

func TestInvalidInputNamesEachField(t *testing.T) {
	db := newDatabase(t)
	r := db.run(t, "short\n", "agent", "add", "--email", "not an address", "--name", "X", "--password-stdin")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1", r.code)
	}
	for _, want := range []string{"--email: Enter a valid email address.", "password: The password must have at least 8 characters."} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr %q lacks %q", r.stderr, want)
		}
	}
	a, _ := db.server(t)
	if agents, _ := a.Store.Agents(context.Background()); len(agents) != 0 {
		t.Fatalf("%d agents exist after a refused command", len(agents))
	}
}

func TestMissingFlagsAreUsageErrors(t *testing.T) {
	db := newDatabase(t)
	for _, args := range [][]string{
		{"agent", "add", "--name", "No Email", "--password-stdin"},
		{"agent", "add", "--email", "x@staff.example", "--name", "No Password"},
		{"org", "add"},
		{"contact", "add", "--org", "1", "--email", "x@y.example", "--name", "X", "--password-stdin"},
		{"token", "create"},
		{"agent", "add", "--bogus"},
		{"agent", "add", "--email", "x@staff.example", "--name", "X", "--language", "fr", "--password-stdin"},
		{"org", "add", "--name", "X", "positional"},
	} {
		if r := db.run(t, password, args...); r.code != 2 {
			t.Errorf("%v: exit %d, want 2; stderr %q", args, r.code, r.stderr)
		}
	}
}

func TestOrgAddPrintsOnlyTheID(t *testing.T) {
	db := newDatabase(t)
	r := db.mustRun(t, "", "org", "add", "--name", "Acme Corp", "--domain", "acme.example", "--domain", "@Acme-Labs.example")
	id, err := strconv.ParseInt(strings.TrimSpace(r.stdout), 10, 64)
	if err != nil || strings.Count(r.stdout, "\n") != 1 {
		t.Fatalf("stdout %q, want the id alone", r.stdout)
	}
	a, _ := db.server(t)
	o, err := a.Store.Organization(context.Background(), id)
	if err != nil || o.Name != "Acme Corp" || !slices.Equal(o.Domains, []string{"acme-labs.example", "acme.example"}) {
		t.Fatalf("organization %+v, %v", o, err)
	}
}

func TestOrgAddRefusesBadOrTakenInputAndChangesNothing(t *testing.T) {
	db := newDatabase(t)
	db.mustRun(t, "", "org", "add", "--name", "Acme Corp", "--domain", "acme.example")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--name", "Acme Corp"}, "an organization with this name"},
		{[]string{"--name", "Other", "--domain", "fresh.example,acme.example"}, "--domain: One of these domains already belongs to another organization."},
		{[]string{"--name", "Other", "--domain", "not a domain"}, "--domain: Enter domain names such as example.com"},
	} {
		r := db.run(t, "", append([]string{"org", "add"}, tc.args...)...)
		if r.code != 1 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 1 and %q", tc.args, r.code, r.stderr, tc.want)
		}
	}
	a, _ := db.server(t)
	if orgs, _ := a.Store.Organizations(context.Background()); len(orgs) != 1 {
		t.Fatalf("%d organizations, want 1: a refused command left one behind", len(orgs))
	}
}

func TestContactAddFindsTheOrganizationByIDOrName(t *testing.T) {
	db := newDatabase(t)
	org := db.mustRun(t, "", "org", "add", "--name", "Acme Corp").lastLine()
	for _, tc := range []struct{ ref, email, role string }{
		{org, "mia@acme.example", model.RoleMember},
		{"Acme Corp", "ben@acme.example", model.RolePortalAdm},
	} {
		r := db.mustRun(t, password+"\n", "contact", "add", "--org", tc.ref, "--email", tc.email, "--name", "Someone",
			"--role", tc.role, "--password-stdin")
		id, _ := strconv.ParseInt(r.lastLine(), 10, 64)
		a, _ := db.server(t)
		u, err := a.Store.User(context.Background(), id)
		wantRights, _ := model.RoleRights(tc.role)
		if err != nil || !u.IsContact() || strconv.FormatInt(u.OrgID, 10) != org || u.Role != tc.role || !slices.Equal(u.Rights, wantRights) {
			t.Fatalf("--org %s: created %+v, %v", tc.ref, u, err)
		}
	}
}

func TestContactAddWithUnknownRoleOrOrganization(t *testing.T) {
	db := newDatabase(t)
	db.mustRun(t, "", "org", "add", "--name", "Acme Corp")
	r := db.run(t, password, "contact", "add", "--org", "Acme Corp", "--email", "x@acme.example", "--name", "X", "--role", "boss", "--password-stdin")
	if r.code != 2 || !strings.Contains(r.stderr, `unknown --role "boss"`) {
		t.Errorf("bad role: exit %d, stderr %q", r.code, r.stderr)
	}
	r = db.run(t, password, "contact", "add", "--org", "Nobody Inc", "--email", "x@acme.example", "--name", "X", "--role", "member", "--password-stdin")
	if r.code != 1 || !strings.Contains(r.stderr, `no organization has the id or name "Nobody Inc"`) {
		t.Errorf("unknown organization: exit %d, stderr %q", r.code, r.stderr)
	}
	r = db.run(t, "\n", "contact", "add", "--org", "Acme Corp", "--email", "x@acme.example", "--name", "X", "--role", "member", "--password-stdin")
	if r.code != 1 || !strings.Contains(r.stderr, "password: The password must have at least 8 characters.") {
		t.Errorf("empty password: exit %d, stderr %q", r.code, r.stderr)
	}
	a, _ := db.server(t)
	if _, err := a.Store.UserByEmail(context.Background(), "x@acme.example"); err == nil {
		t.Fatal("a refused command created the contact")
	}
}

func TestTokenCreatePrintsATokenTheAPIAccepts(t *testing.T) {
	db := newDatabase(t)
	org := db.mustRun(t, "", "org", "add", "--name", "Acme Corp").lastLine()
	db.mustRun(t, password, "contact", "add", "--org", org, "--email", "mia@acme.example", "--name", "Mia", "--role", "member", "--password-stdin")
	r := db.mustRun(t, "", "token", "create", "--email", "Mia@Acme.example", "--name", "ERP connector")
	token := r.lastLine()
	if !strings.HasPrefix(token, "spt_") {
		t.Fatalf("last line %q is not a token", token)
	}
	_, env := db.server(t)
	res, body := bearerGet(t, env.Server.URL, "/api/v1/me", token)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `"mia@acme.example"`) {
		t.Fatalf("GET /api/v1/me with the token: %d %s", res.StatusCode, body)
	}
	if res, _ := bearerGet(t, env.Server.URL, "/api/v1/me", token+"x"); res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("a wrong token gave %d, want 401", res.StatusCode)
	}
}

func TestTokenCreateForUnknownEmailFails(t *testing.T) {
	db := newDatabase(t)
	r := db.run(t, "", "token", "create", "--email", "ghost@nowhere.example")
	if r.code != 1 || !strings.Contains(r.stderr, `no account has the email "ghost@nowhere.example"`) || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

func TestDatabaseComesFromTheEnvironmentButCommandFlagsDoNot(t *testing.T) {
	db := newDatabase(t)
	t.Setenv("SUPPORTAL_DATA_DIR", db.cfg.DataDir)
	t.Setenv("SUPPORTAL_DATABASE_URL", db.cfg.DatabaseURL)
	t.Setenv("SUPPORTAL_NAME", "From The Environment")
	r := runCommand(t, "", "org", "add", "--name", "Env Corp")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if r := runCommand(t, "", "org", "add"); r.code != 2 {
		t.Fatalf("SUPPORTAL_NAME filled --name: exit %d", r.code)
	}
	a, _ := db.server(t)
	if _, err := a.Store.OrganizationByRef(context.Background(), "Env Corp"); err != nil {
		t.Fatalf("the organization is not in the database of SUPPORTAL_DATA_DIR/SUPPORTAL_DATABASE_URL: %v", err)
	}
}
