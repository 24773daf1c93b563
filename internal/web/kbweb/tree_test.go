package kbweb_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"supportal/internal/store"
	"supportal/internal/testenv"
)

// lastID is the highest id of the anchors "<kind>-<id>" on /desk/kb: the
// category or section just created.
func lastID(t *testing.T, agent *testenv.Client, kind string) int64 {
	t.Helper()
	res := agent.Get("/desk/kb")
	var last int64
	for _, m := range regexp.MustCompile(`id="`+kind+`-(\d+)"`).FindAllStringSubmatch(res.Body, -1) {
		if n, _ := strconv.ParseInt(m[1], 10, 64); n > last {
			last = n
		}
	}
	if last == 0 {
		t.Fatalf("no %s on /desk/kb:\n%s", kind, res.Body)
	}
	return last
}

// tree makes a category with a section through the desk forms and
// returns their ids.
func tree(t *testing.T, agent *testenv.Client, category, section string) (cat, sec int64) {
	t.Helper()
	if res := agent.PostForm("/desk/kb/categories", url.Values{"name": {category}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create category: %d %s", res.StatusCode, res.Body)
	}
	cat = lastID(t, agent, "category")
	if res := agent.PostForm("/desk/kb/sections", url.Values{"category": {fmt.Sprint(cat)}, "section_name": {section}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create section: %d %s", res.StatusCode, res.Body)
	}
	return cat, lastID(t, agent, "section")
}

// articleIn writes a published article into section and returns its id.
func articleIn(t *testing.T, agent *testenv.Client, section int64, visibility, title string) int64 {
	t.Helper()
	res := agent.PostForm("/desk/kb/articles", url.Values{"title": {title}, "body": {"Text."}, "language": {"en"},
		"visibility": {visibility}, "status": {"published"}, "section": {fmt.Sprint(section)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create article: %d %s", res.StatusCode, res.Body)
	}
	var id int64
	if _, err := fmt.Sscanf(res.Header.Get("Location"), "/desk/kb/articles/%d", &id); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestCategoryNamesFollowReaderLanguage(t *testing.T) {
	env := testenv.New(t)
	agent := env.Session(t, "agent")
	cat, sec := tree(t, agent, "Getting started", "Accounts")
	article := articleIn(t, agent, sec, "public", "Resetting your password")
	// Created with one name, the category shows it as the default
	// language's (English here) until it has names per language.
	if res := agent.Get(fmt.Sprintf("/desk/kb/categories/%d", cat)); res.StatusCode != 200 ||
		!strings.Contains(res.Body, `name="name_de" value=""`) || !strings.Contains(res.Body, `name="name_en" value="Getting started"`) ||
		!strings.Contains(res.Body, `name="description_en"`) {
		t.Fatalf("category form: %d\n%s", res.StatusCode, res.Body)
	}
	res := agent.PostForm(fmt.Sprintf("/desk/kb/categories/%d", cat), url.Values{
		"name_en": {"Getting started"}, "description_en": {"First steps"},
		"name_de": {"Erste Schritte"}, "description_de": {"Die ersten Schritte"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save category: %d %s", res.StatusCode, res.Body)
	}
	res = agent.PostForm(fmt.Sprintf("/desk/kb/sections/%d", sec), url.Values{"name_de": {"Konten"}, "name_en": {"Accounts"}, "category": {fmt.Sprint(cat)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save section: %d %s", res.StatusCode, res.Body)
	}

	german, english := env.Anonymous(t), env.Anonymous(t)
	german.Lang, english.Lang = "de", "en"
	if body := german.Get("/kb").Body; !strings.Contains(body, "Erste Schritte") || !strings.Contains(body, "Die ersten Schritte") || !strings.Contains(body, "Konten") {
		t.Errorf("/kb in German:\n%s", body)
	}
	if body := english.Get("/kb").Body; !strings.Contains(body, "Getting started") || strings.Contains(body, "Erste Schritte") {
		t.Errorf("/kb in English:\n%s", body)
	}
	// The user's own language beats the browser's.
	member := env.World.User(t, "a.member")
	if err := env.Store.UpdateProfile(context.Background(), member.ID, store.Profile{Name: member.Name, Language: "de"}); err != nil {
		t.Fatal(err)
	}
	contact := env.Session(t, "a.member")
	contact.Lang = "en"
	if body := contact.Get(fmt.Sprintf("/kb/articles/%d", article)).Body; !strings.Contains(body, "Erste Schritte") || !strings.Contains(body, "Konten") {
		t.Errorf("breadcrumbs for a German contact:\n%s", body)
	}
	// Without a German name the fallback language's shows.
	res = agent.PostForm(fmt.Sprintf("/desk/kb/sections/%d", sec), url.Values{"name_en": {"Accounts"}, "category": {fmt.Sprint(cat)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save section: %d %s", res.StatusCode, res.Body)
	}
	if body := german.Get("/kb").Body; !strings.Contains(body, "Accounts") || strings.Contains(body, "Konten") {
		t.Errorf("/kb in German without a German section name:\n%s", body)
	}
}

func TestTreeFormKeepsWhatWasTyped(t *testing.T) {
	env := testenv.New(t)
	agent := env.Session(t, "agent")
	cat, _ := tree(t, agent, "Getting started", "Accounts")
	path := fmt.Sprintf("/desk/kb/categories/%d", cat)
	res := agent.PostForm(path, url.Values{"name_en": {""}, "description_en": {"Typed <b>text</b>"}, "name_de": {""}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Typed &lt;b&gt;text&lt;/b&gt;") ||
		!strings.Contains(res.Body, "Please enter a name for this language too.") {
		t.Errorf("description without a name: %d\n%s", res.StatusCode, res.Body)
	}
	res = agent.PostForm(path, url.Values{"name_en": {" "}, "name_de": {""}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Please enter a name in at least one language.") {
		t.Errorf("no name: %d\n%s", res.StatusCode, res.Body)
	}
	german := env.Session(t, "agent2")
	german.Lang = "de"
	res = german.PostForm(path, url.Values{"name_en": {""}, "name_de": {""}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Bitte geben Sie einen Namen in mindestens einer Sprache an.") {
		t.Errorf("no name, in German: %d\n%s", res.StatusCode, res.Body)
	}
	if body := agent.Get("/desk/kb").Body; !strings.Contains(body, "Getting started") {
		t.Errorf("refused input changed the category:\n%s", body)
	}
	if res := agent.PostForm(path+"/move", url.Values{"dir": {"sideways"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("moving sideways: %d", res.StatusCode)
	}
}

func TestDeskReordersAndDeletes(t *testing.T) {
	env := testenv.New(t)
	agent := env.Session(t, "agent")
	first, sec := tree(t, agent, "Alpha", "Alpha section")
	second, empty := tree(t, agent, "Beta", "Beta section")
	articleIn(t, agent, sec, "internal", "Staff note")
	order := func() string {
		body := agent.Get("/desk/kb").Body
		if strings.Index(body, ">Alpha<") < strings.Index(body, ">Beta<") {
			return "Alpha,Beta"
		}
		return "Beta,Alpha"
	}
	if got := order(); got != "Alpha,Beta" {
		t.Fatalf("order before moving: %s", got)
	}
	if res := agent.PostForm(fmt.Sprintf("/desk/kb/categories/%d/move", second), url.Values{"dir": {"up"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("move up: %d %s", res.StatusCode, res.Body)
	}
	if got := order(); got != "Beta,Alpha" {
		t.Errorf("order after moving Beta up: %s", got)
	}

	res := agent.PostForm(fmt.Sprintf("/desk/kb/categories/%d/delete", first), nil)
	if res.StatusCode != http.StatusConflict || !strings.Contains(res.Body, "This category holds 1 section and was not deleted.") {
		t.Errorf("deleting a category with a section: %d\n%s", res.StatusCode, res.Body)
	}
	res = agent.PostForm(fmt.Sprintf("/desk/kb/sections/%d/delete", sec), nil)
	if res.StatusCode != http.StatusConflict || !strings.Contains(res.Body, "This section holds 1 article and was not deleted.") {
		t.Errorf("deleting a section with an article: %d\n%s", res.StatusCode, res.Body)
	}
	if body := agent.Get("/desk/kb").Body; !strings.Contains(body, "Alpha section") || !strings.Contains(body, ">Alpha<") {
		t.Errorf("a refused delete removed something:\n%s", body)
	}
	if res := agent.PostForm(fmt.Sprintf("/desk/kb/sections/%d/delete", empty), nil); res.StatusCode != http.StatusSeeOther {
		t.Errorf("deleting an empty section: %d %s", res.StatusCode, res.Body)
	}
	if res := agent.PostForm(fmt.Sprintf("/desk/kb/categories/%d/delete", second), nil); res.StatusCode != http.StatusSeeOther {
		t.Errorf("deleting an empty category: %d %s", res.StatusCode, res.Body)
	}
	if body := agent.Get("/desk/kb").Body; strings.Contains(body, ">Beta<") || strings.Contains(body, "Beta section") {
		t.Errorf("deleted ones still shown:\n%s", body)
	}
}

func TestContactsCannotReachTreeEditing(t *testing.T) {
	env := testenv.New(t)
	agent := env.Session(t, "agent")
	cat, sec := tree(t, agent, "Getting started", "Accounts")
	articleIn(t, agent, sec, "public", "Resetting your password")
	for _, key := range []string{"a.member", "a.admin", "b.admin"} {
		c := env.Session(t, key)
		for _, path := range []string{fmt.Sprintf("/desk/kb/categories/%d", cat), fmt.Sprintf("/desk/kb/sections/%d", sec)} {
			if res := c.Get(path); res.StatusCode != 404 {
				t.Errorf("%s GET %s: %d", key, path, res.StatusCode)
			}
			for _, post := range []struct {
				suffix string
				form   url.Values
			}{{"", url.Values{"name_en": {"Taken over"}, "category": {fmt.Sprint(cat)}}}, {"/move", url.Values{"dir": {"down"}}}, {"/delete", nil}} {
				if res := c.PostForm(path+post.suffix, post.form); res.StatusCode != 404 {
					t.Errorf("%s POST %s%s: %d", key, path, post.suffix, res.StatusCode)
				}
			}
		}
	}
	if body := agent.Get("/desk/kb").Body; !strings.Contains(body, "Getting started") || !strings.Contains(body, "Accounts") || strings.Contains(body, "Taken over") {
		t.Errorf("contacts changed the tree:\n%s", body)
	}
}

func TestContactFollowsSectionFromKBHome(t *testing.T) {
	env := testenv.New(t)
	agent := env.Session(t, "agent")
	_, sec := tree(t, agent, "Getting started", "Accounts")
	articleIn(t, agent, sec, "contacts", "Licence keys")
	_, staff := tree(t, agent, "Staff", "Escalations")
	articleIn(t, agent, staff, "internal", "On call")

	contact := env.Session(t, "a.member")
	body := contact.Get("/kb").Body
	if !strings.Contains(body, fmt.Sprintf(`action="/kb/sections/%d/follow"`, sec)) || strings.Contains(body, "Escalations") {
		t.Fatalf("/kb for a contact:\n%s", body)
	}
	if res := contact.PostForm(fmt.Sprintf("/kb/sections/%d/follow", sec), url.Values{"follow": {"1"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("follow: %d %s", res.StatusCode, res.Body)
	}
	if body := contact.Get("/kb").Body; !strings.Contains(body, "Stop following this section") {
		t.Errorf("/kb after following:\n%s", body)
	}
	if res := contact.PostForm(fmt.Sprintf("/kb/sections/%d/follow", sec), url.Values{"follow": {"0"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("unfollow: %d %s", res.StatusCode, res.Body)
	}
	if body := contact.Get("/kb").Body; strings.Contains(body, "Stop following this section") {
		t.Errorf("/kb after unfollowing still says following")
	}
	if res := contact.PostForm(fmt.Sprintf("/kb/sections/%d/follow", staff), url.Values{"follow": {"1"}}); res.StatusCode != 404 {
		t.Errorf("following a section of internal articles: %d", res.StatusCode)
	}
	if body := env.Anonymous(t).Get("/kb").Body; strings.Contains(body, "/follow") {
		t.Errorf("visitors get a follow button")
	}
}
