package store

import (
	"context"
	"fmt"
)

// ResponsibleAgent returns the responsible agent of organization org when
// that agent is still an active agent, else 0.
func (q *Queries) ResponsibleAgent(ctx context.Context, org int64) (int64, error) {
	ids, err := q.int64s(ctx, `SELECT u.id FROM organizations o JOIN users u ON u.id = o.responsible_agent_id
		WHERE o.id = $1 AND u.kind = 'agent' AND u.active`, org)
	if err != nil {
		return 0, fmt.Errorf("store: responsible agent of %d: %w", org, err)
	}
	if len(ids) == 0 {
		return 0, nil
	}
	return ids[0], nil
}

// SetResponsibleAgent makes agent the responsible agent of organization
// org; 0 clears it.
func (q *Queries) SetResponsibleAgent(ctx context.Context, org, agent int64) error {
	res, err := q.db.ExecContext(ctx, "UPDATE organizations SET responsible_agent_id = $1, updated_at = $2 WHERE id = $3",
		nullID(agent), Now(), org)
	if err != nil {
		return fmt.Errorf("store: set responsible agent of %d: %w", org, err)
	}
	return rowsOrNotFound(res, "organization", org)
}
