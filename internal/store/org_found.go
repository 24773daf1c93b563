package store

import (
	"context"
	"fmt"

	"supportal/internal/model"
)

// JoinFoundedOrganization makes contact userID, who belongs to no
// organization, a member of orgID with role and rights, and gives the
// organization the contact's tickets that belong to none. A contact that
// has an organization by now is model.ErrConflict.
func (q *Queries) JoinFoundedOrganization(ctx context.Context, userID, orgID int64, role string, rights model.Rights) error {
	res, err := q.db.ExecContext(ctx, `UPDATE users SET org_id = $1, role = $2, rights = $3, updated_at = $4
		WHERE id = $5 AND kind = 'contact' AND org_id IS NULL`, orgID, role, rights.String(), Now(), userID)
	if err != nil {
		return fmt.Errorf("store: join organization: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return fmt.Errorf("store: join organization: %w", model.ErrConflict)
	}
	if _, err := q.db.ExecContext(ctx, "UPDATE tickets SET org_id = $1 WHERE requester_id = $2 AND org_id IS NULL", orgID, userID); err != nil {
		return fmt.Errorf("store: join organization: %w", err)
	}
	return nil
}
