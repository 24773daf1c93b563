package app_test

import (
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"

	"supportal/internal/testenv"
)

// TestEveryPageSpeaksBothLanguages opens every page of the authorization
// table, as every role that may see it, in English and in German, and
// fails when a page asks for a word the catalogues lack (it would show
// the raw key) or is not marked with the language it was asked in.
func TestEveryPageSpeaksBothLanguages(t *testing.T) {
	env := testenv.New(t)
	for _, pattern := range slices.Sorted(maps.Keys(routeTable)) {
		rc := routeTable[pattern]
		if !strings.HasPrefix(pattern, "GET ") || strings.HasPrefix(pattern, "GET /api/") || pattern == "GET /metrics" || pattern == "GET /static/" {
			continue
		}
		f := newFixture(t, env, rc.resolved)
		method, path, _, _ := rc.request(f)
		for _, role := range roles {
			if rc.expect[role] != ok {
				continue
			}
			for _, lang := range []string{"en", "de"} {
				c := env.Anonymous(t)
				if role != "anon" {
					c = env.Session(t, role)
				}
				c.Lang = lang
				req, err := http.NewRequest(method, env.URL(path), nil)
				if err != nil {
					t.Fatal(err)
				}
				res := c.Do(req)
				if res.StatusCode >= 500 {
					t.Errorf("%s as %s in %s: status %d", path, role, lang, res.StatusCode)
				}
				if strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") && res.StatusCode == http.StatusOK &&
					strings.Contains(res.Body, "<html") && !strings.Contains(res.Body, `<html lang="`+lang+`"`) {
					t.Errorf("%s as %s: the page is not marked as %s", path, role, lang)
				}
			}
		}
	}
	for _, k := range env.App.Web.Catalog.Missing() {
		t.Errorf("a page asked for %q, which the catalogue lacks", k)
	}
}
