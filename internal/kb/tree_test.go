package kb_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"supportal/internal/kb"
	"supportal/internal/model"
	"supportal/internal/store"
)

// names builds the names of a form: language, name, description, …
func names(parts ...string) kb.Names {
	out := kb.Names{}
	for i := 0; i+2 < len(parts); i += 3 {
		out[parts[i]] = store.KBName{Name: parts[i+1], Description: parts[i+2]}
	}
	return out
}

// treeNames lists "category/section" (or "category" for one without
// sections) as u sees the tree in lang.
func treeNames(t *testing.T, k *world, u *model.User, lang string) []string {
	t.Helper()
	cats, err := k.svc.Tree(context.Background(), u, lang)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range cats {
		if len(c.Sections) == 0 {
			out = append(out, c.Name)
		}
		for _, s := range c.Sections {
			out = append(out, c.Name+"/"+s.Name)
		}
	}
	return out
}

func categoryOf(t *testing.T, k *world) int64 {
	t.Helper()
	sec, err := k.svc.Section(context.Background(), k.w.User(t, "agent"), k.section)
	if err != nil {
		t.Fatal(err)
	}
	return sec.CategoryID
}

func TestTreeNamesInReaderLanguageElseFallback(t *testing.T) {
	ctx := context.Background()
	k := newWorld(t)
	agent, member := k.w.User(t, "agent"), k.w.User(t, "a.member")
	cat := categoryOf(t, k)
	if err := k.svc.UpdateCategory(ctx, agent, cat, kb.CategoryInput{Names: names(
		"en", "Getting started", "First steps with the product",
		"de", "Erste Schritte", "Die ersten Schritte mit dem Produkt")}); err != nil {
		t.Fatal(err)
	}
	// The section has an English name only: German readers get the
	// fallback language's.
	if err := k.svc.UpdateSection(ctx, agent, k.section, kb.SectionInput{CategoryID: cat, Names: names("en", "Accounts", "")}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		lang, want, description string
	}{
		{"de", "Erste Schritte/Accounts", "Die ersten Schritte mit dem Produkt"},
		{"en", "Getting started/Accounts", "First steps with the product"},
		{"fr", "Getting started/Accounts", "First steps with the product"},
	} {
		if got := treeNames(t, k, member, c.lang); strings.Join(got, ",") != c.want {
			t.Errorf("tree in %s: %v, want %s", c.lang, got, c.want)
		}
		cats, err := k.svc.Tree(ctx, member, c.lang)
		if err != nil {
			t.Fatal(err)
		}
		if cats[0].Description != c.description {
			t.Errorf("description in %s: %q, want %q", c.lang, cats[0].Description, c.description)
		}
	}
	// Breadcrumbs of an article name its place the same way.
	a, err := k.svc.Get(ctx, member, k.public, "de")
	if err != nil {
		t.Fatal(err)
	}
	place, err := k.svc.Place(ctx, a, "de")
	if err != nil {
		t.Fatal(err)
	}
	if place.CategoryName != "Erste Schritte" || place.SectionName != "Accounts" {
		t.Errorf("place in German: %+v", place)
	}
	// A name only in German is shown to English readers too, as the base
	// name, rather than nothing.
	if err := k.svc.UpdateSection(ctx, agent, k.section, kb.SectionInput{CategoryID: cat, Names: names("de", "Konten", "")}); err != nil {
		t.Fatal(err)
	}
	if got := treeNames(t, k, member, "en"); strings.Join(got, ",") != "Getting started/Konten" {
		t.Errorf("German-only section for an English reader: %v", got)
	}
}

func TestRenameReplacesNamesAndRefusesNoName(t *testing.T) {
	ctx := context.Background()
	k := newWorld(t)
	agent := k.w.User(t, "agent")
	cat := categoryOf(t, k)
	if err := k.svc.UpdateCategory(ctx, agent, cat, kb.CategoryInput{Names: names("en", "Start", "", "de", "Anfang", "")}); err != nil {
		t.Fatal(err)
	}
	if err := k.svc.UpdateCategory(ctx, agent, cat, kb.CategoryInput{Names: names("en", "  Basics ", "", "de", "", "")}); err != nil {
		t.Fatal(err)
	}
	c, err := k.svc.Category(ctx, agent, cat)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Names["de"]; ok || c.Names["en"].Name != "Basics" || c.Base != "Basics" {
		t.Errorf("after renaming: base %q, names %+v", c.Base, c.Names)
	}
	for _, bad := range []kb.Names{
		names("en", "", "", "de", " ", ""),
		names("en", "", "A description without a name", "de", "Anfang", ""),
		names("en", strings.Repeat("x", kb.MaxName+1), ""),
	} {
		err := k.svc.UpdateCategory(ctx, agent, cat, kb.CategoryInput{Names: bad})
		var v *model.ValidationError
		if !errors.As(err, &v) {
			t.Errorf("names %+v: %v, want a validation error", bad, err)
		}
	}
	if c, _ := k.svc.Category(ctx, agent, cat); c.Names["en"].Name != "Basics" || len(c.Names) != 1 {
		t.Errorf("refused input changed the category: %+v", c.Names)
	}
	if err := k.svc.UpdateCategory(ctx, k.w.User(t, "a.admin"), cat, kb.CategoryInput{Names: names("en", "Hacked", "")}); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("contact renaming a category: %v, want not found", err)
	}
}

