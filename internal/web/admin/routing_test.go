package admin_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"supportal/internal/store"
	"supportal/internal/testenv"
)

func TestAdminKeepsRoutingRulesThroughThePages(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "admin")
	second := fmt.Sprint(env.World.Teams["2nd level"])
	for _, lang := range []string{"en", "de"} {
		c.Lang = lang
		res := c.PostForm("/admin/routing", url.Values{"name": {""}, "team_id": {"999999"}, "priorities": {"sometimes"}, "tags": {"Not OK!"}})
		want := map[string][]string{
			"en": {"Choose one of the teams.", "Choose only from the values offered.", "Tags are lower-case words"},
			"de": {"Bitte eines der Teams wählen.", "Bitte nur aus den angebotenen Werten wählen.", "Schlagwörter sind kleingeschriebene Wörter"},
		}[lang]
		if res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("bad rule (%s): status %d", lang, res.StatusCode)
		}
		for _, w := range want {
			if !strings.Contains(res.Body, w) {
				t.Errorf("bad rule (%s): page lacks %q", lang, w)
			}
		}
		if res := c.PostForm("/admin/routing", url.Values{"name": {"Nothing"}, "active": {"1"}}); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("a rule without action: status %d", res.StatusCode)
		}
	}
	rules, err := env.Store.RoutingRules(context.Background())
	if err != nil || len(rules) != 0 {
		t.Fatalf("refused rules were stored: %d %v", len(rules), err)
	}
	c.Lang = "en"
	for _, name := range []string{"First", "Second"} {
		res := c.PostForm("/admin/routing", url.Values{"name": {name}, "active": {"1"}, "channels": {"email"}, "subject_words": {"invoice\nlog in"},
			"team_id": {second}, "tags": {"Billing, vip"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("create %s: status %d %s", name, res.StatusCode, res.Body)
		}
	}
	rules = ruleList(t, env)
	if rules[0].Name != "First" || rules[1].Name != "Second" || !strings.Contains(rules[0].Actions, `"billing","vip"`) {
		t.Fatalf("stored %+v %+v", rules[0], rules[1])
	}
	if res := c.PostForm(fmt.Sprintf("/admin/routing/%d/move", rules[1].ID), url.Values{"direction": {"up"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("move: status %d", res.StatusCode)
	}
	if res := c.PostForm(fmt.Sprintf("/admin/routing/%d/move", rules[1].ID), url.Values{"direction": {"sideways"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("move sideways: status %d", res.StatusCode)
	}
	if got := ruleList(t, env); got[0].Name != "Second" || got[1].Name != "First" {
		t.Fatalf("after move up: %s, %s", got[0].Name, got[1].Name)
	}
	list := c.Get("/admin/routing")
	if !strings.Contains(list.Body, `Words in the subject: &#34;invoice&#34;, &#34;log in&#34;`) || !strings.Contains(list.Body, "Team: 2nd level") {
		t.Errorf("the list does not show the rule in words")
	}
	for _, lang := range []string{"en", "de"} {
		c.Lang = lang
		if res := c.Get(fmt.Sprintf("/admin/routing/%d", rules[0].ID)); res.StatusCode != http.StatusOK || !strings.Contains(res.Body, `value="First"`) {
			t.Errorf("edit page (%s): status %d", lang, res.StatusCode)
		}
	}
	res := c.PostForm(fmt.Sprintf("/admin/routing/%d", rules[0].ID), url.Values{"name": {"First, renamed"}, "priority": {"high"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("update: status %d", res.StatusCode)
	}
	if res := c.PostForm(fmt.Sprintf("/admin/routing/%d/delete", rules[1].ID), nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: status %d", res.StatusCode)
	}
	got := ruleList(t, env)
	if len(got) != 1 || got[0].Name != "First, renamed" || got[0].Active || got[0].Conditions != "{}" {
		t.Errorf("after update and delete: %+v", got)
	}
	if !strings.Contains(c.Get("/admin").Body, `href="/admin/routing"`) {
		t.Error("the admin overview does not link to the routing rules")
	}
	for _, k := range env.App.Web.Catalog.Missing() {
		t.Errorf("a page asked for %q, which the catalogue lacks", k)
	}
}

func ruleList(t *testing.T, env *testenv.Env) []*store.RoutingRule {
	t.Helper()
	rules, err := env.Store.RoutingRules(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rules
}
