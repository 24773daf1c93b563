package web_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"supportal/internal/account"
	"supportal/internal/mailout"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

// sentLinks counts the account mails of kind to an address.
func sentLinks(t *testing.T, env *testenv.Env, kind, to string) int {
	t.Helper()
	return len(env.Mails(t, kind, to))
}

// accountLink returns the path and token of the newest account mail of
// kind to an address.
func accountLink(t *testing.T, env *testenv.Env, kind, to string) (path, token string) {
	t.Helper()
	path = env.MailedLink(t, kind, to, "")
	u, err := url.Parse(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, u.Query().Get("token")
}

func openRegistration(t *testing.T, env *testenv.Env) {
	t.Helper()
	if err := env.App.Store.SetSetting(context.Background(), account.SettingSelfRegistration, "open"); err != nil {
		t.Fatal(err)
	}
}

func registerForm(name, email string) url.Values {
	return url.Values{"name": {name}, "email": {email}, "password": {"a long enough password"}}
}

func TestSelfRegistrationConfirmsTheAddressAndJoinsTheDomainsOrganization(t *testing.T) {
	env := testenv.New(t)
	openRegistration(t, env)
	ctx := context.Background()
	c := env.Anonymous(t)
	if page := c.Get("/register"); page.StatusCode != http.StatusOK || !strings.Contains(page.Body, `action="/register"`) {
		t.Fatalf("registration form: status %d", page.StatusCode)
	}
	res := c.PostForm("/register", registerForm("Nora Neu", "nora@a.example"))
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "Check your inbox") {
		t.Fatalf("registration: status %d", res.StatusCode)
	}
	u, err := env.Store.UserByEmail(ctx, "nora@a.example")
	if err != nil || u.EmailVerified || u.OrgID != env.OrgA.ID || u.Role != env.OrgA.DefaultRole || !u.IsContact() {
		t.Fatalf("new contact %+v, %v; want unverified in organization A with its default role", u, err)
	}
	// Until the link is opened, the account cannot sign in.
	if res := env.Anonymous(t).PostForm("/login", url.Values{"email": {"nora@a.example"}, "password": {"a long enough password"}}); res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("unverified sign-in: status %d, want 401", res.StatusCode)
	}

	path, token := accountLink(t, env, mailout.TemplateVerifyEmail, "nora@a.example")
	if !strings.HasPrefix(path, "/register/verify?token=") {
		t.Fatalf("verification link %q", path)
	}
	// Opening the link (as a mail scanner would) spends nothing.
	if page := c.Get(path); page.StatusCode != http.StatusOK || !strings.Contains(page.Body, `action="/register/verify"`) {
		t.Fatalf("verification page: status %d", page.StatusCode)
	}
	if u, _ := env.Store.UserByEmail(ctx, "nora@a.example"); u.EmailVerified {
		t.Fatal("GET of the link verified the address")
	}
	res = c.PostForm("/register/verify", url.Values{"token": {token}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/portal" {
		t.Fatalf("verification: status %d location %q", res.StatusCode, res.Header.Get("Location"))
	}
	if page := c.Get("/portal/tickets"); page.StatusCode != http.StatusOK {
		t.Fatalf("after verifying, the portal answers %d", page.StatusCode)
	}
	if u, _ := env.Store.UserByEmail(ctx, "nora@a.example"); !u.EmailVerified {
		t.Error("the address is not verified after the link")
	}
	if res := env.Anonymous(t).PostForm("/login", url.Values{"email": {"nora@a.example"}, "password": {"a long enough password"}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("verified sign-in: status %d", res.StatusCode)
	}
	// The link works once.
	for _, res := range []*testenv.Response{env.Anonymous(t).Get(path), env.Anonymous(t).PostForm("/register/verify", url.Values{"token": {token}})} {
		if res.StatusCode != http.StatusNotFound || !strings.Contains(res.Body, "not valid any more") {
			t.Errorf("spent link: status %d, want 404 with a clear message", res.StatusCode)
		}
	}
}

func TestRegistrationWithoutAnOrganizationsDomainWaitsForAssignment(t *testing.T) {
	env := testenv.New(t)
	openRegistration(t, env)
	if res := env.Anonymous(t).PostForm("/register", registerForm("Solo", "solo@nowhere.example")); res.StatusCode != http.StatusOK {
		t.Fatalf("registration: status %d", res.StatusCode)
	}
	u, err := env.Store.UserByEmail(context.Background(), "solo@nowhere.example")
	if err != nil || u.OrgID != 0 {
		t.Fatalf("contact %+v, %v: want no organization", u, err)
	}
}

func TestWrongOrExpiredVerificationLinkChangesNothing(t *testing.T) {
	env := testenv.New(t)
	openRegistration(t, env)
	ctx := context.Background()
	env.Anonymous(t).PostForm("/register", registerForm("Late", "late@a.example"))
	path, token := accountLink(t, env, mailout.TemplateVerifyEmail, "late@a.example")
	u, err := env.Store.UserByEmail(ctx, "late@a.example")
	if err != nil {
		t.Fatal(err)
	}
	// Another account's token does not fit, nor does a guess.
	for _, bad := range []string{"guess", token + "x"} {
		if res := env.Anonymous(t).PostForm("/register/verify", url.Values{"token": {bad}}); res.StatusCode != http.StatusNotFound {
			t.Errorf("token %q: status %d, want 404", bad, res.StatusCode)
		}
	}
	if _, err := env.App.Store.DB().ExecContext(ctx, "UPDATE user_tokens SET expires_at = $1 WHERE user_id = $2",
		time.Now().Add(-time.Minute).UTC(), u.ID); err != nil {
		t.Fatal(err)
	}
	c := env.Anonymous(t)
	if res := c.Get(path); res.StatusCode != http.StatusNotFound || !strings.Contains(res.Body, "not valid any more") {
		t.Errorf("expired link page: status %d", res.StatusCode)
	}
	if res := c.PostForm("/register/verify", url.Values{"token": {token}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("expired link: status %d, want 404", res.StatusCode)
	}
	if u, _ := env.Store.UserByEmail(ctx, "late@a.example"); u.EmailVerified {
		t.Error("an expired link verified the address")
	}
	if res := c.Get("/portal/tickets"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("an expired link signed in: status %d", res.StatusCode)
	}
}

func TestClosedRegistrationSaysSoAndCreatesNothing(t *testing.T) {
	env := testenv.New(t)
	c := env.Anonymous(t)
	page := c.Get("/register")
	if page.StatusCode != http.StatusOK || !strings.Contains(page.Body, "Registration in the portal is closed") || strings.Contains(page.Body, `action="/register"`) {
		t.Fatalf("closed registration page: status %d", page.StatusCode)
	}
	if login := c.Get("/login"); strings.Contains(login.Body, `href="/register"`) || !strings.Contains(login.Body, `href="/password/forgot"`) {
		t.Error("the sign-in page offers registration while it is closed, or no reset")
	}
	res := c.PostForm("/register", registerForm("Nora", "nora@a.example"))
	if res.StatusCode != http.StatusForbidden || !strings.Contains(res.Body, "closed") {
		t.Errorf("closed registration: status %d", res.StatusCode)
	}
	if _, err := env.Store.UserByEmail(context.Background(), "nora@a.example"); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("a closed registration created a user: %v", err)
	}
	if n := sentLinks(t, env, mailout.TemplateVerifyEmail, "nora@a.example"); n != 0 {
		t.Error("a closed registration sent a mail")
	}
	openRegistration(t, env)
	if login := c.Get("/login"); !strings.Contains(login.Body, `href="/register"`) {
		t.Error("the sign-in page does not offer registration while it is open")
	}
}

func TestRegistrationOfAKnownAddressAnswersTheSameAndMailsTheOwner(t *testing.T) {
	env := testenv.New(t)
	openRegistration(t, env)
	ctx := context.Background()
	member := env.User(t, "a.member")
	fresh := env.Anonymous(t).PostForm("/register", registerForm("Nora", "nora@a.example"))
	known := env.Anonymous(t).PostForm("/register", registerForm("Mallory", member.Email))
	if fresh.StatusCode != known.StatusCode || fresh.Body != known.Body {
		t.Fatalf("answers differ: %d vs %d\n%s\n---\n%s", fresh.StatusCode, known.StatusCode, fresh.Body, known.Body)
	}
	u, err := env.Store.UserByEmail(ctx, member.Email)
	if err != nil || u.Name != member.Name || u.PasswordHash != member.PasswordHash {
		t.Fatalf("the known account changed: %+v %v", u, err)
	}
	if n := sentLinks(t, env, mailout.TemplateVerifyEmail, member.Email); n != 0 {
		t.Error("a verification mail went to the known address")
	}
	if n := sentLinks(t, env, mailout.TemplatePasswordReset, member.Email); n != 1 {
		t.Errorf("%d reset mails to the owner, want 1", n)
	}
	env.Browser(t, "a.member") // the old password still works
}

func TestRegistrationIsThrottledWithTheSameAnswer(t *testing.T) {
	env := testenv.New(t)
	openRegistration(t, env)
	var first string
	for i := range 8 {
		res := env.Anonymous(t).PostForm("/register", registerForm("Nora", "nora@a.example"))
		if i == 0 {
			first = res.Body
		} else if res.StatusCode != http.StatusOK || res.Body != first {
			t.Fatalf("attempt %d: status %d, answer differs", i+1, res.StatusCode)
		}
	}
	sent := sentLinks(t, env, mailout.TemplateVerifyEmail, "nora@a.example") +
		sentLinks(t, env, mailout.TemplatePasswordReset, "nora@a.example")
	if sent != 5 {
		t.Errorf("%d mails to one address after 8 registrations, want 5", sent)
	}
}

func TestRegistrationSpeaksGerman(t *testing.T) {
	env := testenv.New(t)
	openRegistration(t, env)
	c := env.Anonymous(t)
	c.Lang = "de"
	if page := c.Get("/register"); !strings.Contains(page.Body, "Konto anlegen") {
		t.Error("the registration page is not German")
	}
	res := c.PostForm("/register", registerForm("Nora", "nora@a.example"))
	if !strings.Contains(res.Body, "Bitte prüfen Sie Ihr Postfach") {
		t.Error("the answer is not German")
	}
	u, err := env.Store.UserByEmail(context.Background(), "nora@a.example")
	if err != nil || u.Language != "de" {
		t.Fatalf("contact %+v %v: want language de", u, err)
	}
	if res := c.PostForm("/register/verify", url.Values{"token": {"guess"}}); !strings.Contains(res.Body, "nicht mehr gültig") {
		t.Error("the invalid-link message is not German")
	}
	if n := sentLinks(t, env, mailout.TemplateVerifyEmail, "nora@a.example"); n != 1 {
		t.Errorf("%d verification mails, want 1", n)
	}
	if subjects := outboxSubjects(t, env, "nora@a.example"); len(subjects) != 1 || !strings.Contains(subjects[0], "bestätigen") {
		t.Errorf("mail subjects %q: want the German confirmation", subjects)
	}
}

// outboxSubjects lists the subjects of the mails to an address.
func outboxSubjects(t *testing.T, env *testenv.Env, to string) []string {
	t.Helper()
	mails, err := env.App.Store.OutboxMails(context.Background(), store.OutboxFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	var subjects []string
	for _, m := range mails {
		if len(m.Recipients) == 1 && strings.EqualFold(m.Recipients[0], to) {
			subjects = append(subjects, m.Subject)
		}
	}
	return subjects
}

func TestAccountSettingsAreForAdminsOnly(t *testing.T) {
	env := testenv.New(t)
	for _, key := range []string{"agent", "a.admin"} {
		if res := env.Session(t, key).Get("/admin/settings"); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", key, res.StatusCode)
		}
	}
	admin := env.Session(t, "admin")
	if page := admin.Get("/admin/settings"); page.StatusCode != http.StatusOK || !strings.Contains(page.Body, "Self-registration") {
		t.Fatalf("settings page: status %d", page.StatusCode)
	}
	if res := admin.PostForm("/admin/settings", url.Values{"self_registration": {"maybe"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a value that is no choice: status %d", res.StatusCode)
	}
	// The admin has no second factor: requiring one for agents would send
	// it to enrolment, so this test stores the other choice.
	res := admin.PostForm("/admin/settings", url.Values{"self_registration": {"open"}, "require_2fa_agents": {""}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: status %d", res.StatusCode)
	}
	ctx := context.Background()
	open, _ := env.App.Store.Setting(ctx, account.SettingSelfRegistration)
	tfa, _ := env.App.Store.Setting(ctx, account.SettingRequire2FAAgents)
	if open != "open" || tfa != "" {
		t.Errorf("stored %q, %q", open, tfa)
	}
	if page := env.Anonymous(t).Get("/register"); !strings.Contains(page.Body, `action="/register"`) {
		t.Error("registration is not open after the admin opened it")
	}
	if page := admin.Get("/admin/settings"); !strings.Contains(page.Body, `value="open" checked`) {
		t.Error("the settings page does not show the stored choice")
	}
}
