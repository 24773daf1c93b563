package project_test

import (
	"context"
	"errors"
	"testing"

	"supportal/internal/model"
	"supportal/internal/project"
	"supportal/internal/testenv"
)

func TestContactSeesOnlyTheProjectTicketsItMaySee(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	svc := project.New(env.Store, env.App.Tickets, nil)
	agent := env.User(t, "admin")
	pid, err := svc.Create(ctx, agent, env.OrgA.ID, project.Input{Name: "Shop relaunch", Status: "active"})
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.AddMilestone(ctx, agent, pid, "Go-live", "2027-03-01"); err != nil {
		t.Fatal(err)
	}
	own := env.Ticket(t, "a.member", "Member's", "b")
	other := env.Ticket(t, "a.colleague", "Colleague's", "b")
	env.Ticket(t, "a.member", "Not in the project", "b")
	for _, n := range []int64{own.Number, other.Number} {
		if err := svc.SetTicketProject(ctx, agent, n, pid); err != nil {
			t.Fatal(err)
		}
	}
	numbers := func(key string) []int64 {
		t.Helper()
		u := env.User(t, key)
		p, ms, err := svc.Project(ctx, u, pid)
		if err != nil {
			t.Fatalf("%s: %v", key, err)
		}
		if len(ms) != 1 || ms[0].Title != "Go-live" {
			t.Errorf("%s sees milestones %+v", key, ms)
		}
		page, err := svc.Tickets(ctx, u, p, "")
		if err != nil {
			t.Fatal(err)
		}
		var out []int64
		for _, tk := range page.Tickets {
			out = append(out, tk.Number)
		}
		return out
	}
	if got := numbers("a.member"); len(got) != 1 || got[0] != own.Number {
		t.Errorf("a.member sees %v, want only %d", got, own.Number)
	}
	if got := numbers("a.colleague"); len(got) != 2 {
		t.Errorf("a.colleague (org tickets) sees %v, want both", got)
	}
	if got := numbers("admin"); len(got) != 2 {
		t.Errorf("admin sees %v, want both", got)
	}
	if _, _, err := svc.Project(ctx, env.User(t, "b.admin"), pid); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("b.admin: %v, want not found", err)
	}
	if err := svc.Update(ctx, env.User(t, "a.admin"), pid, project.Input{Name: "X", Status: "done"}); !errors.Is(err, model.ErrForbidden) {
		t.Errorf("a.admin edits: %v, want forbidden", err)
	}
}

func TestTicketRefusesAProjectOfAnotherOrganization(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	svc := project.New(env.Store, env.App.Tickets, nil)
	admin := env.User(t, "admin")
	pid, err := svc.Create(ctx, admin, env.OrgB.ID, project.Input{Name: "B's", Status: "planned"})
	if err != nil {
		t.Fatal(err)
	}
	tk := env.Ticket(t, "a.member", "A's", "b")
	var v *model.ValidationError
	if err := svc.SetTicketProject(ctx, admin, tk.Number, pid); !errors.As(err, &v) || v.Fields["project"] == "" {
		t.Errorf("got %v, want a validation error on project", err)
	}
	_, err = svc.Create(ctx, admin, env.OrgA.ID, project.Input{Name: "", Status: "sideways"})
	if !errors.As(err, &v) || v.Fields["name"] == "" || v.Fields["status"] == "" {
		t.Errorf("got %v, want errors on name and status", err)
	}
}
