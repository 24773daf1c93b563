package store

import (
	"context"
	"fmt"
	"time"
)

// CreateUserToken stores the hash of a single-use token for a user and
// withdraws the user's earlier tokens of the same purpose: only the
// newest link works.
func (q *Queries) CreateUserToken(ctx context.Context, userID int64, purpose, hash string, expires time.Time) error {
	if _, err := q.db.ExecContext(ctx, "DELETE FROM user_tokens WHERE user_id = $1 AND purpose = $2", userID, purpose); err != nil {
		return fmt.Errorf("store: user token: %w", err)
	}
	_, err := q.db.ExecContext(ctx, `INSERT INTO user_tokens (token_hash, user_id, purpose, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5)`, hash, userID, purpose, Now(), expires)
	if err != nil {
		return fmt.Errorf("store: user token: %w", err)
	}
	return nil
}

// UserTokenUser returns the user of a valid (unused, unexpired) token of
// the purpose, or model.ErrNotFound.
func (q *Queries) UserTokenUser(ctx context.Context, purpose, hash string, now time.Time) (int64, error) {
	ids, err := q.int64s(ctx, `SELECT user_id FROM user_tokens
		WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3`, hash, purpose, now)
	if err != nil {
		return 0, fmt.Errorf("store: user token: %w", err)
	}
	if len(ids) == 0 {
		return 0, fmt.Errorf("store: user token: %w", errNotFound)
	}
	return ids[0], nil
}

// UseUserToken marks a valid token used and returns its user; a token
// used, expired or unknown is model.ErrNotFound. Two concurrent uses: one
// wins.
func (q *Queries) UseUserToken(ctx context.Context, purpose, hash string, now time.Time) (int64, error) {
	var id int64
	err := q.db.QueryRowContext(ctx, `UPDATE user_tokens SET used_at = $1
		WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1 RETURNING user_id`,
		now, hash, purpose).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: use user token: %w", notFound(err))
	}
	return id, nil
}

// ActivateUser sets a user's name and password hash and marks the address
// verified: the end of registration by a mailed link.
func (q *Queries) ActivateUser(ctx context.Context, id int64, name, passwordHash string) error {
	res, err := q.db.ExecContext(ctx, `UPDATE users SET name = $1, password_hash = $2, email_verified = TRUE, updated_at = $3
		WHERE id = $4 AND active`, name, passwordHash, Now(), id)
	if err != nil {
		return fmt.Errorf("store: activate user: %w", err)
	}
	return rowsOrNotFound(res, "user", id)
}
