package admin_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"supportal/internal/testenv"
	"supportal/internal/web"
	"supportal/internal/web/admin"
)

// withMail serves the admin pages again on env's database and world,
// with the email pages wired to m: the services the application may or
// may not pass in.
func withMail(t *testing.T, env *testenv.Env, m admin.Mail) *testenv.Env {
	t.Helper()
	s, err := web.NewServer(env.App.Web.Deps)
	if err != nil {
		t.Fatal(err)
	}
	admin.Register(s)
	admin.RegisterMail(s, m)
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	e := *env
	e.Server = srv
	return &e
}

// mustContain fails the test for every wanted text the page lacks.
func mustContain(t *testing.T, what, page string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(page, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

// mustNotContain fails the test for every text the page has but must not.
func mustNotContain(t *testing.T, what, page string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		if strings.Contains(page, b) {
			t.Errorf("%s contains %q", what, b)
		}
	}
}
