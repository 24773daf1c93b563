package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"supportal/internal/model"
)

// Profile is what users change about themselves on the account page.
type Profile struct {
	Name      string // the display name, made of the two below
	FirstName string
	LastName  string
	JobTitle  string
	Phone     string
	Language  string // "" follows the browser
}

// UpdateProfile stores a user's own names, job title, phone and language.
func (q *Queries) UpdateProfile(ctx context.Context, userID int64, p Profile) error {
	res, err := q.db.ExecContext(ctx, `UPDATE users SET name = $1, first_name = $2, last_name = $3, job_title = $4,
		phone = $5, language = $6, updated_at = $7 WHERE id = $8`,
		strings.TrimSpace(p.Name), p.FirstName, p.LastName, p.JobTitle, p.Phone, p.Language, Now(), userID)
	if err != nil {
		return fmt.Errorf("store: update profile: %w", err)
	}
	return rowsOrNotFound(res, "user", userID)
}

// SetNotifyOff stores the notifications a user turned off.
func (q *Queries) SetNotifyOff(ctx context.Context, userID int64, off model.Notifications) error {
	res, err := q.db.ExecContext(ctx, "UPDATE users SET notify_off = $1, updated_at = $2 WHERE id = $3",
		off.Normal().String(), Now(), userID)
	if err != nil {
		return fmt.Errorf("store: notifications: %w", err)
	}
	return rowsOrNotFound(res, "user", userID)
}

// SetPendingEmail records the address a user asked to change to; it takes
// effect only through ConfirmEmailChange.
func (q *Queries) SetPendingEmail(ctx context.Context, userID int64, email string) error {
	res, err := q.db.ExecContext(ctx, "UPDATE users SET pending_email = $1, updated_at = $2 WHERE id = $3",
		NormalizeEmail(email), Now(), userID)
	if err != nil {
		return fmt.Errorf("store: pending email: %w", err)
	}
	return rowsOrNotFound(res, "user", userID)
}

// ConfirmEmailChange makes a user's pending address its address, marks it
// verified and clears the pending one. Without a pending address it is
// model.ErrNotFound; an address another account uses is model.ErrConflict.
func (q *Queries) ConfirmEmailChange(ctx context.Context, userID int64) (string, error) {
	var pending string
	err := q.db.QueryRowContext(ctx, "SELECT pending_email FROM users WHERE id = $1 AND active", userID).Scan(&pending)
	if err != nil {
		return "", fmt.Errorf("store: confirm email: %w", notFound(err))
	}
	if pending == "" {
		return "", fmt.Errorf("store: confirm email: nothing pending: %w", errNotFound)
	}
	var taken int
	if err := q.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM users WHERE email = $1 AND id <> $2", pending, userID).Scan(&taken); err != nil {
		return "", fmt.Errorf("store: confirm email: %w", err)
	}
	if taken > 0 {
		return "", fmt.Errorf("store: confirm email %q: %w", pending, model.ErrConflict)
	}
	_, err = q.db.ExecContext(ctx, `UPDATE users SET email = $1, pending_email = '', email_verified = TRUE, updated_at = $2
		WHERE id = $3`, pending, Now(), userID)
	if q.d.isUniqueViolation(err) {
		return "", fmt.Errorf("store: confirm email %q: %w", pending, model.ErrConflict)
	}
	if err != nil {
		return "", fmt.Errorf("store: confirm email: %w", err)
	}
	return pending, nil
}

// UserSessions lists a user's sessions that have not expired at now, the
// most recently used first.
func (q *Queries) UserSessions(ctx context.Context, userID int64, now time.Time) ([]Session, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT id, user_id, created_at, last_seen_at, expires_at, ip, user_agent
		FROM sessions WHERE user_id = $1 AND expires_at > $2 ORDER BY last_seen_at DESC, created_at DESC, id`, userID, now)
	if err != nil {
		return nil, fmt.Errorf("store: sessions: %w", err)
	}
	defer rows.Close()
	var out []Session
	for rows.Next() {
		var s Session
		if err := rows.Scan(&s.ID, &s.UserID, &s.CreatedAt, &s.LastSeenAt, &s.ExpiresAt, &s.IP, &s.UserAgent); err != nil {
			return nil, fmt.Errorf("store: sessions: %w", err)
		}
		s.CreatedAt, s.LastSeenAt, s.ExpiresAt = utc(s.CreatedAt), utc(s.LastSeenAt), utc(s.ExpiresAt)
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: sessions: %w", err)
	}
	return out, nil
}

// DeleteOwnSession ends one session of a user; a session of someone else
// is model.ErrNotFound, like one that does not exist.
func (q *Queries) DeleteOwnSession(ctx context.Context, userID int64, id string) error {
	res, err := q.db.ExecContext(ctx, "DELETE FROM sessions WHERE id = $1 AND user_id = $2", id, userID)
	if err != nil {
		return fmt.Errorf("store: delete session: %w", err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("store: delete session: %w", errNotFound)
	}
	return nil
}

// DeleteUserTokensExcept withdraws a user's unused single-use links of
// every purpose but keep.
func (q *Queries) DeleteUserTokensExcept(ctx context.Context, userID int64, keep ...string) error {
	query := "DELETE FROM user_tokens WHERE user_id = $1 AND used_at IS NULL"
	args := []any{userID}
	for _, p := range keep {
		args = append(args, p)
		query += fmt.Sprintf(" AND purpose <> $%d", len(args))
	}
	if _, err := q.db.ExecContext(ctx, query, args...); err != nil {
		return fmt.Errorf("store: delete user tokens: %w", err)
	}
	return nil
}

// APIToken is a personal access token as its owner sees it; the secret is
// never stored.
type APIToken struct {
	ID         int64
	UserID     int64
	Name       string
	CreatedAt  time.Time
	LastUsedAt time.Time // zero: never used
}

// UserAPITokens lists a user's personal access tokens that are not
// revoked, the newest first.
func (q *Queries) UserAPITokens(ctx context.Context, userID int64) ([]APIToken, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT id, user_id, name, created_at, last_used_at FROM api_tokens
		WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC, id DESC`, userID)
	if err != nil {
		return nil, fmt.Errorf("store: tokens: %w", err)
	}
	defer rows.Close()
	var out []APIToken
	for rows.Next() {
		var k APIToken
		var used sql.NullTime
		if err := rows.Scan(&k.ID, &k.UserID, &k.Name, &k.CreatedAt, &used); err != nil {
			return nil, fmt.Errorf("store: tokens: %w", err)
		}
		k.CreatedAt = utc(k.CreatedAt)
		if used.Valid {
			k.LastUsedAt = utc(used.Time)
		}
		out = append(out, k)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: tokens: %w", err)
	}
	return out, nil
}

// RevokeOwnAPIToken revokes one of a user's tokens. A token of someone
// else, or one already revoked, is model.ErrNotFound.
func (q *Queries) RevokeOwnAPIToken(ctx context.Context, userID, tokenID int64) error {
	res, err := q.db.ExecContext(ctx, "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL",
		Now(), tokenID, userID)
	if err != nil {
		return fmt.Errorf("store: revoke token: %w", err)
	}
	return rowsOrNotFound(res, "token", tokenID)
}