func TestReorderCategoriesAndSections(t *testing.T) {
	ctx := context.Background()
	k := newWorld(t)
	agent := k.w.User(t, "agent")
	first := categoryOf(t, k)
	second, err := k.svc.CreateCategory(ctx, agent, "Billing", "")
	if err != nil {
		t.Fatal(err)
	}
	third, err := k.svc.CreateCategory(ctx, agent, "Administration", "")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(treeNames(t, k, agent, "en"), ","); got != "Getting started/Accounts,Billing,Administration" {
		t.Fatalf("new categories go last: %s", got)
	}
	if err := k.svc.MoveCategory(ctx, agent, third, true); err != nil {
		t.Fatal(err)
	}
	if err := k.svc.MoveCategory(ctx, agent, first, false); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(treeNames(t, k, agent, "en"), ","); got != "Administration,Getting started/Accounts,Billing" {
		t.Errorf("after moving: %s", got)
	}
	if err := k.svc.MoveCategory(ctx, agent, third, true); err != nil { // already first: stays
		t.Fatal(err)
	}
	other, err := k.svc.CreateSection(ctx, agent, first, "Passwords")
	if err != nil {
		t.Fatal(err)
	}
	if err := k.svc.MoveSection(ctx, agent, other, true); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(treeNames(t, k, agent, "en"), ","); got != "Administration,Getting started/Passwords,Getting started/Accounts,Billing" {
		t.Errorf("after moving a section up: %s", got)
	}
	// A section moved to another category goes last there.
	if _, err := k.svc.CreateSection(ctx, agent, second, "Invoices"); err != nil {
		t.Fatal(err)
	}
	if err := k.svc.UpdateSection(ctx, agent, other, kb.SectionInput{CategoryID: second, Names: names("en", "Passwords", "")}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(treeNames(t, k, agent, "en"), ","); got != "Administration,Getting started/Accounts,Billing/Invoices,Billing/Passwords" {
		t.Errorf("after moving a section to another category: %s", got)
	}
	if err := k.svc.UpdateSection(ctx, agent, other, kb.SectionInput{CategoryID: 999999, Names: names("en", "Passwords", "")}); err == nil {
		t.Error("moving a section to a category that does not exist was taken")
	}
	if err := k.svc.MoveCategory(ctx, k.w.User(t, "a.member"), third, false); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("contact moving a category: %v", err)
	}
}

func TestDeleteRefusesWhatIsNotEmpty(t *testing.T) {
	ctx := context.Background()
	k := newWorld(t)
	agent := k.w.User(t, "agent")
	cat := categoryOf(t, k)
	var full *kb.NotEmptyError
	if err := k.svc.DeleteCategory(ctx, agent, cat); !errors.As(err, &full) || full.Sections != 1 {
		t.Errorf("deleting a category with a section: %v", err)
	}
	// Drafts and internal articles count: the section holds four.
	if err := k.svc.DeleteSection(ctx, agent, k.section); !errors.As(err, &full) || full.Articles != 4 {
		t.Errorf("deleting a section with articles: %v", err)
	}
	if got := strings.Join(treeNames(t, k, agent, "en"), ","); got != "Getting started/Accounts" {
		t.Errorf("after refused deletes: %s", got)
	}
	empty, err := k.svc.CreateSection(ctx, agent, cat, "Empty")
	if err != nil {
		t.Fatal(err)
	}
	if err := k.svc.DeleteSection(ctx, k.w.User(t, "a.admin"), empty); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("contact deleting a section: %v", err)
	}
	if err := k.svc.DeleteSection(ctx, agent, empty); err != nil {
		t.Fatalf("deleting an empty section: %v", err)
	}
	lone, err := k.svc.CreateCategory(ctx, agent, "Lone", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := k.svc.DeleteCategory(ctx, agent, lone); err != nil {
		t.Fatalf("deleting an empty category: %v", err)
	}
	if got := strings.Join(treeNames(t, k, agent, "en"), ","); got != "Getting started/Accounts" {
		t.Errorf("after deleting the empty ones: %s", got)
	}
	if err := k.svc.DeleteCategory(ctx, agent, lone); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("deleting it again: %v", err)
	}
}

func TestSectionOfInternalArticlesStaysWithStaff(t *testing.T) {
	ctx := context.Background()
	k := newWorld(t)
	agent, member := k.w.User(t, "agent"), k.w.User(t, "a.member")
	cat := categoryOf(t, k)
	staff, err := k.svc.CreateSection(ctx, agent, cat, "Escalations")
	if err != nil {
		t.Fatal(err)
	}
	if err := k.svc.UpdateSection(ctx, agent, staff, kb.SectionInput{CategoryID: cat, Names: names("en", "Escalations", "", "de", "Eskalationen", "")}); err != nil {
		t.Fatal(err)
	}
	if _, err := k.svc.Create(ctx, agent, kb.Input{SectionID: staff, Visibility: "internal", Language: "en", Title: "On call",
		Body: "Staff only.", Status: "published"}); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "de"} {
		for _, name := range treeNames(t, k, member, lang) {
			if strings.Contains(name, "Escalations") || strings.Contains(name, "Eskalationen") {
				t.Errorf("contact sees %q in %s", name, lang)
			}
		}
		if got := strings.Join(treeNames(t, k, agent, lang), ","); !strings.Contains(got, "Escalations") && !strings.Contains(got, "Eskalationen") {
			t.Errorf("agent misses the internal section in %s: %s", lang, got)
		}
	}
	if err := k.svc.Follow(ctx, member, 0, staff, true); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("contact following a section of internal articles: %v", err)
	}
	if err := k.svc.Follow(ctx, member, 0, k.section, true); err != nil {
		t.Fatalf("contact following a section it reads: %v", err)
	}
	if got, err := k.svc.FollowedSections(ctx, member); err != nil || !got[k.section] || len(got) != 1 {
		t.Errorf("followed sections: %v %v", got, err)
	}
}
