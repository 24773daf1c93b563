package kb_test

import (
	"context"
	"errors"
	"testing"

	"supportal/internal/blob"
	"supportal/internal/kb"
	"supportal/internal/model"
	"supportal/internal/testenv"
)

type world struct {
	svc                               *kb.Service
	w                                 *testenv.World
	public, contacts, internal, draft int64
	section                           int64
}

func newWorld(t *testing.T) *world {
	t.Helper()
	ctx := context.Background()
	st := testenv.Store(t)
	blobs, err := blob.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	w := testenv.NewWorld(t, st)
	svc := kb.New(st, blobs, "en", 1<<20)
	agent := w.User(t, "agent")
	cat, err := svc.CreateCategory(ctx, agent, "Getting started", "")
	if err != nil {
		t.Fatal(err)
	}
	sec, err := svc.CreateSection(ctx, agent, cat, "Accounts")
	if err != nil {
		t.Fatal(err)
	}
	mk := func(vis, status, title, body string) int64 {
		id, err := svc.Create(ctx, agent, kb.Input{SectionID: sec, Visibility: vis, Language: "en", Title: title, Body: body, Status: status})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	return &world{svc: svc, w: w, section: sec,
		public:   mk("public", "published", "Resetting your password", "Open the sign-in page and choose *Forgot password*."),
		contacts: mk("contacts", "published", "Licence keys for your organization", "Your licence keys are listed on the contract page."),
		internal: mk("internal", "published", "Password reset escalation", "Only for staff: reset a password in the database."),
		draft:    mk("public", "draft", "Upcoming password policy", "Not yet published."),
	}
}

func TestArticleVisibilityPerRoleAcrossOrganizations(t *testing.T) {
	ctx := context.Background()
	k := newWorld(t)
	type sees struct{ public, contacts, internal, draft bool }
	for _, c := range []struct {
		role string
		want sees
	}{
		{"", sees{true, false, false, false}},
		{"a.member", sees{true, true, false, false}},
		{"a.admin", sees{true, true, false, false}},
		{"b.member", sees{true, true, false, false}},
		{"b.admin", sees{true, true, false, false}},
		{"agent2", sees{true, true, true, true}},
		{"admin", sees{true, true, true, true}},
	} {
		var u *model.User
		if c.role != "" {
			u = k.w.User(t, c.role)
		}
		for id, want := range map[int64]bool{k.public: c.want.public, k.contacts: c.want.contacts, k.internal: c.want.internal, k.draft: c.want.draft} {
			_, err := k.svc.Get(ctx, u, id, "en")
			if got := err == nil; got != want {
				t.Errorf("%q reading article %d: seen %v, want %v (%v)", c.role, id, got, want, err)
			}
			if err != nil && !errors.Is(err, model.ErrNotFound) {
				t.Errorf("%q reading article %d: %v, want not found", c.role, id, err)
			}
		}
		hits, err := k.svc.Search(ctx, u, "en", "password", 10, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hits {
			if h.ID == k.internal && !c.want.internal || h.ID == k.draft && !c.want.draft {
				t.Errorf("%q finds article %d it may not read", c.role, h.ID)
			}
		}
		list, err := k.svc.List(ctx, u, "en")
		if err != nil {
			t.Fatal(err)
		}
		want := 1
		if c.want.contacts {
			want = 2
		}
		if c.want.internal {
			want = 4
		}
		if len(list) != want {
			t.Errorf("%q lists %d articles, want %d", c.role, len(list), want)
		}
	}
}

func TestContactCannotWriteArticles(t *testing.T) {
	k := newWorld(t)
	_, err := k.svc.Create(context.Background(), k.w.User(t, "a.admin"), kb.Input{Visibility: "public", Language: "en", Title: "x", Body: "y", Status: "published"})
	if !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("contact creating an article: %v, want not found", err)
	}
}

func TestTranslationFallbackAndRevisions(t *testing.T) {
	ctx := context.Background()
	k := newWorld(t)
	agent := k.w.User(t, "agent")
	in := kb.Input{SectionID: k.section, Visibility: "public", Language: "de", Title: "Passwort zurücksetzen", Body: "Öffnen Sie die Anmeldeseite.", Status: "draft"}
	if err := k.svc.Update(ctx, agent, k.public, in); err != nil {
		t.Fatal(err)
	}
	// The German draft is not shown to visitors: English, the default, is.
	a, err := k.svc.Get(ctx, nil, k.public, "de")
	if err != nil || a.Translation.Language != "en" {
		t.Fatalf("visitor in German: %+v, %v; want the English text", a, err)
	}
	in.Status = "published"
	if err := k.svc.Update(ctx, agent, k.public, in); err != nil {
		t.Fatal(err)
	}
	if a, _ := k.svc.Get(ctx, nil, k.public, "de"); a.Translation.Title != "Passwort zurücksetzen" {
		t.Errorf("visitor in German reads %q", a.Translation.Title)
	}
	hits, err := k.svc.Search(ctx, nil, "de", "anmeldeseite", 5, false)
	if err != nil || len(hits) != 1 || hits[0].ID != k.public {
		t.Errorf("German search: %v, %v", hits, err)
	}
	revs, err := k.svc.Revisions(ctx, agent, k.public)
	if err != nil || len(revs) != 3 || revs[0].Status != "published" || revs[0].AuthorName == "" {
		t.Errorf("revisions: %d, %v", len(revs), err)
	}
	bad := in
	bad.Title, bad.Visibility = "", "everyone"
	var v *model.ValidationError
	if err := k.svc.Update(ctx, agent, k.public, bad); !errors.As(err, &v) || v.Fields["title"] == "" || v.Fields["visibility"] == "" {
		t.Errorf("bad input: %v", err)
	}
}

func TestSearchRanksTitleMatchesFirst(t *testing.T) {
	ctx := context.Background()
	k := newWorld(t)
	agent := k.w.User(t, "agent")
	hits, err := k.svc.Search(ctx, agent, "en", "passw", 10, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) < 3 {
		t.Fatalf("prefix search found %d articles, want at least 3", len(hits))
	}
	body, err := k.svc.Create(ctx, agent, kb.Input{Visibility: "public", Language: "en", Title: "Printer drivers",
		Body: "Drivers for every model. Also covers the password of the printer web page.", Status: "published"})
	if err != nil {
		t.Fatal(err)
	}
	title, err := k.svc.Search(ctx, nil, "en", "password", 10, false)
	if err != nil || len(title) != 2 || title[0].ID != k.public || title[1].ID != body {
		t.Errorf("ranking: want the title match %d before the text match %d, got %v", k.public, body, ids(title))
	}
	// Typed query syntax is only words.
	for _, q := range []string{`"unclosed`, "NEAR(a b)", "a:* & !", "title:x OR", "''"} {
		if _, err := k.svc.Search(ctx, agent, "en", q, 10, true); err != nil {
			t.Errorf("search %q: %v", q, err)
		}
	}
	if hits, _ := k.svc.Search(ctx, nil, "en", "licence", 10, true); len(hits) != 0 {
		t.Errorf("visitor finds a contacts-only article")
	}
}

func ids(list []*kb.Article) []int64 {
	out := make([]int64, len(list))
	for i, a := range list {
		out[i] = a.ID
	}
	return out
}
