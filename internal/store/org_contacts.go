package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"supportal/internal/model"
)

// SetContactRights gives contact userID of organization orgID a role and
// its rights. A user that is not a contact of that organization is
// model.ErrNotFound: the organization is part of the key, so a caller
// cannot reach another organization's contact by its id.
func (q *Queries) SetContactRights(ctx context.Context, orgID, userID int64, role string, rights model.Rights) error {
	res, err := q.db.ExecContext(ctx, `UPDATE users SET role = $1, rights = $2, updated_at = $3
		WHERE id = $4 AND org_id = $5 AND kind = 'contact'`, role, rights.Normal().String(), Now(), userID, orgID)
	if err != nil {
		return fmt.Errorf("store: contact rights: %w", err)
	}
	return rowsOrNotFound(res, "contact", userID)
}

// SetContactActive deactivates or reactivates contact userID of
// organization orgID. Deactivation also ends the contact's sessions (its
// access tokens stop working while it is inactive). A user that is not a contact of that organization is
// model.ErrNotFound.
func (q *Queries) SetContactActive(ctx context.Context, orgID, userID int64, active bool) error {
	res, err := q.db.ExecContext(ctx, `UPDATE users SET active = $1, updated_at = $2
		WHERE id = $3 AND org_id = $4 AND kind = 'contact'`, active, Now(), userID, orgID)
	if err != nil {
		return fmt.Errorf("store: contact active: %w", err)
	}
	if err := rowsOrNotFound(res, "contact", userID); err != nil || active {
		return err
	}
	if err := q.DeleteUserSessions(ctx, userID, ""); err != nil {
		return fmt.Errorf("store: contact active: %w", err)
	}
	return nil
}

// OrgDomain is an email domain an organization claims.
type OrgDomain struct {
	Domain    string
	Approved  bool      // routes addresses to the organization
	ClaimedBy int64     // the contact that claimed it, 0 if set by support
	ClaimedAt time.Time // zero if set by support
}

// OrgDomains lists the domains of an organization, approved or waiting,
// by name.
func (q *Queries) OrgDomains(ctx context.Context, orgID int64) ([]OrgDomain, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT domain, approved, claimed_by, claimed_at FROM org_domains
		WHERE org_id = $1 ORDER BY domain`, orgID)
	if err != nil {
		return nil, fmt.Errorf("store: org domains: %w", err)
	}
	defer rows.Close()
	var out []OrgDomain
	for rows.Next() {
		var d OrgDomain
		var by sql.NullInt64
		var at sql.NullTime
		if err := rows.Scan(&d.Domain, &d.Approved, &by, &at); err != nil {
			return nil, fmt.Errorf("store: org domains: %w", err)
		}
		d.ClaimedBy = idOrZero(by)
		if at.Valid {
			d.ClaimedAt = utc(at.Time)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: org domains: %w", err)
	}
	return out, nil
}

// ClaimOrgDomain records that contact by claims domain for organization
// orgID; the claim waits for an agent's approval. A domain that is
// already taken (by this or another organization) is model.ErrConflict.
func (q *Queries) ClaimOrgDomain(ctx context.Context, orgID int64, domain string, by int64) error {
	_, err := q.db.ExecContext(ctx, `INSERT INTO org_domains (domain, org_id, approved, claimed_by, claimed_at)
		VALUES ($1, $2, FALSE, $3, $4)`, strings.ToLower(strings.TrimSpace(domain)), orgID, nullID(by), Now())
	if q.d.isUniqueViolation(err) {
		return fmt.Errorf("store: claim domain %q: %w", domain, model.ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("store: claim domain %q: %w", domain, err)
	}
	return nil
}
