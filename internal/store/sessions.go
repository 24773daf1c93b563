package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"supportal/internal/model"
)

// Session is a signed-in browser. ID is the hash of the cookie's secret;
// the secret itself is never stored.
type Session struct {
	ID         string
	UserID     int64
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
	IP         string
	UserAgent  string
}

// CreateSession stores a new session.
func (q *Queries) CreateSession(ctx context.Context, s Session) error {
	_, err := q.db.ExecContext(ctx, `INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, ip, user_agent)
		VALUES ($1, $2, $3, $3, $4, $5, $6)`, s.ID, s.UserID, s.CreatedAt, s.ExpiresAt, s.IP, s.UserAgent)
	if err != nil {
		return fmt.Errorf("store: create session: %w", err)
	}
	return nil
}

// SessionUser returns the session with id and its user, if the session
// has not expired at now.
func (q *Queries) SessionUser(ctx context.Context, id string, now time.Time) (*Session, *model.User, error) {
	var s Session
	row := q.db.QueryRowContext(ctx, "SELECT s.id, s.user_id, s.created_at, s.last_seen_at, s.expires_at, "+userColumns+
		userFrom+" JOIN sessions s ON s.user_id = u.id WHERE s.id = $1 AND s.expires_at > $2", id, now)
	u, err := scanUser(row, &s.ID, &s.UserID, &s.CreatedAt, &s.LastSeenAt, &s.ExpiresAt)
	if err != nil {
		return nil, nil, fmt.Errorf("store: session: %w", notFound(err))
	}
	return &s, u, q.loadTeams(ctx, u)
}

// TouchSession records that a session was used and extends it.
func (q *Queries) TouchSession(ctx context.Context, id string, now, expires time.Time) error {
	_, err := q.db.ExecContext(ctx, "UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE id = $3", now, expires, id)
	return err
}

// DeleteSession ends a session.
func (q *Queries) DeleteSession(ctx context.Context, id string) error {
	_, err := q.db.ExecContext(ctx, "DELETE FROM sessions WHERE id = $1", id)
	return err
}

// DeleteExpiredSessions removes sessions that ended before now.
func (q *Queries) DeleteExpiredSessions(ctx context.Context, now time.Time) (int64, error) {
	res, err := q.db.ExecContext(ctx, "DELETE FROM sessions WHERE expires_at <= $1", now)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// CreateToken stores a personal access token's hash and returns its id.
func (q *Queries) CreateToken(ctx context.Context, userID int64, name, hash string) (int64, error) {
	var id int64
	err := q.db.QueryRowContext(ctx, `INSERT INTO api_tokens (user_id, name, token_hash, created_at)
		VALUES ($1, $2, $3, $4) RETURNING id`, userID, name, hash, Now()).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: create token: %w", err)
	}
	return id, nil
}

// TokenUser returns the user of a token that has not been revoked, and
// records its use.
func (q *Queries) TokenUser(ctx context.Context, hash string) (*model.User, error) {
	var tokenID int64
	var lastUsed sql.NullTime
	u, err := scanUser(q.db.QueryRowContext(ctx, "SELECT k.id, k.last_used_at, "+userColumns+userFrom+
		" JOIN api_tokens k ON k.user_id = u.id WHERE k.token_hash = $1 AND k.revoked_at IS NULL", hash), &tokenID, &lastUsed)
	if err != nil {
		return nil, fmt.Errorf("store: token: %w", err)
	}
	// Record use at most once a minute: a write on every request would
	// serialise all API traffic on SQLite's single writer.
	if now := Now(); !lastUsed.Valid || now.Sub(lastUsed.Time) > time.Minute {
		if _, err := q.db.ExecContext(ctx, "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2", now, tokenID); err != nil {
			return nil, fmt.Errorf("store: token use: %w", err)
		}
	}
	return u, q.loadTeams(ctx, u)
}

// RateHit counts one attempt under key in a fixed window and returns the
// count in the current window, so callers across instances share limits.
func (q *Queries) RateHit(ctx context.Context, key string, window time.Duration, now time.Time) (int, error) {
	var n int
	err := q.db.QueryRowContext(ctx, `INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, 1)
		ON CONFLICT (key) DO UPDATE SET
			count = CASE WHEN rate_limits.window_start <= $3 THEN 1 ELSE rate_limits.count + 1 END,
			window_start = CASE WHEN rate_limits.window_start <= $3 THEN excluded.window_start ELSE rate_limits.window_start END
		RETURNING count`, key, now, now.Add(-window)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: rate limit: %w", err)
	}
	return n, nil
}

// RateCount returns the attempts under key in the current window.
func (q *Queries) RateCount(ctx context.Context, key string, window time.Duration, now time.Time) (int, error) {
	var n int
	err := q.db.QueryRowContext(ctx, "SELECT count FROM rate_limits WHERE key = $1 AND window_start > $2", key, now.Add(-window)).Scan(&n)
	if err := notFound(err); err == errNotFound {
		return 0, nil
	}
	return n, err
}

// RateReset forgets the attempts under key (after a success).
func (q *Queries) RateReset(ctx context.Context, key string) error {
	_, err := q.db.ExecContext(ctx, "DELETE FROM rate_limits WHERE key = $1", key)
	return err
}
