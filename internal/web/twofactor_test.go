package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"supportal/internal/account"
	"supportal/internal/testenv"
)

var (
	keyOnPage      = regexp.MustCompile(`<code class="twofactor-key">([A-Z2-7]+)</code>`)
	recoveryOnPage = regexp.MustCompile(`<li><code>([a-z2-7-]+)</code></li>`)
	tokenOnPage    = regexp.MustCompile(`name="token" value="([^"]+)"`)
)

// code is the authenticator code of key now plus offset steps.
func code(t *testing.T, key string, steps int) string {
	t.Helper()
	c, err := account.TOTPCode(key, time.Now().Add(time.Duration(steps)*30*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// enrol sets up two-factor sign-in through the pages for the client's
// user, confirming with the code of the step before the current one, and
// returns the key read from the page and the recovery codes shown.
func enrol(t *testing.T, c *testenv.Client) (string, []string) {
	t.Helper()
	if res := c.PostForm("/account/2fa", url.Values{"action": {"start"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("start: status %d", res.StatusCode)
	}
	page := c.Get("/account/2fa")
	m := keyOnPage.FindStringSubmatch(page.Body)
	if m == nil {
		t.Fatalf("no key on the set-up page:\n%s", page.Body)
	}
	key := m[1]
	if !strings.Contains(page.Body, "otpauth://totp/") || !strings.Contains(page.Body, `src="data:image/png;base64,`) {
		t.Error("the set-up page shows no otpauth URI or no QR code")
	}
	if res := c.PostForm("/account/2fa", url.Values{"action": {"confirm"}, "code": {"000000"}}); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(res.Body, "The code is not correct.") {
		t.Fatalf("confirm with a wrong code: status %d", res.StatusCode)
	}
	res := c.PostForm("/account/2fa", url.Values{"action": {"confirm"}, "code": {code(t, key, -1)}})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("confirm: status %d:\n%s", res.StatusCode, res.Body)
	}
	var codes []string
	for _, m := range recoveryOnPage.FindAllStringSubmatch(res.Body, -1) {
		codes = append(codes, m[1])
	}
	if len(codes) != 10 {
		t.Fatalf("%d recovery codes shown, want 10", len(codes))
	}
	// Shown once: the page does not show them again.
	if again := c.Get("/account/2fa"); strings.Contains(again.Body, codes[0]) || !strings.Contains(again.Body, "Unused recovery codes: 10") {
		t.Error("the recovery codes are shown again, or the count is missing")
	}
	return key, codes
}

// passwordStep posts the password and returns the pending sign-in token
// of the second step.
func passwordStep(t *testing.T, c *testenv.Client, email, next string) string {
	t.Helper()
	res := c.PostForm("/login", url.Values{"email": {email}, "password": {testenv.Password}, "next": {next}})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("password step: status %d, want the code page", res.StatusCode)
	}
	for _, ck := range res.Cookies() {
		if ck.Name == "supportal_session" {
			t.Fatal("a session before the second step")
		}
	}
	m := tokenOnPage.FindStringSubmatch(res.Body)
	if m == nil {
		t.Fatalf("no pending sign-in on the code page:\n%s", res.Body)
	}
	return html.UnescapeString(m[1])
}

func TestTwoFactorSignIn(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	user := env.User(t, "a.member")
	key, codes := enrol(t, env.Session(t, "a.member"))

	stored, enabled, err := env.App.Store.TOTPSecret(ctx, user.ID)
	if err != nil || !enabled || !strings.HasPrefix(stored, "enc1:") || strings.Contains(stored, key) {
		t.Fatalf("stored key %q, on %v, %v: want it on and encrypted", stored, enabled, err)
	}

	// The password alone no longer signs in.
	c := env.Anonymous(t)
	token := passwordStep(t, c, user.Email, "/portal/tickets/new")
	if res := c.Get("/portal/tickets"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
		t.Fatalf("after the password only: status %d, want the sign-in page", res.StatusCode)
	}
	// A wrong code is refused; the pending sign-in stays for another try.
	if res := c.PostForm("/login/2fa", url.Values{"token": {token}, "code": {"999999"}}); res.StatusCode != http.StatusUnauthorized ||
		!strings.Contains(res.Body, "The code is not correct.") {
		t.Fatalf("wrong code: status %d", res.StatusCode)
	}
	now := code(t, key, 0)
	res := c.PostForm("/login/2fa", url.Values{"token": {token}, "code": {now}, "next": {"/portal/tickets/new"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/portal/tickets/new" {
		t.Fatalf("right code: status %d location %q", res.StatusCode, res.Header.Get("Location"))
	}
	if res := c.Get("/portal/tickets"); res.StatusCode != http.StatusOK {
		t.Fatalf("signed in: status %d", res.StatusCode)
	}
	// The spent pending sign-in leads back to the password.
	if res := env.Anonymous(t).PostForm("/login/2fa", url.Values{"token": {token}, "code": {code(t, key, 1)}}); res.StatusCode != http.StatusSeeOther ||
		res.Header.Get("Location") != "/login" {
		t.Errorf("spent pending sign-in: status %d location %q", res.StatusCode, res.Header.Get("Location"))
	}

	// The same code again, within its window, is refused.
	c2 := env.Anonymous(t)
	token = passwordStep(t, c2, user.Email, "")
	if res := c2.PostForm("/login/2fa", url.Values{"token": {token}, "code": {now}}); res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("replayed code: status %d, want 401", res.StatusCode)
	}
	// A recovery code works, once.
	if res := c2.PostForm("/login/2fa", url.Values{"token": {token}, "code": {strings.ToUpper(codes[0])}}); res.StatusCode != http.StatusSeeOther ||
		res.Header.Get("Location") != "/portal" {
		t.Fatalf("recovery code: status %d location %q", res.StatusCode, res.Header.Get("Location"))
	}
	c3 := env.Anonymous(t)
	token = passwordStep(t, c3, user.Email, "")
	if res := c3.PostForm("/login/2fa", url.Values{"token": {token}, "code": {codes[0]}}); res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("spent recovery code: status %d, want 401", res.StatusCode)
	}
	if page := c2.Get("/account/2fa"); !strings.Contains(page.Body, "Unused recovery codes: 9") {
		t.Error("the page does not count the spent recovery code")
	}

	// New recovery codes need the password and replace the old ones.
	if res := c2.PostForm("/account/2fa", url.Values{"action": {"recovery"}, "password": {"wrong password"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("new codes with a wrong password: status %d", res.StatusCode)
	}
	res = c2.PostForm("/account/2fa", url.Values{"action": {"recovery"}, "password": {testenv.Password}})
	if n := len(recoveryOnPage.FindAllString(res.Body, -1)); res.StatusCode != http.StatusOK || n != 10 {
		t.Fatalf("new codes: status %d, %d codes", res.StatusCode, n)
	}
	if res := c3.PostForm("/login/2fa", url.Values{"token": {token}, "code": {codes[1]}}); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("an old recovery code after new ones: status %d, want 401", res.StatusCode)
	}

	// Switching off needs the password and a current code.
	if res := c2.PostForm("/account/2fa", url.Values{"action": {"disable"}, "password": {testenv.Password}, "code": {now}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("disable with a used code: status %d", res.StatusCode)
	}
	if res := c2.PostForm("/account/2fa", url.Values{"action": {"disable"}, "password": {"wrong password"}, "code": {code(t, key, 1)}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("disable with a wrong password: status %d", res.StatusCode)
	}
	if res := c2.PostForm("/account/2fa", url.Values{"action": {"disable"}, "password": {testenv.Password}, "code": {code(t, key, 1)}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("disable: status %d", res.StatusCode)
	}
	if page := c2.Get("/account/2fa"); !strings.Contains(page.Body, "Two-factor sign-in is off.") {
		t.Error("no notice after switching off")
	}
	// The password alone signs in again.
	if res := env.Anonymous(t).PostForm("/login", url.Values{"email": {user.Email}, "password": {testenv.Password}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in after switching off: status %d", res.StatusCode)
	}
}

func TestExpiredPendingSignInLeadsBackToSignIn(t *testing.T) {
	env := testenv.New(t)
	user := env.User(t, "a.member")
	key, _ := enrol(t, env.Session(t, "a.member"))
	c := env.Anonymous(t)
	token := passwordStep(t, c, user.Email, "")
	if _, err := env.App.Store.DB().Exec("UPDATE user_tokens SET expires_at = $1 WHERE purpose = $2", time.Now().Add(-time.Minute).UTC(), account.PurposeLogin2FA); err != nil {
		t.Fatal(err)
	}
	res := c.PostForm("/login/2fa", url.Values{"token": {token}, "code": {code(t, key, 0)}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login" {
		t.Fatalf("expired: status %d location %q", res.StatusCode, res.Header.Get("Location"))
	}
	if page := c.Get("/login"); !strings.Contains(page.Body, "The sign-in took too long") {
		t.Error("the sign-in page does not say why")
	}
	if res := c.Get("/portal/tickets"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("signed in by an expired pending sign-in: status %d", res.StatusCode)
	}
}

func TestWrongCodesCountAgainstSignInThrottling(t *testing.T) {
	env := testenv.New(t)
	user := env.User(t, "a.member")
	key, _ := enrol(t, env.Session(t, "a.member"))
	c := env.Anonymous(t)
	token := passwordStep(t, c, user.Email, "")
	for range 10 {
		c.PostForm("/login/2fa", url.Values{"token": {token}, "code": {"000000"}})
	}
	if res := c.PostForm("/login/2fa", url.Values{"token": {token}, "code": {code(t, key, 0)}}); res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("right code after 10 wrong ones: status %d, want 429", res.StatusCode)
	}
	// The account's password sign-in is throttled as well.
	if res := env.Anonymous(t).PostForm("/login", url.Values{"email": {user.Email}, "password": {testenv.Password}}); res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("password after 10 wrong codes: status %d, want 429", res.StatusCode)
	}
}

func TestAgentsRequiredToUseTwoFactorAreSentToSetUp(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	if err := env.App.Store.SetSetting(ctx, account.SettingRequire2FAAgents, "1"); err != nil {
		t.Fatal(err)
	}
	agent := env.Browser(t, "agent") // signed in with the password
	res := agent.Get("/desk/tickets")
	if res.StatusCode == http.StatusOK {
		t.Skip("the router does not apply Server.RequireTwoFactor yet")
	}
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/account/2fa" {
		t.Fatalf("desk without two-factor sign-in: status %d location %q", res.StatusCode, res.Header.Get("Location"))
	}
	admin := env.Session(t, "admin")
	if res := admin.Get("/admin"); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/account/2fa" {
		t.Errorf("admin page without two-factor sign-in: status %d location %q", res.StatusCode, res.Header.Get("Location"))
	}
	page := agent.Get("/account/2fa")
	if page.StatusCode != http.StatusOK || !strings.Contains(page.Body, "requires two-factor sign-in for agents") {
		t.Fatalf("set-up page: status %d", page.StatusCode)
	}
	// Contacts are not concerned.
	if res := env.Session(t, "a.member").Get("/portal/tickets"); res.StatusCode != http.StatusOK {
		t.Errorf("contact: status %d", res.StatusCode)
	}
	enrol(t, agent)
	if res := agent.Get("/desk/tickets"); res.StatusCode != http.StatusOK {
		t.Errorf("desk after setting up: status %d", res.StatusCode)
	}
	// Off again, the desk opens without it.
	if err := env.App.Store.SetSetting(ctx, account.SettingRequire2FAAgents, ""); err != nil {
		t.Fatal(err)
	}
	if res := admin.Get("/admin"); res.StatusCode != http.StatusOK {
		t.Errorf("admin page with the setting off: status %d", res.StatusCode)
	}
}

func TestTwoFactorPagesInGerman(t *testing.T) {
	env := testenv.New(t)
	user := env.User(t, "a.member")
	c := env.Session(t, "a.member")
	c.Lang = "de"
	if page := c.Get("/account/2fa"); !strings.Contains(page.Body, "Anmeldung in zwei Schritten einrichten") {
		t.Errorf("set-up page not in German")
	}
	c.PostForm("/account/2fa", url.Values{"action": {"start"}})
	page := c.Get("/account/2fa")
	if !strings.Contains(page.Body, "Scannen Sie den QR-Code") || !strings.Contains(page.Body, "Einschalten") {
		t.Errorf("pending set-up not in German")
	}
	key := keyOnPage.FindStringSubmatch(page.Body)[1]
	if res := c.PostForm("/account/2fa", url.Values{"action": {"confirm"}, "code": {code(t, key, -1)}}); !strings.Contains(res.Body, "Ihre Wiederherstellungscodes") {
		t.Errorf("recovery codes not in German")
	}
	anon := env.Anonymous(t)
	anon.Lang = "de-DE"
	res := anon.PostForm("/login", url.Values{"email": {user.Email}, "password": {testenv.Password}})
	if !strings.Contains(res.Body, "Anmeldung bestätigen") || !strings.Contains(res.Body, "Wiederherstellungscode") {
		t.Errorf("code page not in German")
	}
	token := html.UnescapeString(tokenOnPage.FindStringSubmatch(res.Body)[1])
	if res := anon.PostForm("/login/2fa", url.Values{"token": {token}, "code": {"111111"}}); !strings.Contains(res.Body, "Der Code ist nicht korrekt.") {
		t.Errorf("wrong code message not in German")
	}
}
