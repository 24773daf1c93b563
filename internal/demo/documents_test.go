package demo_test

import (
	"context"
	"testing"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/store"
)

func TestDemoCustomersHaveDocumentsInEachStateAndProjects(t *testing.T) {
	env := newDemo(t)
	ctx := context.Background()
	docs, err := env.App.Store.Documents(ctx, store.DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	states := map[model.DocumentState]int{}
	for _, d := range docs {
		states[d.State]++
	}
	if states[model.DocumentBlank] != 1 || states[model.DocumentSigned] != 1 || states[model.DocumentCountersigned] != 1 {
		t.Errorf("document states %v, want one of each", states)
	}
	for _, d := range docs {
		projects, err := env.App.Store.ProjectsOf(ctx, d.OrgID)
		if err != nil || len(projects) != 1 {
			t.Fatalf("projects of %s: %v, %v", d.OrgName, projects, err)
		}
		ms, err := env.App.Store.Milestones(ctx, projects[0].ID)
		if err != nil || len(ms) < 2 {
			t.Errorf("milestones of %s: %v, %v", projects[0].Name, ms, err)
		}
		page, err := env.App.Store.Tickets(ctx, store.TicketFilter{Scope: authz.TicketScope{All: true}, ProjectID: projects[0].ID})
		if err != nil || len(page.Tickets) != 2 {
			t.Errorf("tickets of %s: %d, %v", projects[0].Name, len(page.Tickets), err)
		}
	}
}
