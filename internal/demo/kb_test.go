package demo_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"supportal/internal/authz"
)

func TestDemoKnowledgeBaseHasArticlesForEveryAudience(t *testing.T) {
	d := newDemo(t)
	ctx := context.Background()
	all, err := d.App.Store.KBArticles(ctx, []string{authz.VisibilityPublic, authz.VisibilityContacts, authz.VisibilityInternal}, false)
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	german := 0
	for _, a := range all {
		count[a.Visibility]++
		for _, tr := range a.Translations {
			if tr.Language == "de" {
				german++
			}
		}
	}
	if len(all) < 6 || len(all) > 8 || count["internal"] != 1 || count["contacts"] != 1 || german < 5 {
		t.Errorf("demo articles: %d, by visibility %v, %d in German", len(all), count, german)
	}
	res, err := http.Get(d.Server.URL + "/kb")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if body := string(b); res.StatusCode != 200 || !strings.Contains(body, "Resetting your password") || strings.Contains(body, "Escalating database") {
		t.Errorf("/kb for visitors: %d", res.StatusCode)
	}
}
