// Package project owns the development projects of an organization
// (DESIGN §2): name, description, status and milestones, and the tickets
// that belong to a project. Agents see and change every project; a
// contact sees the projects of its organization (authz.Projects), and in
// a project only the tickets it may see anyway: the list is the ticket
// service's, filtered by project, so the same code decides.
package project

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/ticket"
)

// Limits of a project's texts, in characters.
const (
	MaxName        = 200
	MaxDescription = 5000
	MaxMilestone   = 200
)

// dateLayout is how forms send a day.
const dateLayout = "2006-01-02"

// Service reads and changes projects on behalf of a user.
type Service struct {
	st      *store.Store
	tickets *ticket.Service
	loc     *time.Location
}

// New returns a Service; due days of milestones are days in loc.
func New(st *store.Store, tickets *ticket.Service, loc *time.Location) *Service {
	if loc == nil {
		loc = time.UTC
	}
	return &Service{st: st, tickets: tickets, loc: loc}
}

// Location is the time zone whose days the due days name.
func (s *Service) Location() *time.Location { return s.loc }

// List lists the projects of organization orgID; a caller who may not
// see them gets model.ErrNotFound.
func (s *Service) List(ctx context.Context, viewer *model.User, orgID int64) ([]*model.Project, error) {
	if !authz.Projects(viewer, orgID) {
		return nil, fmt.Errorf("project: projects of organization %d: %w", orgID, model.ErrNotFound)
	}
	return s.st.ProjectsOf(ctx, orgID)
}

// Project returns a project the viewer may see with its milestones.
func (s *Service) Project(ctx context.Context, viewer *model.User, id int64) (*model.Project, []model.Milestone, error) {
	p, err := s.visible(ctx, viewer, id)
	if err != nil {
		return nil, nil, err
	}
	ms, err := s.st.Milestones(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	return p, ms, nil
}

func (s *Service) visible(ctx context.Context, viewer *model.User, id int64) (*model.Project, error) {
	p, err := s.st.Project(ctx, id)
	if err != nil {
		return nil, err
	}
	if !authz.Projects(viewer, p.OrgID) {
		return nil, fmt.Errorf("project: %d: %w", id, model.ErrNotFound)
	}
	return p, nil
}

// Tickets lists one page of the tickets of project p that the viewer may
// see, through the ticket service's list.
func (s *Service) Tickets(ctx context.Context, viewer *model.User, p *model.Project, cursor string) (*store.TicketPage, error) {
	if !authz.Projects(viewer, p.OrgID) {
		return nil, fmt.Errorf("project: tickets of %d: %w", p.ID, model.ErrNotFound)
	}
	return s.tickets.List(ctx, viewer, store.TicketFilter{ProjectID: p.ID, Cursor: cursor, Limit: 50})
}

// Input is a project as someone typed it.
type Input struct {
	Name        string
	Description string
	Status      string
}

func validate(in Input) (store.ProjectInput, error) {
	v := &model.ValidationError{}
	out := store.ProjectInput{Name: strings.TrimSpace(in.Name), Description: strings.TrimSpace(in.Description), Status: model.ProjectStatus(in.Status)}
	switch {
	case out.Name == "":
		v.Add("name", "error.required")
	case utf8.RuneCountInString(out.Name) > MaxName:
		v.Add("name", "error.too_long")
	}
	if utf8.RuneCountInString(out.Description) > MaxDescription {
		v.Add("description", "error.too_long")
	}
	if !out.Status.Valid() {
		v.Add("status", "projects.error.status")
	}
	return out, v.Err()
}

// mayEdit refuses whoever may not change the projects of orgID: not
// found for those who do not see them, forbidden for contacts.
func mayEdit(by *model.User, orgID int64) error {
	if !authz.Projects(by, orgID) {
		return model.ErrNotFound
	}
	if !authz.EditProjects(by) {
		return model.ErrForbidden
	}
	return nil
}

// Create adds a project to organization orgID and returns its id.
func (s *Service) Create(ctx context.Context, by *model.User, orgID int64, in Input) (int64, error) {
	if err := mayEdit(by, orgID); err != nil {
		return 0, fmt.Errorf("project: create for organization %d: %w", orgID, err)
	}
	if _, err := s.st.Organization(ctx, orgID); err != nil {
		return 0, err
	}
	p, err := validate(in)
	if err != nil {
		return 0, err
	}
	return s.st.CreateProject(ctx, orgID, p)
}

// Update changes a project's name, description and status.
func (s *Service) Update(ctx context.Context, by *model.User, id int64, in Input) error {
	cur, err := s.visible(ctx, by, id)
	if err != nil {
		return err
	}
	if err := mayEdit(by, cur.OrgID); err != nil {
		return fmt.Errorf("project: update %d: %w", id, err)
	}
	p, err := validate(in)
	if err != nil {
		return err
	}
	return s.st.UpdateProject(ctx, id, p)
}

// AddMilestone adds a milestone with a title and an optional due day
// (YYYY-MM-DD) to project id.
func (s *Service) AddMilestone(ctx context.Context, by *model.User, id int64, title, due string) error {
	cur, err := s.visible(ctx, by, id)
	if err != nil {
		return err
	}
	if err := mayEdit(by, cur.OrgID); err != nil {
		return fmt.Errorf("project: milestone of %d: %w", id, err)
	}
	v := &model.ValidationError{}
	title = strings.TrimSpace(title)
	switch {
	case title == "":
		v.Add("title", "error.required")
	case utf8.RuneCountInString(title) > MaxMilestone:
		v.Add("title", "error.too_long")
	}
	var day time.Time
	if due = strings.TrimSpace(due); due != "" {
		if day, err = time.ParseInLocation(dateLayout, due, s.loc); err != nil {
			v.Add("due", "projects.error.date")
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	_, err = s.st.AddMilestone(ctx, id, title, day)
	return err
}

// SetMilestoneDone marks milestone mid of project id done or open again.
func (s *Service) SetMilestoneDone(ctx context.Context, by *model.User, id, mid int64, done bool) error {
	cur, err := s.visible(ctx, by, id)
	if err != nil {
		return err
	}
	if err := mayEdit(by, cur.OrgID); err != nil {
		return fmt.Errorf("project: milestone of %d: %w", id, err)
	}
	return s.st.SetMilestoneDone(ctx, id, mid, done)
}

// SetTicketProject puts the ticket numbered number into project
// projectID (0: out of any project). The agent must be able to edit the
// ticket; a project of another organization than the ticket's is a
// validation error on "project".
func (s *Service) SetTicketProject(ctx context.Context, by *model.User, number, projectID int64) error {
	t, access, err := s.tickets.Get(ctx, by, number)
	if err != nil {
		return err
	}
	if !access.Edit || !authz.EditProjects(by) {
		return fmt.Errorf("project: ticket %d: %w", number, model.ErrForbidden)
	}
	if projectID != 0 {
		p, err := s.st.Project(ctx, projectID)
		if err != nil || !model.SameOrg(p.OrgID, t.OrgID) {
			return model.Invalid("project", "projects.error.other_org")
		}
	}
	return s.st.SetTicketProject(ctx, t.ID, projectID)
}
