package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"supportal/internal/model"
)

// OrgRow is an organization as the desk's overview lists it.
type OrgRow struct {
	ID          int64
	Name        string
	DefaultRole string
	Contacts    int
	OpenTickets int // tickets whose status is not in the closed category
}

// OrgRows lists every organization by name with its contact count and
// the number of its tickets that are not closed, in one query.
func (q *Queries) OrgRows(ctx context.Context) ([]OrgRow, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT o.id, o.name, o.default_role,
		(SELECT COUNT(*) FROM users u WHERE u.org_id = o.id AND u.kind = 'contact'),
		(SELECT COUNT(*) FROM tickets t JOIN statuses s ON s.id = t.status_id WHERE t.org_id = o.id AND s.category <> 'closed')
		FROM organizations o ORDER BY o.name, o.id`)
	if err != nil {
		return nil, fmt.Errorf("store: organization rows: %w", err)
	}
	defer rows.Close()
	var out []OrgRow
	for rows.Next() {
		var o OrgRow
		if err := rows.Scan(&o.ID, &o.Name, &o.DefaultRole, &o.Contacts, &o.OpenTickets); err != nil {
			return nil, fmt.Errorf("store: organization rows: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// DeskDomain is an email domain with its organization and approval, as
// the desk lists them.
type DeskDomain struct {
	Domain    string
	OrgID     int64
	OrgName   string
	Approved  bool
	ClaimedBy string // name of the portal admin who claimed it, if one did
	ClaimedAt time.Time
}

const orgDomainQuery = `SELECT d.domain, d.org_id, o.name, d.approved, COALESCE(u.name, ''), d.claimed_at
	FROM org_domains d JOIN organizations o ON o.id = d.org_id LEFT JOIN users u ON u.id = d.claimed_by `

func (q *Queries) orgDomains(ctx context.Context, where string, args ...any) ([]DeskDomain, error) {
	rows, err := q.db.QueryContext(ctx, orgDomainQuery+where, args...)
	if err != nil {
		return nil, fmt.Errorf("store: organization domains: %w", err)
	}
	defer rows.Close()
	var out []DeskDomain
	for rows.Next() {
		var d DeskDomain
		var at sql.NullTime
		if err := rows.Scan(&d.Domain, &d.OrgID, &d.OrgName, &d.Approved, &d.ClaimedBy, &at); err != nil {
			return nil, fmt.Errorf("store: organization domains: %w", err)
		}
		if at.Valid {
			d.ClaimedAt = utc(at.Time)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// OrgDomainsOf lists the domains of one organization, approved or not.
func (q *Queries) OrgDomainsOf(ctx context.Context, orgID int64) ([]DeskDomain, error) {
	return q.orgDomains(ctx, "WHERE d.org_id = $1 ORDER BY d.domain", orgID)
}

// PendingDomains lists the claimed domains that wait for an agent's
// approval, oldest claim first.
func (q *Queries) PendingDomains(ctx context.Context) ([]DeskDomain, error) {
	return q.orgDomains(ctx, "WHERE NOT d.approved ORDER BY d.claimed_at, d.domain")
}

// DomainTaken reports whether any organization holds or claims domain.
func (q *Queries) DomainTaken(ctx context.Context, domain string) (bool, error) {
	var n int
	err := q.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM org_domains WHERE domain = $1", domain).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: domain %q: %w", domain, err)
	}
	return n > 0, nil
}

// AddApprovedDomain gives an organization a domain that routes people at
// once. A domain that is taken is model.ErrConflict.
func (q *Queries) AddApprovedDomain(ctx context.Context, orgID int64, domain string) error {
	_, err := q.db.ExecContext(ctx, "INSERT INTO org_domains (domain, org_id, approved) VALUES ($1, $2, TRUE)", domain, orgID)
	if q.d.isUniqueViolation(err) {
		return fmt.Errorf("store: domain %q: %w", domain, model.ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("store: domain %q: %w", domain, err)
	}
	return nil
}

// RemoveDomain takes a domain from an organization; a domain it does not
// hold is model.ErrNotFound.
func (q *Queries) RemoveDomain(ctx context.Context, orgID int64, domain string) error {
	return q.affectOne(ctx, "DELETE FROM org_domains WHERE org_id = $1 AND domain = $2", orgID, domain)
}

// ApproveDomain approves a claimed domain; one that is not waiting is
// model.ErrNotFound.
func (q *Queries) ApproveDomain(ctx context.Context, domain string) error {
	return q.affectOne(ctx, "UPDATE org_domains SET approved = TRUE WHERE domain = $1 AND NOT approved", domain)
}

// RefuseDomain drops a claimed domain that waits for approval; one that
// is not waiting is model.ErrNotFound.
func (q *Queries) RefuseDomain(ctx context.Context, domain string) error {
	return q.affectOne(ctx, "DELETE FROM org_domains WHERE domain = $1 AND NOT approved", domain)
}

// affectOne runs a statement that must change a row.
func (q *Queries) affectOne(ctx context.Context, query string, args ...any) error {
	res, err := q.db.ExecContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	if n == 0 {
		return fmt.Errorf("store: %w", model.ErrNotFound)
	}
	return nil
}

// UpdateOrganization renames an organization and sets its default role.
// A taken name is model.ErrConflict, a missing organization
// model.ErrNotFound.
func (q *Queries) UpdateOrganization(ctx context.Context, id int64, name, defaultRole string) error {
	res, err := q.db.ExecContext(ctx, "UPDATE organizations SET name = $1, default_role = $2, updated_at = $3 WHERE id = $4",
		name, defaultRole, Now(), id)
	if q.d.isUniqueViolation(err) {
		return fmt.Errorf("store: organization %d: %w", id, model.ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("store: organization %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("store: organization %d: %w", id, model.ErrNotFound)
	}
	return nil
}

// OrganizationNameTakenByOther reports whether an organization other than
// id has this name, ignoring case.
func (q *Queries) OrganizationNameTakenByOther(ctx context.Context, id int64, name string) (bool, error) {
	var n int
	err := q.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM organizations WHERE LOWER(name) = LOWER($1) AND id <> $2", name, id).Scan(&n)
	return n > 0, err
}

// ContactUpdate is everything the desk changes on a contact at once.
type ContactUpdate struct {
	Name     string
	Email    string
	JobTitle string
	Phone    string
	Language string
	OrgID    int64
	Role     string
	Rights   model.Rights
	Active   bool
}

// UpdateContact stores a contact's fields. A taken address is
// model.ErrConflict; an id that is not a contact is model.ErrNotFound.
func (q *Queries) UpdateContact(ctx context.Context, id int64, c ContactUpdate) error {
	res, err := q.db.ExecContext(ctx, `UPDATE users SET name = $1, email = $2, job_title = $3, phone = $4, language = $5,
		org_id = $6, role = $7, rights = $8, active = $9, updated_at = $10 WHERE id = $11 AND kind = 'contact'`,
		c.Name, NormalizeEmail(c.Email), c.JobTitle, c.Phone, c.Language, nullID(c.OrgID), c.Role, c.Rights.String(), c.Active, Now(), id)
	if q.d.isUniqueViolation(err) {
		return fmt.Errorf("store: contact %d: %w", id, model.ErrConflict)
	}
	if err != nil {
		return fmt.Errorf("store: contact %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("store: contact %d: %w", id, model.ErrNotFound)
	}
	return nil
}

// EndSessions signs a user out everywhere.
func (q *Queries) EndSessions(ctx context.Context, userID int64) error {
	if _, err := q.db.ExecContext(ctx, "DELETE FROM sessions WHERE user_id = $1", userID); err != nil {
		return fmt.Errorf("store: end sessions of %d: %w", userID, err)
	}
	return nil
}

// prefixEnd returns the smallest string greater than every string that
// starts with prefix, for a range condition an index can serve.
func prefixEnd(prefix string) string { return prefix + "\U0010FFFF" }

// escapeLike escapes the wildcards of LIKE, for use with ESCAPE '\'.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// SearchContacts lists up to limit contacts whose address or name starts
// with prefix, ignoring case, by name. Both halves are range conditions
// (on users.email, which is unique and indexed, and on LOWER(name)), so
// an index serves them in both dialects; LIKE only confirms the prefix.
func (q *Queries) SearchContacts(ctx context.Context, prefix string, limit int) ([]*model.User, error) {
	p := strings.ToLower(strings.TrimSpace(prefix))
	if p == "" {
		return nil, nil
	}
	like := escapeLike(p) + "%"
	return q.users(ctx, "SELECT "+userColumns+userFrom+`WHERE u.kind = 'contact' AND (
		(u.email >= $1 AND u.email < $2 AND u.email LIKE $3 ESCAPE '\')
		OR (LOWER(u.name) >= $1 AND LOWER(u.name) < $2 AND LOWER(u.name) LIKE $3 ESCAPE '\'))
		ORDER BY u.name, u.id LIMIT $4`, p, prefixEnd(p), like, limit)
}

// MergedAddress is the address a merged contact is left with: it frees
// the real address for a new account and can never receive mail, since
// the .invalid top-level domain is reserved (RFC 2606).
func MergedAddress(id int64) string { return fmt.Sprintf("merged+%d@invalid", id) }

// MergeContacts moves everything of contact from to contact into: the
// tickets it requested, its participations, the messages it wrote and
// received, and its uploads. Each ticket touched gets a history event by
// actor. Then from is deactivated, signed out, stripped of its password,
// tokens and second factor, and its address becomes MergedAddress, so
// that the address can be registered again. Tickets keep their
// organization. Call it in a transaction; it returns the ticket ids
// touched.
func (q *Queries) MergeContacts(ctx context.Context, from, into *model.User, actorID int64) ([]int64, error) {
	wrap := func(err error) error { return fmt.Errorf("store: merge contact %d into %d: %w", from.ID, into.ID, err) }
	requested, err := q.int64s(ctx, "SELECT id FROM tickets WHERE requester_id = $1 ORDER BY id", from.ID)
	if err != nil {
		return nil, wrap(err)
	}
	touched, err := q.int64s(ctx, `SELECT ticket_id FROM ticket_participants WHERE user_id = $1
		UNION SELECT ticket_id FROM messages WHERE author_id = $1
		UNION SELECT m.ticket_id FROM message_recipients r JOIN messages m ON m.id = r.message_id WHERE r.user_id = $1`, from.ID)
	if err != nil {
		return nil, wrap(err)
	}
	now := Now()
	seen := map[int64]bool{}
	var all []int64
	for _, id := range requested {
		seen[id] = true
		all = append(all, id)
		if err := q.AddEvent(ctx, model.Event{TicketID: id, ActorID: actorID, Field: "requester", Old: from.Email, New: into.Email, CreatedAt: now}); err != nil {
			return nil, wrap(err)
		}
	}
	for _, id := range touched {
		if seen[id] {
			continue
		}
		seen[id] = true
		all = append(all, id)
		if err := q.AddEvent(ctx, model.Event{TicketID: id, ActorID: actorID, Field: "merged_contact", Old: from.Email, New: into.Email, CreatedAt: now}); err != nil {
			return nil, wrap(err)
		}
	}
	steps := []struct {
		query string
		args  []any
	}{
		{"UPDATE tickets SET requester_id = $1, updated_at = $3 WHERE requester_id = $2", []any{into.ID, from.ID, now}},
		{`INSERT INTO ticket_participants (ticket_id, user_id) SELECT ticket_id, $1 FROM ticket_participants WHERE user_id = $2
			ON CONFLICT DO NOTHING`, []any{into.ID, from.ID}},
		{"DELETE FROM ticket_participants WHERE user_id = $1", []any{from.ID}},
		{"UPDATE messages SET author_id = $1 WHERE author_id = $2", []any{into.ID, from.ID}},
		{"UPDATE message_recipients SET user_id = $1 WHERE user_id = $2", []any{into.ID, from.ID}},
		{"UPDATE attachments SET uploader_id = $1 WHERE uploader_id = $2", []any{into.ID, from.ID}},
		{"DELETE FROM sessions WHERE user_id = $1", []any{from.ID}},
		{"DELETE FROM api_tokens WHERE user_id = $1", []any{from.ID}},
		{"DELETE FROM user_tokens WHERE user_id = $1", []any{from.ID}},
		{"DELETE FROM recovery_codes WHERE user_id = $1", []any{from.ID}},
		{`UPDATE users SET active = FALSE, email = $1, pending_email = '', password_hash = '', totp_secret = '', totp_enabled = FALSE,
			updated_at = $2 WHERE id = $3`, []any{MergedAddress(from.ID), now, from.ID}},
	}
	for _, s := range steps {
		if _, err := q.db.ExecContext(ctx, s.query, s.args...); err != nil {
			return nil, wrap(err)
		}
	}
	return all, nil
}

// ContactByRef finds a user by id (digits) or address.
func (q *Queries) ContactByRef(ctx context.Context, ref string) (*model.User, error) {
	ref = strings.TrimSpace(ref)
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		return q.User(ctx, id)
	}
	return q.UserByEmail(ctx, ref)
}
