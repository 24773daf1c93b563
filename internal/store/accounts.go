package store

import (
	"context"
	"fmt"
)

// DeleteUserSessions ends every session of a user except the one with id
// exceptSessionID ("" ends them all): after a new password, no browser
// that knew the old one stays signed in.
func (q *Queries) DeleteUserSessions(ctx context.Context, userID int64, exceptSessionID string) error {
	_, err := q.db.ExecContext(ctx, "DELETE FROM sessions WHERE user_id = $1 AND id <> $2", userID, exceptSessionID)
	if err != nil {
		return fmt.Errorf("store: end sessions of user %d: %w", userID, err)
	}
	return nil
}

// MarkVerified records that a user's address has been proven by a mailed
// link.
func (q *Queries) MarkVerified(ctx context.Context, userID int64) error {
	res, err := q.db.ExecContext(ctx, "UPDATE users SET email_verified = TRUE, updated_at = $1 WHERE id = $2", Now(), userID)
	if err != nil {
		return fmt.Errorf("store: verify user %d: %w", userID, err)
	}
	return rowsOrNotFound(res, "user", userID)
}
