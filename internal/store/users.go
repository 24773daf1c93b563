package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"supportal/internal/model"
)

var errNotFound = model.ErrNotFound

const userColumns = `u.id, u.kind, u.email, u.name, u.org_id, COALESCE(o.name, ''), u.role, u.rights,
	u.active, u.email_verified, u.language, u.password_hash, u.job_title, u.phone, u.pending_email, u.totp_enabled,
	u.created_at, u.updated_at, u.first_name, u.last_name, u.notify_off`

const userFrom = ` FROM users u LEFT JOIN organizations o ON o.id = u.org_id `

// scanUser reads userColumns; before are destinations for columns that
// the query selects ahead of them.
func scanUser(row interface{ Scan(...any) error }, before ...any) (*model.User, error) {
	var u model.User
	var org sql.NullInt64
	var rights, notifyOff string
	err := row.Scan(append(before, &u.ID, &u.Kind, &u.Email, &u.Name, &org, &u.OrgName, &u.Role, &rights,
		&u.Active, &u.EmailVerified, &u.Language, &u.PasswordHash, &u.JobTitle, &u.Phone, &u.PendingEmail, &u.TOTPEnabled,
		&u.CreatedAt, &u.UpdatedAt, &u.FirstName, &u.LastName, &notifyOff)...)
	if err != nil {
		return nil, notFound(err)
	}
	u.OrgID = idOrZero(org)
	u.Rights = model.ParseRights(rights)
	u.NotifyOff = model.ParseNotifications(notifyOff)
	u.CreatedAt, u.UpdatedAt = utc(u.CreatedAt), utc(u.UpdatedAt)
	return &u, nil
}

// NormalizeEmail is the form in which addresses are stored and compared.
func NormalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// User reads a user by id, with an agent's teams.
func (q *Queries) User(ctx context.Context, id int64) (*model.User, error) {
	u, err := scanUser(q.db.QueryRowContext(ctx, "SELECT "+userColumns+userFrom+"WHERE u.id = $1", id))
	if err != nil {
		return nil, fmt.Errorf("store: user %d: %w", id, err)
	}
	return u, q.loadTeams(ctx, u)
}

// UserByEmail reads a user by address, with an agent's teams.
func (q *Queries) UserByEmail(ctx context.Context, email string) (*model.User, error) {
	u, err := scanUser(q.db.QueryRowContext(ctx, "SELECT "+userColumns+userFrom+"WHERE u.email = $1", NormalizeEmail(email)))
	if err != nil {
		return nil, fmt.Errorf("store: user %q: %w", email, err)
	}
	return u, q.loadTeams(ctx, u)
}

func (q *Queries) loadTeams(ctx context.Context, u *model.User) error {
	if !u.IsAgent() {
		return nil
	}
	ids, err := q.int64s(ctx, "SELECT team_id FROM team_members WHERE user_id = $1 ORDER BY team_id", u.ID)
	u.TeamIDs = ids
	return err
}

// NewUser is what CreateUser stores.
type NewUser struct {
	Kind          model.Kind
	Email         string
	Name          string
	OrgID         int64
	Role          string
	Rights        model.Rights
	EmailVerified bool
	Language      string
	PasswordHash  string
}

// CreateUser inserts a user and returns its id. A taken address is
// model.ErrConflict.
func (q *Queries) CreateUser(ctx context.Context, n NewUser) (int64, error) {
	now := Now()
	var id int64
	err := q.db.QueryRowContext(ctx, `INSERT INTO users
		(kind, email, name, org_id, role, rights, active, email_verified, language, password_hash, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, TRUE, $7, $8, $9, $10, $10) RETURNING id`,
		n.Kind, NormalizeEmail(n.Email), strings.TrimSpace(n.Name), nullID(n.OrgID), n.Role, n.Rights.String(),
		n.EmailVerified, n.Language, n.PasswordHash, now).Scan(&id)
	if q.d.isUniqueViolation(err) {
		return 0, fmt.Errorf("store: create user %q: %w", n.Email, model.ErrConflict)
	}
	if err != nil {
		return 0, fmt.Errorf("store: create user %q: %w", n.Email, err)
	}
	return id, nil
}

// SetPassword replaces a user's password hash.
func (q *Queries) SetPassword(ctx context.Context, userID int64, hash string) error {
	_, err := q.db.ExecContext(ctx, "UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3", hash, Now(), userID)
	return err
}

// AddTeamMember puts an agent in a team; it is not an error if it already is.
func (q *Queries) AddTeamMember(ctx context.Context, teamID, userID int64) error {
	_, err := q.db.ExecContext(ctx, "INSERT INTO team_members (team_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", teamID, userID)
	return err
}

// Agents lists all agents and admins by name.
func (q *Queries) Agents(ctx context.Context) ([]*model.User, error) {
	return q.users(ctx, "SELECT "+userColumns+userFrom+"WHERE u.kind = 'agent' ORDER BY u.name, u.id")
}

// OrgContacts lists the contacts of an organization by name.
func (q *Queries) OrgContacts(ctx context.Context, orgID int64) ([]*model.User, error) {
	return q.users(ctx, "SELECT "+userColumns+userFrom+"WHERE u.org_id = $1 ORDER BY u.name, u.id", orgID)
}

// HasAdmin reports whether any active admin exists.
func (q *Queries) HasAdmin(ctx context.Context) (bool, error) {
	var n int
	err := q.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM users WHERE kind = 'agent' AND role = 'admin' AND active").Scan(&n)
	return n > 0, err
}

func (q *Queries) users(ctx context.Context, query string, args ...any) ([]*model.User, error) {
	rows, err := q.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	defer rows.Close()
	var out []*model.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("store: users: %w", err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: users: %w", err)
	}
	return out, q.loadTeamsOf(ctx, out)
}

// loadTeamsOf fills the teams of every agent in users with one query.
func (q *Queries) loadTeamsOf(ctx context.Context, users []*model.User) error {
	byID := map[int64]*model.User{}
	for _, u := range users {
		if u.IsAgent() {
			byID[u.ID] = u
		}
	}
	if len(byID) == 0 {
		return nil
	}
	rows, err := q.db.QueryContext(ctx, "SELECT m.user_id, m.team_id FROM team_members m JOIN users u ON u.id = m.user_id WHERE u.kind = 'agent' ORDER BY m.team_id")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var uid, tid int64
		if err := rows.Scan(&uid, &tid); err != nil {
			return err
		}
		if u := byID[uid]; u != nil {
			u.TeamIDs = append(u.TeamIDs, tid)
		}
	}
	return rows.Err()
}

// int64s runs a query that returns one integer column.
func (q *Queries) int64s(ctx context.Context, query string, args ...any) ([]int64, error) {
	rows, err := q.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
