package admin_test

import (
	"net/http"
	"strings"
	"testing"

	"supportal/internal/testenv"
)

// TestAdminOverviewLinksTheFeatureBoardSettings: the settings of the
// feature board are one click away from the admin overview, in the
// admin's language.
func TestAdminOverviewLinksTheFeatureBoardSettings(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "admin")
	for lang, want := range map[string]string{
		"en": `<a href="/admin/ideas">Feature board</a> <span class="admin-hint">Which ideas of the feature board contacts see.</span>`,
		"de": `<a href="/admin/ideas">Ideenportal</a> <span class="admin-hint">Welche Ideen des Ideenportals Kontakte sehen.</span>`,
	} {
		c.Lang = lang
		res := c.Get("/admin")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", lang, res.StatusCode)
		}
		if !strings.Contains(res.Body, want) {
			t.Errorf("%s: the overview has no link to the feature board settings:\n%s", lang, res.Body)
		}
		if linked := c.Get("/admin/ideas"); linked.StatusCode != http.StatusOK {
			t.Errorf("%s: the linked page answers %d", lang, linked.StatusCode)
		}
	}
}
