package store

import (
	"context"
	"fmt"
)

// Signature reads the signature an agent puts under its replies; "" when
// it has none. A user that does not exist is model.ErrNotFound.
func (q *Queries) Signature(ctx context.Context, userID int64) (string, error) {
	var s string
	err := q.db.QueryRowContext(ctx, "SELECT signature FROM users WHERE id = $1", userID).Scan(&s)
	if err != nil {
		return "", fmt.Errorf("store: signature of user %d: %w", userID, notFound(err))
	}
	return s, nil
}

// SetSignature replaces a user's signature. The caller checks its length
// and content; a user that does not exist is model.ErrNotFound.
func (q *Queries) SetSignature(ctx context.Context, userID int64, text string) error {
	res, err := q.db.ExecContext(ctx, "UPDATE users SET signature = $1, updated_at = $2 WHERE id = $3", text, Now(), userID)
	if err != nil {
		return fmt.Errorf("store: set signature of user %d: %w", userID, err)
	}
	return rowsOrNotFound(res, "user", userID)
}
