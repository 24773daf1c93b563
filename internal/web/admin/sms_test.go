package admin_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"supportal/internal/sms"
	"supportal/internal/testenv"
)

// setting reads a stored setting as it is in the database.
func setting(t *testing.T, env *testenv.Env, key string) string {
	t.Helper()
	v, err := env.Store.Setting(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestAdminSavesSMSGatewayWithSecretsEncrypted(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "admin")
	res := c.PostForm("/admin/sms", url.Values{"url": {"https://sms.example.com/send"}, "auth": {"basic"}, "user": {"nordwerk"},
		"secret": {"gateway-password"}, "from": {"Nordwerk"}, "webhook_secret": {"webhook secret of 24 ch"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving: status %d\n%s", res.StatusCode, res.Body)
	}
	for key, plain := range map[string]string{"sms.secret": "gateway-password", "sms.webhook_secret": "webhook secret of 24 ch"} {
		if v := setting(t, env, key); v == "" || strings.Contains(v, plain) {
			t.Errorf("%s is stored as %q, want it encrypted", key, v)
		}
	}
	page := c.Get("/admin/sms")
	if page.StatusCode != http.StatusOK || strings.Contains(page.Body, "gateway-password") || strings.Contains(page.Body, "webhook secret of 24") ||
		!strings.Contains(page.Body, "https://sms.example.com/send") || !strings.Contains(html.UnescapeString(page.Body), "A secret is stored (encrypted)") {
		t.Fatalf("the page shows a secret or lacks the settings\n%s", page.Body)
	}
	// Saving with empty secret fields keeps the stored ones.
	res = c.PostForm("/admin/sms", url.Values{"url": {"https://sms.example.com/v2"}, "auth": {"basic"}, "user": {"nordwerk"}, "from": {"Nordwerk"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving again: status %d\n%s", res.StatusCode, res.Body)
	}
	s, err := sms.Load(context.Background(), &env.Store.Queries, env.App.Keys)
	if err != nil {
		t.Fatal(err)
	}
	if s.URL != "https://sms.example.com/v2" || s.Secret != "gateway-password" || s.WebhookSecret != "webhook secret of 24 ch" {
		t.Fatalf("settings after the second save: %+v", s)
	}
}

func TestAdminSMSGatewayBadInputChangesNothing(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "admin")
	for _, tc := range []struct {
		lang string
		form url.Values
		want string
	}{
		{"en", url.Values{"url": {"ftp://sms.example.com"}, "auth": {"none"}}, "Enter an http or https address without user name or password."},
		{"en", url.Values{"url": {"https://user:pw@sms.example.com"}, "auth": {"none"}}, "Enter an http or https address"},
		{"en", url.Values{"url": {"https://sms.example.com"}, "auth": {"basic"}, "secret": {"pw"}}, "This field is required."},
		{"en", url.Values{"url": {"https://sms.example.com"}, "auth": {"bearer"}}, "This field is required."},
		{"en", url.Values{"url": {"https://sms.example.com"}, "auth": {"magic"}}, "Choose one of the listed values."},
		{"de", url.Values{"url": {"https://sms.example.com"}, "auth": {"none"}, "webhook_secret": {"kurz"}}, "Das Webhook-Geheimnis hat 16 bis 200 Zeichen."},
		{"de", url.Values{"url": {"sms.example.com"}, "auth": {"none"}}, "Bitte eine http- oder https-Adresse ohne Benutzername und Passwort eingeben."},
	} {
		c.Lang = tc.lang
		res := c.PostForm("/admin/sms", tc.form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(html.UnescapeString(res.Body), tc.want) {
			t.Errorf("%v (%s): status %d, want 422 with %q", tc.form, tc.lang, res.StatusCode, tc.want)
		}
	}
	if v := setting(t, env, "sms.url"); v != "" {
		t.Fatalf("refused input stored the URL %q", v)
	}
}
