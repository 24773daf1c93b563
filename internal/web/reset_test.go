package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"supportal/internal/mailout"
	"supportal/internal/testenv"
)

const newPassword = "a brand new password"

func resetForm(token, pw, again string) url.Values {
	return url.Values{"token": {token}, "password": {pw}, "password_confirm": {again}}
}

func TestForgottenPasswordIsResetByTheMailedLinkAndEndsEverySession(t *testing.T) {
	env := testenv.New(t)
	member := env.User(t, "a.member")
	before := env.Session(t, "a.member")
	if res := before.Get("/portal/tickets"); res.StatusCode != http.StatusOK {
		t.Fatalf("session before the reset: status %d", res.StatusCode)
	}
	c := env.Anonymous(t)
	if page := c.Get("/password/forgot"); page.StatusCode != http.StatusOK {
		t.Fatalf("forgot page: status %d", page.StatusCode)
	}
	res := c.PostForm("/password/forgot", url.Values{"email": {strings.ToUpper(member.Email)}})
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "Check your inbox") {
		t.Fatalf("request: status %d", res.StatusCode)
	}
	path, token := accountLink(t, env, mailout.TemplatePasswordReset, member.Email)
	if !strings.HasPrefix(path, "/password/reset?token=") {
		t.Fatalf("reset link %q", path)
	}
	if page := c.Get(path); page.StatusCode != http.StatusOK || !strings.Contains(page.Body, member.Email) {
		t.Fatalf("reset page: status %d", page.StatusCode)
	}
	// Mistakes are shown and spend nothing.
	if res := c.PostForm("/password/reset", resetForm(token, newPassword, "something else")); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("passwords that differ: status %d", res.StatusCode)
	}
	if res := c.PostForm("/password/reset", resetForm(token, "short", "short")); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("short password: status %d", res.StatusCode)
	}
	res = c.PostForm("/password/reset", resetForm(token, newPassword, newPassword))
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/login" {
		t.Fatalf("reset: status %d location %q", res.StatusCode, res.Header.Get("Location"))
	}
	if res := before.Get("/portal/tickets"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
		t.Errorf("a session from before the reset still works: status %d", res.StatusCode)
	}
	login := func(pw string) int {
		return env.Anonymous(t).PostForm("/login", url.Values{"email": {member.Email}, "password": {pw}}).StatusCode
	}
	if got := login(testenv.Password); got != http.StatusUnauthorized {
		t.Errorf("old password: status %d, want 401", got)
	}
	if got := login(newPassword); got != http.StatusSeeOther {
		t.Errorf("new password: status %d", got)
	}
	// The link works once, and a second use changes nothing.
	for _, res := range []*testenv.Response{
		env.Anonymous(t).Get(path),
		env.Anonymous(t).PostForm("/password/reset", resetForm(token, "yet another password", "yet another password")),
	} {
		if res.StatusCode != http.StatusNotFound || !strings.Contains(res.Body, "This link is not valid any more") {
			t.Errorf("spent link: status %d, want 404 with a clear message", res.StatusCode)
		}
	}
	if got := login(newPassword); got != http.StatusSeeOther {
		t.Errorf("the spent link changed the password: status %d", got)
	}
}

func TestResetAnswersTheSameForKnownAndUnknownAddresses(t *testing.T) {
	env := testenv.New(t)
	known := env.Anonymous(t).PostForm("/password/forgot", url.Values{"email": {env.User(t, "a.member").Email}})
	unknown := env.Anonymous(t).PostForm("/password/forgot", url.Values{"email": {"nobody@a.example"}})
	malformed := env.Anonymous(t).PostForm("/password/forgot", url.Values{"email": {"nobody"}})
	for _, res := range []*testenv.Response{unknown, malformed} {
		if res.StatusCode != known.StatusCode || res.Body != known.Body {
			t.Errorf("answers differ: %d vs %d", known.StatusCode, res.StatusCode)
		}
	}
	if n := len(outboxSubjects(t, env, "nobody@a.example")); n != 0 {
		t.Errorf("%d mails to an unknown address", n)
	}
}

