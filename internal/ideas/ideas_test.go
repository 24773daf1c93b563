package ideas_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"supportal/internal/ideas"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

// recorder is a Mailer that remembers who was told what.
type recorder struct {
	mu     sync.Mutex
	status []string
	merged []string
}

func (r *recorder) IdeaStatusChanged(_ context.Context, _ *store.Queries, to *model.User, _ *model.Idea, _ string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.status = append(r.status, to.Email)
	return nil
}

func (r *recorder) IdeaMerged(_ context.Context, _ *store.Queries, to *model.User, _, _ *model.Idea) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.merged = append(r.merged, to.Email)
	return nil
}

func setup(t *testing.T) (*ideas.Service, *testenv.World, *recorder) {
	t.Helper()
	st := testenv.Store(t)
	w := testenv.NewWorld(t, st)
	rec := &recorder{}
	return ideas.New(st, nil, rec), w, rec
}

func submit(t *testing.T, svc *ideas.Service, u *model.User, title string) int64 {
	t.Helper()
	v, err := svc.Create(context.Background(), u, ideas.CreateParams{Title: title, Body: "Because we need it."})
	if err != nil {
		t.Fatal(err)
	}
	return v.ID
}

func TestVoteCountsOnceUnderConcurrency(t *testing.T) {
	svc, w, _ := setup(t)
	ctx := context.Background()
	id := submit(t, svc, w.User(t, "a.member"), "Dark mode")
	same := w.User(t, "a.colleague")
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for range 20 {
		wg.Go(func() {
			if _, err := svc.Vote(ctx, same, id); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	v, err := svc.Get(ctx, same, id)
	if err != nil {
		t.Fatal(err)
	}
	if v.Votes != 1 || !v.Voted {
		t.Fatalf("20 votes of one user: votes %d, voted %v; want 1, true", v.Votes, v.Voted)
	}
	if _, err := svc.Unvote(ctx, same, id); err != nil {
		t.Fatal(err)
	}

	var users []*model.User
	for n := range 20 {
		uid, err := w.Store.CreateUser(ctx, store.NewUser{Kind: model.KindContact, Email: fmt.Sprintf("voter%d@a.example", n),
			Name: fmt.Sprint("Voter ", n), OrgID: w.OrgA.ID, Role: model.RoleMember, EmailVerified: true})
		if err != nil {
			t.Fatal(err)
		}
		u, err := w.Store.User(ctx, uid)
		if err != nil {
			t.Fatal(err)
		}
		users = append(users, u)
	}
	errs = make(chan error, 20)
	for _, u := range users {
		wg.Go(func() {
			if _, err := svc.Vote(ctx, u, id); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if v, err = svc.Get(ctx, same, id); err != nil {
		t.Fatal(err)
	}
	if v.Votes != 20 || v.Voted {
		t.Fatalf("20 users voting: votes %d, voted %v; want 20, false", v.Votes, v.Voted)
	}
}

func TestUnvoteIsIdempotent(t *testing.T) {
	svc, w, _ := setup(t)
	ctx := context.Background()
	u := w.User(t, "a.member")
	id := submit(t, svc, u, "Export")
	for range 2 {
		if _, err := svc.Vote(ctx, u, id); err != nil {
			t.Fatal(err)
		}
	}
	for range 2 {
		v, err := svc.Unvote(ctx, u, id)
		if err != nil {
			t.Fatal(err)
		}
		if v.Votes != 0 || v.Voted {
			t.Fatalf("after unvote: votes %d, voted %v", v.Votes, v.Voted)
		}
	}
}

func TestIdeaVisibilityAcrossOrganizations(t *testing.T) {
	svc, w, _ := setup(t)
	ctx := context.Background()
	id := submit(t, svc, w.User(t, "a.member"), "SSO")
	loner := submit(t, svc, w.User(t, "loner"), "Loner's wish")
	cases := []struct {
		vis, who string
		idea     int64
		see      bool
		shown    bool // author's name shown
	}{
		{model.IdeasOwnOrg, "a.admin", id, true, true},
		{model.IdeasOwnOrg, "b.member", id, false, false},
		{model.IdeasOwnOrg, "loner", id, false, false},
		{model.IdeasOwnOrg, "loner", loner, true, true},
		{model.IdeasOwnOrg, "a.member", loner, false, false},
		{model.IdeasOwnOrg, "agent2", id, true, true},
		{model.IdeasAll, "b.member", id, true, false},
		{model.IdeasAll, "loner", id, true, false},
		{model.IdeasAll, "a.member", loner, true, false},
		{model.IdeasAll, "a.colleague", id, true, true},
	}
	for _, c := range cases {
		if err := svc.SetVisibility(ctx, w.User(t, "admin"), c.vis); err != nil {
			t.Fatal(err)
		}
		v, err := svc.Get(ctx, w.User(t, c.who), c.idea)
		if c.see != (err == nil) || (err != nil && !errors.Is(err, model.ErrNotFound)) {
			t.Errorf("%s, %s, idea %d: err %v, want seen %v", c.vis, c.who, c.idea, err, c.see)
			continue
		}
		if err == nil && v.AuthorShown != c.shown {
			t.Errorf("%s, %s: author shown %v, want %v", c.vis, c.who, v.AuthorShown, c.shown)
		}
		list, _, err := svc.List(ctx, w.User(t, c.who), ideas.ListParams{})
		if err != nil {
			t.Fatal(err)
		}
		listed := false
		for _, i := range list {
			listed = listed || i.ID == c.idea
		}
		if listed != c.see {
			t.Errorf("%s, %s: listed %v, want %v", c.vis, c.who, listed, c.see)
		}
		d, err := svc.Detail(ctx, w.User(t, c.who), c.idea)
		if err == nil && !w.User(t, c.who).IsAgent() && d.OrgVotes != nil {
			t.Errorf("%s, %s: a contact sees votes per organization", c.vis, c.who)
		}
	}
	if err := svc.SetVisibility(ctx, w.User(t, "agent"), model.IdeasAll); err == nil {
		t.Error("an agent changed the visibility")
	}
}

func TestMergeMovesVotesOnceAndComments(t *testing.T) {
	svc, w, rec := setup(t)
	ctx := context.Background()
	agent := w.User(t, "agent")
	if err := svc.SetVisibility(ctx, w.User(t, "admin"), model.IdeasAll); err != nil {
		t.Fatal(err)
	}
	survivor := submit(t, svc, w.User(t, "a.member"), "Calendar export")
	dup := submit(t, svc, w.User(t, "b.member"), "iCal feed")
	for _, who := range []string{"a.member", "a.colleague"} {
		if _, err := svc.Vote(ctx, w.User(t, who), survivor); err != nil {
			t.Fatal(err)
		}
	}
	for _, who := range []string{"a.colleague", "b.member", "b.admin"} {
		if _, err := svc.Vote(ctx, w.User(t, who), dup); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := svc.AddComment(ctx, w.User(t, "b.admin"), dup, "We need this too."); err != nil {
		t.Fatal(err)
	}
	if err := svc.Merge(ctx, agent, dup, dup); err == nil {
		t.Fatal("an idea merged into itself")
	}
	if err := svc.Merge(ctx, w.User(t, "b.admin"), dup, survivor); !errors.Is(err, model.ErrForbidden) {
		t.Fatalf("a contact merged: %v", err)
	}
	if err := svc.Merge(ctx, agent, dup, survivor); err != nil {
		t.Fatal(err)
	}
	d, err := svc.Detail(ctx, agent, survivor)
	if err != nil {
		t.Fatal(err)
	}
	if d.Votes != 4 {
		t.Errorf("survivor has %d votes, want 4 (a.colleague voted for both)", d.Votes)
	}
	if len(d.Comments) != 1 || d.Comments[0].Body != "We need this too." {
		t.Errorf("comments of the survivor: %+v", d.Comments)
	}
	byOrg := map[int64]int64{}
	for _, o := range d.OrgVotes {
		byOrg[o.OrgID] = o.Votes
	}
	if byOrg[w.OrgA.ID] != 2 || byOrg[w.OrgB.ID] != 2 {
		t.Errorf("votes per organization %v", d.OrgVotes)
	}
	old, err := svc.Detail(ctx, w.User(t, "b.member"), dup)
	if err != nil {
		t.Fatal(err)
	}
	if old.MergedInto != survivor || old.Survivor == nil || old.Votes != 0 || old.Access.Vote {
		t.Errorf("merged idea: into %d, survivor %v, votes %d, vote allowed %v", old.MergedInto, old.Survivor, old.Votes, old.Access.Vote)
	}
	if len(rec.merged) != 3 {
		t.Errorf("told of the merge: %v, want the 3 voters of the duplicate", rec.merged)
	}
	list, _, err := svc.List(ctx, agent, ideas.ListParams{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].ID != survivor {
		t.Errorf("list after merge: %v", list)
	}
}

func TestStatusChangeTellsVotersAndCommentersButNotTheAgent(t *testing.T) {
	svc, w, rec := setup(t)
	ctx := context.Background()
	agent := w.User(t, "agent")
	id := submit(t, svc, w.User(t, "a.member"), "Webhooks")
	if _, err := svc.Vote(ctx, w.User(t, "a.colleague"), id); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddComment(ctx, w.User(t, "a.primary"), id, "Yes please"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddComment(ctx, agent, id, "Looking into it"); err != nil {
		t.Fatal(err)
	}
	if err := svc.SetStatus(ctx, agent, id, "shipped", ""); err == nil {
		t.Fatal("an unknown status was accepted")
	}
	if err := svc.SetStatus(ctx, agent, id, string(model.IdeaPlanned), "Q3"); err != nil {
		t.Fatal(err)
	}
	if len(rec.status) != 2 {
		t.Errorf("told: %v, want the voter and the commenting contact", rec.status)
	}
	d, err := svc.Detail(ctx, w.User(t, "a.member"), id)
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != model.IdeaPlanned || len(d.Events) != 1 || d.Events[0].Note != "Q3" {
		t.Errorf("status %s, history %+v", d.Status, d.Events)
	}
	if !d.Comments[1].Official || d.Comments[0].Official {
		t.Errorf("official marks: %+v", d.Comments)
	}
}

func TestListsSortAndPage(t *testing.T) {
	svc, w, _ := setup(t)
	ctx := context.Background()
	u := w.User(t, "a.member")
	var ids []int64
	for n := range 5 {
		ids = append(ids, submit(t, svc, u, fmt.Sprint("Idea ", n)))
	}
	for _, who := range []string{"a.colleague", "a.primary", "a.admin"} {
		if _, err := svc.Vote(ctx, w.User(t, who), ids[2]); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := svc.Vote(ctx, w.User(t, "a.admin"), ids[4]); err != nil {
		t.Fatal(err)
	}
	for _, sort := range []string{"votes", "trending", "newest"} {
		var got []int64
		cursor := ""
		for page := 0; page < 5; page++ {
			list, next, err := svc.List(ctx, u, ideas.ListParams{Sort: sort, Limit: 2, Cursor: cursor})
			if err != nil {
				t.Fatal(err)
			}
			for _, i := range list {
				got = append(got, i.ID)
			}
			if cursor = next; cursor == "" {
				break
			}
		}
		if len(got) != 5 {
			t.Fatalf("%s: %v", sort, got)
		}
		switch sort {
		case "votes", "trending":
			if got[0] != ids[2] || got[1] != ids[4] {
				t.Errorf("%s: %v", sort, got)
			}
		case "newest":
			if got[0] != ids[4] || got[4] != ids[0] {
				t.Errorf("%s: %v", sort, got)
			}
		}
	}
	if _, _, err := svc.List(ctx, u, ideas.ListParams{Cursor: "garbage"}); err == nil {
		t.Error("a bad cursor was accepted")
	}
}
