package demo_test

import (
	"context"
	"testing"

	"supportal/internal/authz"
	"supportal/internal/store"
)

func TestDemoFeatureBoardHasVotedPlannedAndMergedIdeas(t *testing.T) {
	d := newDemo(t)
	ctx := context.Background()
	list, _, err := d.App.Store.Ideas(ctx, store.IdeaFilter{Scope: authz.IdeaScope{All: true}, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 5 {
		t.Fatalf("%d ideas listed, want 5 (and one merged)", len(list))
	}
	planned := list[0]
	if planned.Status != "planned" || planned.Votes < 6 {
		t.Errorf("most voted: %q %s with %d votes", planned.Title, planned.Status, planned.Votes)
	}
	orgs, err := d.App.Store.IdeaOrgVotes(ctx, planned.ID)
	if err != nil || len(orgs) < 3 {
		t.Errorf("organizations voting for the planned idea: %v %v", orgs, err)
	}
	comments, err := d.App.Store.IdeaComments(ctx, planned.ID)
	if err != nil {
		t.Fatal(err)
	}
	official := false
	for _, c := range comments {
		official = official || c.Official
	}
	if !official {
		t.Error("the planned idea has no official response")
	}
	events, err := d.App.Store.IdeaEvents(ctx, planned.ID)
	if err != nil {
		t.Fatal(err)
	}
	merged := false
	for _, e := range events {
		merged = merged || (e.Kind == "merged" && e.MergedFrom != 0)
	}
	if !merged {
		t.Error("no duplicate was merged into the planned idea")
	}
}
