package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"supportal/internal/testenv"
)

func TestSignInLandsContactInPortalAndAgentInDesk(t *testing.T) {
	env := testenv.New(t)
	for key, want := range map[string]string{"a.member": "/portal", "agent": "/desk/tickets"} {
		c := env.Anonymous(t)
		res := c.PostForm("/login", url.Values{"email": {env.User(t, key).Email}, "password": {testenv.Password}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != want {
			t.Errorf("%s: status %d, location %q; want 303 to %s", key, res.StatusCode, res.Header.Get("Location"), want)
		}
		var session *http.Cookie
		for _, ck := range res.Cookies() {
			if ck.Name == "supportal_session" {
				session = ck
			}
		}
		if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode {
			t.Errorf("%s: session cookie %+v, want HttpOnly and SameSite=Lax", key, session)
		}
	}
}

func TestWrongPasswordAndUnknownAddressAnswerTheSame(t *testing.T) {
	env := testenv.New(t)
	c := env.Anonymous(t)
	wrong := c.PostForm("/login", url.Values{"email": {env.User(t, "a.member").Email}, "password": {"nope-nope"}})
	unknown := c.PostForm("/login", url.Values{"email": {"nobody@a.example"}, "password": {"nope-nope"}})
	if wrong.StatusCode != http.StatusUnauthorized || unknown.StatusCode != http.StatusUnauthorized {
		t.Fatalf("status %d and %d, want 401 twice", wrong.StatusCode, unknown.StatusCode)
	}
	if !strings.Contains(wrong.Body, "The email or password is not correct.") || !strings.Contains(unknown.Body, "The email or password is not correct.") {
		t.Fatal("the two failures do not give the same message")
	}
}

func TestSignInIsThrottledPerAccount(t *testing.T) {
	env := testenv.New(t)
	c := env.Anonymous(t)
	email := env.User(t, "a.member").Email
	for range 10 {
		c.PostForm("/login", url.Values{"email": {email}, "password": {"wrong-password"}})
	}
	res := c.PostForm("/login", url.Values{"email": {email}, "password": {testenv.Password}})
	if res.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("after 10 failures the right password gave %d, want 429", res.StatusCode)
	}
	other := c.PostForm("/login", url.Values{"email": {env.User(t, "a.colleague").Email}, "password": {testenv.Password}})
	if other.StatusCode != http.StatusSeeOther {
		t.Fatalf("another account is blocked too: %d", other.StatusCode)
	}
}

func TestCrossSiteFormPostIsRefused(t *testing.T) {
	env := testenv.New(t)
	c := env.Anonymous(t)
	req, _ := http.NewRequest(http.MethodPost, env.URL("/login"), strings.NewReader(url.Values{"email": {env.User(t, "a.member").Email}, "password": {testenv.Password}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if res := c.Do(req); res.StatusCode != http.StatusForbidden {
		t.Fatalf("cross-site POST gave %d, want 403", res.StatusCode)
	}
}

func TestRedirectAfterSignInStaysOnSite(t *testing.T) {
	env := testenv.New(t)
	for next, want := range map[string]string{
		"/portal/tickets/10001": "/portal/tickets/10001",
		"//evil.example/x":      "/portal",
		"https://evil.example/": "/portal",
		`/\evil.example`:        "/portal",
	} {
		c := env.Anonymous(t)
		res := c.PostForm("/login", url.Values{"email": {env.User(t, "a.member").Email}, "password": {testenv.Password}, "next": {next}})
		if got := res.Header.Get("Location"); got != want {
			t.Errorf("next=%q: redirected to %q, want %q", next, got, want)
		}
	}
}

func TestSecurityHeadersOnEveryPage(t *testing.T) {
	env := testenv.New(t)
	res := env.Anonymous(t).Get("/login")
	for h, want := range map[string]string{
		"X-Content-Type-Options": "nosniff",
		"X-Frame-Options":        "DENY",
	} {
		if got := res.Header.Get(h); got != want {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
	csp := res.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("CSP %q", csp)
	}
}

func TestUnknownAddressesAnswerOurOwn404(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "a.member")
	page := c.Get("/no/such/page")
	if page.StatusCode != http.StatusNotFound || !strings.Contains(page.Header.Get("Content-Type"), "text/html") || !strings.Contains(page.Body, "Not found") {
		t.Errorf("page: %d %q", page.StatusCode, page.Header.Get("Content-Type"))
	}
	api := c.Get("/api/v1/no-such-thing")
	if api.StatusCode != http.StatusNotFound || !strings.HasPrefix(api.Header.Get("Content-Type"), "application/json") || !strings.Contains(api.Body, `"error"`) {
		t.Errorf("api: %d %q %s", api.StatusCode, api.Header.Get("Content-Type"), api.Body)
	}
}
