package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"supportal/internal/model"
)

// ProjectInput is what CreateProject and UpdateProject store.
type ProjectInput struct {
	Name        string
	Description string
	Status      model.ProjectStatus
}

// CreateProject stores a project of organization orgID and returns its id.
func (q *Queries) CreateProject(ctx context.Context, orgID int64, p ProjectInput) (int64, error) {
	var id int64
	err := q.db.QueryRowContext(ctx, `INSERT INTO projects (org_id, name, description, status, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`, orgID, p.Name, p.Description, string(p.Status), Now()).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: create project of organization %d: %w", orgID, err)
	}
	return id, nil
}

// UpdateProject changes a project's name, description and status.
func (q *Queries) UpdateProject(ctx context.Context, id int64, p ProjectInput) error {
	res, err := q.db.ExecContext(ctx, "UPDATE projects SET name = $1, description = $2, status = $3, updated_at = $4 WHERE id = $5",
		p.Name, p.Description, string(p.Status), Now(), id)
	if err != nil {
		return fmt.Errorf("store: update project %d: %w", id, err)
	}
	return rowsOrNotFound(res, "project", id)
}

const projectColumns = `p.id, p.org_id, o.name, p.name, p.description, p.status, p.created_at, p.updated_at
	FROM projects p JOIN organizations o ON o.id = p.org_id `

func scanProject(row interface{ Scan(...any) error }) (*model.Project, error) {
	var p model.Project
	var status string
	if err := row.Scan(&p.ID, &p.OrgID, &p.OrgName, &p.Name, &p.Description, &status, &p.CreatedAt, &p.UpdatedAt); err != nil {
		return nil, err
	}
	p.Status = model.ProjectStatus(status)
	p.CreatedAt, p.UpdatedAt = utc(p.CreatedAt), utc(p.UpdatedAt)
	return &p, nil
}

// Project reads one project. It does not check who asks: callers ask
// authz.Projects with its organization.
func (q *Queries) Project(ctx context.Context, id int64) (*model.Project, error) {
	p, err := scanProject(q.db.QueryRowContext(ctx, "SELECT "+projectColumns+"WHERE p.id = $1", id))
	if err != nil {
		return nil, fmt.Errorf("store: project %d: %w", id, notFound(err))
	}
	return p, nil
}

// ProjectsOf lists the projects of an organization, the newest first.
func (q *Queries) ProjectsOf(ctx context.Context, orgID int64) ([]*model.Project, error) {
	rows, err := q.db.QueryContext(ctx, "SELECT "+projectColumns+"WHERE p.org_id = $1 ORDER BY p.id DESC", orgID)
	if err != nil {
		return nil, fmt.Errorf("store: projects of organization %d: %w", orgID, err)
	}
	defer rows.Close()
	var out []*model.Project
	for rows.Next() {
		p, err := scanProject(rows)
		if err != nil {
			return nil, fmt.Errorf("store: projects of organization %d: %w", orgID, err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// AddMilestone adds a milestone to project id and returns its id.
func (q *Queries) AddMilestone(ctx context.Context, projectID int64, title string, due time.Time) (int64, error) {
	var id int64
	err := q.db.QueryRowContext(ctx, `INSERT INTO project_milestones (project_id, title, due_at, done, created_at)
		VALUES ($1, $2, $3, FALSE, $4) RETURNING id`, projectID, title, nullTime(due), Now()).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: add milestone to project %d: %w", projectID, err)
	}
	return id, nil
}

// SetMilestoneDone marks a milestone of project projectID done or not.
func (q *Queries) SetMilestoneDone(ctx context.Context, projectID, id int64, done bool) error {
	res, err := q.db.ExecContext(ctx, "UPDATE project_milestones SET done = $1 WHERE id = $2 AND project_id = $3", done, id, projectID)
	if err != nil {
		return fmt.Errorf("store: milestone %d: %w", id, err)
	}
	return rowsOrNotFound(res, "milestone", id)
}

// Milestones lists a project's milestones by due day (those without one
// last), then as added.
func (q *Queries) Milestones(ctx context.Context, projectID int64) ([]model.Milestone, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT id, project_id, title, due_at, done FROM project_milestones
		WHERE project_id = $1 ORDER BY CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, id`, projectID)
	if err != nil {
		return nil, fmt.Errorf("store: milestones of project %d: %w", projectID, err)
	}
	defer rows.Close()
	var out []model.Milestone
	for rows.Next() {
		var m model.Milestone
		var due sql.NullTime
		if err := rows.Scan(&m.ID, &m.ProjectID, &m.Title, &due, &m.Done); err != nil {
			return nil, fmt.Errorf("store: milestones of project %d: %w", projectID, err)
		}
		m.DueAt = timeOrZero(due)
		out = append(out, m)
	}
	return out, rows.Err()
}

// SetTicketProject puts ticket id into project projectID (0: none).
func (q *Queries) SetTicketProject(ctx context.Context, ticketID, projectID int64) error {
	res, err := q.db.ExecContext(ctx, "UPDATE tickets SET project_id = $1, updated_at = $2 WHERE id = $3", nullID(projectID), Now(), ticketID)
	if err != nil {
		return fmt.Errorf("store: project of ticket %d: %w", ticketID, err)
	}
	return rowsOrNotFound(res, "ticket", ticketID)
}
