package store

import (
	"context"
	"fmt"

	"supportal/internal/model"
)

// OrgSummary is an organization with its email domains and the number of
// its contacts, as the admin overview lists them.
type OrgSummary struct {
	model.Organization
	Contacts int
}

// OrgSummaries lists every organization by name with its domains and
// contact count, in two queries whatever the number of organizations.
func (q *Queries) OrgSummaries(ctx context.Context) ([]*OrgSummary, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT o.id, o.name, o.default_role, o.created_at, o.updated_at,
		(SELECT COUNT(*) FROM users u WHERE u.org_id = o.id AND u.kind = 'contact')
		FROM organizations o ORDER BY o.name, o.id`)
	if err != nil {
		return nil, fmt.Errorf("store: organization summaries: %w", err)
	}
	defer rows.Close()
	var out []*OrgSummary
	byID := map[int64]*OrgSummary{}
	for rows.Next() {
		var o OrgSummary
		if err := rows.Scan(&o.ID, &o.Name, &o.DefaultRole, &o.CreatedAt, &o.UpdatedAt, &o.Contacts); err != nil {
			return nil, fmt.Errorf("store: organization summaries: %w", err)
		}
		o.CreatedAt, o.UpdatedAt = utc(o.CreatedAt), utc(o.UpdatedAt)
		out = append(out, &o)
		byID[o.ID] = &o
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: organization summaries: %w", err)
	}
	domains, err := q.db.QueryContext(ctx, "SELECT org_id, domain FROM org_domains ORDER BY domain")
	if err != nil {
		return nil, fmt.Errorf("store: organization domains: %w", err)
	}
	defer domains.Close()
	for domains.Next() {
		var id int64
		var d string
		if err := domains.Scan(&id, &d); err != nil {
			return nil, fmt.Errorf("store: organization domains: %w", err)
		}
		if o := byID[id]; o != nil {
			o.Domains = append(o.Domains, d)
		}
	}
	return out, domains.Err()
}
