package account_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"supportal/internal/store"
	"supportal/internal/testenv"
)

func TestFirstAndLastNameMakeTheNameShownWhenSignedIn(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "a.member")
	res := c.PostForm("/account/profile", url.Values{"first_name": {" Anna Maria "}, "last_name": {"Alt"}, "language": {"browser"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: status %d", res.StatusCode)
	}
	u := reload(t, env, env.User(t, "a.member"))
	if u.Name != "Anna Maria Alt" || u.FirstName != "Anna Maria" || u.LastName != "Alt" {
		t.Errorf("stored %q (%q, %q)", u.Name, u.FirstName, u.LastName)
	}
	page := c.Get("/account")
	if !has(page.Body, "Signed in as Anna Maria Alt") {
		t.Error("the navigation does not show the new name")
	}
	if !strings.Contains(page.Body, `name="first_name" value="Anna Maria"`) || !strings.Contains(page.Body, `name="last_name" value="Alt"`) {
		t.Error("the form does not show the two names as stored")
	}
	// A last name alone is enough.
	if res := c.PostForm("/account/profile", url.Values{"first_name": {""}, "last_name": {"Alt"}, "language": {"browser"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("last name alone: status %d", res.StatusCode)
	}
	c.Lang = "de"
	if page := c.Get("/account"); !has(page.Body, "Angemeldet als Alt") {
		t.Error("the German navigation does not show the last name alone")
	}
}

func TestExistingNameIsSplitIntoTheForm(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	if err := env.App.Store.UpdateProfile(ctx, env.User(t, "a.colleague").ID, store.Profile{Name: "Bernd von Bauer"}); err != nil {
		t.Fatal(err)
	}
	page := env.Session(t, "a.colleague").Get("/account")
	if !strings.Contains(page.Body, `name="first_name" value="Bernd von"`) || !strings.Contains(page.Body, `name="last_name" value="Bauer"`) {
		t.Errorf("a full name is not split at its last space:\n%s", page.Body)
	}
	// Saved unchanged, the name stays the same and the two parts are kept.
	c := env.Session(t, "a.colleague")
	if res := c.PostForm("/account/profile", url.Values{"first_name": {"Bernd von"}, "last_name": {"Bauer"}, "language": {"browser"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: status %d", res.StatusCode)
	}
	if u := reload(t, env, env.User(t, "a.colleague")); u.Name != "Bernd von Bauer" || u.FirstName != "Bernd von" || u.LastName != "Bauer" {
		t.Errorf("stored %q (%q, %q)", u.Name, u.FirstName, u.LastName)
	}
}

func TestBothNamesEmptyIsRefusedInEnglishAndGerman(t *testing.T) {
	env := testenv.New(t)
	for lang, want := range map[string]string{
		"en": "Enter your first name, your last name or both.",
		"de": "Geben Sie Ihren Vornamen, Ihren Nachnamen oder beides ein.",
	} {
		c := env.Session(t, "a.member")
		c.Lang = lang
		res := c.PostForm("/account/profile", url.Values{"first_name": {"  "}, "last_name": {""}, "job_title": {"Buyer"}, "language": {"browser"}})
		if res.StatusCode != http.StatusUnprocessableEntity || !has(res.Body, want) {
			t.Errorf("%s: both names empty: status %d, or the page does not say %q", lang, res.StatusCode, want)
		}
		if !strings.Contains(res.Body, `name="job_title" value="Buyer"`) {
			t.Errorf("%s: what was typed is lost", lang)
		}
	}
	if u := reload(t, env, env.User(t, "a.member")); u.Name != "User a.member" || u.FirstName != "" || u.LastName != "" || u.JobTitle != "" {
		t.Errorf("a refused profile changed the user: %q (%q, %q) %q", u.Name, u.FirstName, u.LastName, u.JobTitle)
	}
	if page := env.Session(t, "a.member").Get("/account"); !has(page.Body, "Signed in as User a.member") {
		t.Error("the name shown changed")
	}
}
