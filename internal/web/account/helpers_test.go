package account_test

import (
	"bytes"
	"context"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/jhillyerd/enmime/v2"

	"supportal/internal/account"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

// confirmLinkRE finds the address-change link in a mail.
var confirmLinkRE = regexp.MustCompile(`https?://\S+/account/email/confirm\?token=[A-Za-z0-9_%-]+`)

// changeLink returns the path (with query) of the newest address-change
// mail to address in the outbox, and how many such mails went there.
func changeLink(t *testing.T, env *testenv.Env, to string) (string, int) {
	t.Helper()
	ctx := context.Background()
	mails, err := env.App.Store.OutboxMails(ctx, store.OutboxFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	link, n := "", 0
	for _, m := range mails { // newest first
		if m.Kind != "email_change" || !slices.Contains(m.Recipients, to) {
			continue
		}
		n++
		if link != "" {
			continue
		}
		r, err := env.App.Blobs.Open(ctx, m.RawKey)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		r.Close()
		msg, err := enmime.ReadEnvelope(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if got := msg.GetHeader("To"); !regexp.MustCompile(regexp.QuoteMeta(to)).MatchString(got) {
			t.Fatalf("address-change mail To %q, want %s", got, to)
		}
		found := confirmLinkRE.FindString(msg.Text)
		if found == "" {
			t.Fatalf("address-change mail without a link:\n%s", msg.Text)
		}
		u, err := url.Parse(found)
		if err != nil {
			t.Fatal(err)
		}
		link = u.Path + "?" + u.RawQuery
	}
	return link, n
}

// tokenOf is the token parameter of a link path.
func tokenOf(t *testing.T, link string) string {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get("token")
}

// reload reads a user afresh from the store.
func reload(t *testing.T, env *testenv.Env, u *model.User) *model.User {
	t.Helper()
	got, err := env.App.Store.User(context.Background(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// sessionID is the stored id of a client's session.
func sessionID(t *testing.T, env *testenv.Env, c *testenv.Client) string {
	t.Helper()
	u, _ := url.Parse(env.Server.URL)
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == "supportal_session" {
			return account.Hash(ck.Value)
		}
	}
	t.Fatal("client has no session cookie")
	return ""
}

// signedIn reports whether a client's session still works.
func signedIn(t *testing.T, c *testenv.Client) bool {
	t.Helper()
	res := c.Get("/account")
	switch res.StatusCode {
	case http.StatusOK:
		return true
	case http.StatusSeeOther:
		return false
	}
	t.Fatalf("GET /account: status %d", res.StatusCode)
	return false
}

// apiMe calls GET /api/v1/me with a bearer token and returns the status.
func apiMe(t *testing.T, env *testenv.Env, token string) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, env.URL("/api/v1/me"), nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	return env.Anonymous(t).Do(req).StatusCode
}

// has reports whether a page shows text, escaped as html/template
// escapes text.
func has(body, text string) bool {
	return strings.Contains(body, strings.ReplaceAll(html.EscapeString(text), "+", "&#43;"))
}