func TestResetRequestsAreThrottledWithTheSameAnswer(t *testing.T) {
	env := testenv.New(t)
	email := env.User(t, "a.member").Email
	var first string
	for i := range 5 {
		res := env.Anonymous(t).PostForm("/password/forgot", url.Values{"email": {email}})
		if i == 0 {
			first = res.Body
		} else if res.StatusCode != http.StatusOK || res.Body != first {
			t.Fatalf("request %d: status %d, answer differs", i+1, res.StatusCode)
		}
	}
	if n := sentLinks(t, env, mailout.TemplatePasswordReset, email); n != 3 {
		t.Errorf("%d reset mails after 5 requests, want 3", n)
	}
}

func TestOnlyTheNewestResetLinkWorks(t *testing.T) {
	env := testenv.New(t)
	email := env.User(t, "a.member").Email
	env.Anonymous(t).PostForm("/password/forgot", url.Values{"email": {email}})
	_, older := accountLink(t, env, mailout.TemplatePasswordReset, email)
	env.Anonymous(t).PostForm("/password/forgot", url.Values{"email": {email}})
	_, newer := accountLink(t, env, mailout.TemplatePasswordReset, email)
	if older == newer {
		t.Fatal("the second request mailed the same link")
	}
	if res := env.Anonymous(t).PostForm("/password/reset", resetForm(older, newPassword, newPassword)); res.StatusCode != http.StatusNotFound {
		t.Errorf("older link: status %d, want 404", res.StatusCode)
	}
	if res := env.Anonymous(t).PostForm("/password/reset", resetForm(newer, newPassword, newPassword)); res.StatusCode != http.StatusSeeOther {
		t.Errorf("newest link: status %d", res.StatusCode)
	}
}

func TestExpiredOrWrongResetLinkChangesNothing(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	member := env.User(t, "a.member")
	env.Anonymous(t).PostForm("/password/forgot", url.Values{"email": {member.Email}})
	_, token := accountLink(t, env, mailout.TemplatePasswordReset, member.Email)
	// A guess or a cut-off token does not fit.
	for _, bad := range []string{"guess", token[:len(token)-1]} {
		if res := env.Anonymous(t).PostForm("/password/reset", resetForm(bad, newPassword, newPassword)); res.StatusCode != http.StatusNotFound {
			t.Errorf("token %q: status %d, want 404", bad, res.StatusCode)
		}
	}
	if _, err := env.App.Store.DB().ExecContext(ctx, "UPDATE user_tokens SET expires_at = $1 WHERE user_id = $2",
		time.Now().Add(-time.Minute).UTC(), member.ID); err != nil {
		t.Fatal(err)
	}
	res := env.Anonymous(t).PostForm("/password/reset", resetForm(token, newPassword, newPassword))
	if res.StatusCode != http.StatusNotFound || !strings.Contains(res.Body, "This link is not valid any more") {
		t.Errorf("expired link: status %d", res.StatusCode)
	}
	env.Browser(t, "a.member") // the old password still works
}

func TestResetSpeaksGerman(t *testing.T) {
	env := testenv.New(t)
	c := env.Anonymous(t)
	c.Lang = "de"
	if page := c.Get("/password/forgot"); !strings.Contains(page.Body, "Passwort vergessen?") {
		t.Error("the forgot page is not German")
	}
	if res := c.PostForm("/password/forgot", url.Values{"email": {"nobody@a.example"}}); !strings.Contains(res.Body, "Falls zu dieser Adresse ein Konto besteht") {
		t.Error("the answer is not German")
	}
	if res := c.Get("/password/reset?token=guess"); !strings.Contains(res.Body, "Dieser Link ist nicht mehr gültig") {
		t.Error("the invalid-link message is not German")
	}
}
