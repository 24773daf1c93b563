package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"supportal/internal/config"
	"supportal/internal/inbound"
	"supportal/internal/testenv"
)

// registrationLink ingests a first mail from an unknown address and
// returns the link of the registration mail it causes.
func registrationLink(t *testing.T, env *testenv.Env, from string) string {
	t.Helper()
	ctx := context.Background()
	raw := "From: Nina Neu <" + from + ">\r\nTo: support@localhost\r\nSubject: First\r\nMessage-ID: <first@" + from[strings.Index(from, "@")+1:] + ">\r\n" +
		"Content-Type: text/plain\r\n\r\nHello\r\n"
	if _, err := env.App.Inbound.Ingest(ctx, []byte(raw), inbound.Source{Kind: inbound.SourcePipe}); err != nil {
		t.Fatal(err)
	}
	return env.MailedLink(t, "registration", from, "/welcome")
}

func TestContactFromMailRegistersByTheMailedLink(t *testing.T) {
	env := testenv.New(t)
	path := registrationLink(t, env, "nina@newcomer.example")
	u, _ := url.Parse(path)
	token := u.Query().Get("token")

	c := env.Anonymous(t)
	page := c.Get(path)
	if page.StatusCode != http.StatusOK || !strings.Contains(page.Body, "nina@newcomer.example") {
		t.Fatalf("welcome page: status %d", page.StatusCode)
	}
	// A password that is too short is refused and changes nothing.
	res := c.PostForm("/welcome", url.Values{"token": {token}, "name": {"Nina Neu"}, "password": {"short"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("short password: status %d", res.StatusCode)
	}
	res = c.PostForm("/welcome", url.Values{"token": {token}, "name": {"Nina Neu"}, "password": {"a long enough password"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/portal" {
		t.Fatalf("registration: status %d location %q", res.StatusCode, res.Header.Get("Location"))
	}
	// Signed in: her ticket is there.
	if list := c.Get("/portal/tickets"); !strings.Contains(list.Body, "First") {
		t.Error("after registering, the portal does not list her mailed ticket")
	}
	// She can sign in with the password from now on; the address counts as verified.
	nu, err := env.App.Store.UserByEmail(context.Background(), "nina@newcomer.example")
	if err != nil || !nu.EmailVerified || nu.Name != "Nina Neu" {
		t.Fatalf("user %+v %v", nu, err)
	}
	signIn := env.Anonymous(t).PostForm("/login", url.Values{"email": {"nina@newcomer.example"}, "password": {"a long enough password"}})
	if signIn.StatusCode != http.StatusSeeOther {
		t.Errorf("sign-in with the new password: status %d", signIn.StatusCode)
	}
	// The link works once.
	again := env.Anonymous(t).PostForm("/welcome", url.Values{"token": {token}, "name": {"Mallory"}, "password": {"another long password"}})
	if again.StatusCode != http.StatusNotFound {
		t.Errorf("second use of the link: status %d, want 404", again.StatusCode)
	}
	if got := env.Anonymous(t).Get(path); got.StatusCode != http.StatusNotFound {
		t.Errorf("spent link page: status %d, want 404", got.StatusCode)
	}
}

func TestWelcomeLinkUsesTheConfiguredBaseURL(t *testing.T) {
	env := testenv.New(t, func(c *config.Config) { c.BaseURL = "https://help.example.com" })
	path := registrationLink(t, env, "ole@newcomer.example")
	if text := env.Mails(t, "registration", "ole@newcomer.example")[0].Text; !strings.Contains(text, "https://help.example.com"+path) {
		t.Errorf("the mail does not link to %s on the base URL:\n%s", path, text)
	}
}
