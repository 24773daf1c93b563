package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"supportal/internal/model"
)

// NewOrganization is what CreateOrganization stores.
type NewOrganization struct {
	Name        string
	Domains     []string
	DefaultRole string
}

// CreateOrganization inserts an organization with its email domains. A
// taken name or domain is model.ErrConflict.
func (q *Queries) CreateOrganization(ctx context.Context, n NewOrganization) (int64, error) {
	if n.DefaultRole == "" {
		n.DefaultRole = model.RoleMember
	}
	now := Now()
	var id int64
	err := q.db.QueryRowContext(ctx, `INSERT INTO organizations (name, default_role, created_at, updated_at)
		VALUES ($1, $2, $3, $3) RETURNING id`, strings.TrimSpace(n.Name), n.DefaultRole, now).Scan(&id)
	if q.d.isUniqueViolation(err) {
		return 0, fmt.Errorf("store: create organization %q: %w", n.Name, model.ErrConflict)
	}
	if err != nil {
		return 0, fmt.Errorf("store: create organization %q: %w", n.Name, err)
	}
	for _, d := range n.Domains {
		_, err := q.db.ExecContext(ctx, "INSERT INTO org_domains (domain, org_id) VALUES ($1, $2)", strings.ToLower(strings.TrimSpace(d)), id)
		if q.d.isUniqueViolation(err) {
			return 0, fmt.Errorf("store: domain %q: %w", d, model.ErrConflict)
		}
		if err != nil {
			return 0, fmt.Errorf("store: domain %q: %w", d, err)
		}
	}
	return id, nil
}

// Organization reads an organization with its domains.
func (q *Queries) Organization(ctx context.Context, id int64) (*model.Organization, error) {
	var o model.Organization
	var responsible sql.NullInt64
	err := q.db.QueryRowContext(ctx, "SELECT id, name, default_role, responsible_agent_id, created_at, updated_at FROM organizations WHERE id = $1", id).
		Scan(&o.ID, &o.Name, &o.DefaultRole, &responsible, &o.CreatedAt, &o.UpdatedAt)
	if err != nil {
		return nil, fmt.Errorf("store: organization %d: %w", id, notFound(err))
	}
	o.ResponsibleAgentID = idOrZero(responsible)
	rows, err := q.db.QueryContext(ctx, "SELECT domain FROM org_domains WHERE org_id = $1 ORDER BY domain", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return nil, err
		}
		o.Domains = append(o.Domains, d)
	}
	return &o, rows.Err()
}

// OrganizationByRef finds an organization by id (digits) or exact name.
func (q *Queries) OrganizationByRef(ctx context.Context, ref string) (*model.Organization, error) {
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		return q.Organization(ctx, id)
	}
	var id int64
	err := q.db.QueryRowContext(ctx, "SELECT id FROM organizations WHERE name = $1", strings.TrimSpace(ref)).Scan(&id)
	if err != nil {
		return nil, fmt.Errorf("store: organization %q: %w", ref, notFound(err))
	}
	return q.Organization(ctx, id)
}

// Organizations lists every organization by name (without domains).
func (q *Queries) Organizations(ctx context.Context) ([]*model.Organization, error) {
	rows, err := q.db.QueryContext(ctx, "SELECT id, name, default_role, created_at, updated_at FROM organizations ORDER BY name, id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*model.Organization
	for rows.Next() {
		var o model.Organization
		if err := rows.Scan(&o.ID, &o.Name, &o.DefaultRole, &o.CreatedAt, &o.UpdatedAt); err != nil {
			return nil, err
		}
		out = append(out, &o)
	}
	return out, rows.Err()
}

// Teams lists the teams by name.
func (q *Queries) Teams(ctx context.Context) ([]model.Team, error) {
	rows, err := q.db.QueryContext(ctx, "SELECT id, name, is_default FROM teams ORDER BY name, id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Team
	for rows.Next() {
		var t model.Team
		if err := rows.Scan(&t.ID, &t.Name, &t.Default); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// CreateTeam inserts a team, or returns the id of the team of that name.
func (q *Queries) CreateTeam(ctx context.Context, name string) (int64, error) {
	var id int64
	err := q.db.QueryRowContext(ctx, `INSERT INTO teams (name) VALUES ($1)
		ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id`, strings.TrimSpace(name)).Scan(&id)
	return id, err
}

// OrganizationNameTaken reports whether an organization has this name,
// ignoring case.
func (q *Queries) OrganizationNameTaken(ctx context.Context, name string) (bool, error) {
	var n int
	err := q.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM organizations WHERE LOWER(name) = LOWER($1)", strings.TrimSpace(name)).Scan(&n)
	return n > 0, err
}

// DomainOwner returns the id of the organization that claims an email
// domain, or 0.
func (q *Queries) DomainOwner(ctx context.Context, domain string) (int64, error) {
	var id int64
	err := q.db.QueryRowContext(ctx, "SELECT org_id FROM org_domains WHERE domain = $1 AND approved", strings.ToLower(strings.TrimSpace(domain))).Scan(&id)
	if err := notFound(err); errors.Is(err, errNotFound) {
		return 0, nil
	}
	return id, err
}
