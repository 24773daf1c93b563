package store

import (
	"context"
	"fmt"
	"time"
)

// RoutingRule is a stored routing rule. Conditions and Actions are JSON
// objects that package routing reads and writes.
type RoutingRule struct {
	ID         int64
	Position   int
	Name       string
	Active     bool
	Conditions string
	Actions    string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

const routingColumns = "id, position, name, active, conditions, actions, created_at, updated_at"

func scanRoutingRule(row interface{ Scan(...any) error }) (*RoutingRule, error) {
	var r RoutingRule
	if err := row.Scan(&r.ID, &r.Position, &r.Name, &r.Active, &r.Conditions, &r.Actions, &r.CreatedAt, &r.UpdatedAt); err != nil {
		return nil, notFound(err)
	}
	r.CreatedAt, r.UpdatedAt = utc(r.CreatedAt), utc(r.UpdatedAt)
	return &r, nil
}

// RoutingRules lists the routing rules in the order they are tried.
func (q *Queries) RoutingRules(ctx context.Context) ([]*RoutingRule, error) {
	rows, err := q.db.QueryContext(ctx, "SELECT "+routingColumns+" FROM routing_rules ORDER BY position, id")
	if err != nil {
		return nil, fmt.Errorf("store: routing rules: %w", err)
	}
	defer rows.Close()
	var out []*RoutingRule
	for rows.Next() {
		r, err := scanRoutingRule(rows)
		if err != nil {
			return nil, fmt.Errorf("store: routing rules: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// RoutingRule reads one routing rule.
func (q *Queries) RoutingRule(ctx context.Context, id int64) (*RoutingRule, error) {
	r, err := scanRoutingRule(q.db.QueryRowContext(ctx, "SELECT "+routingColumns+" FROM routing_rules WHERE id = $1", id))
	if err != nil {
		return nil, fmt.Errorf("store: routing rule %d: %w", id, err)
	}
	return r, nil
}

// CreateRoutingRule adds r after the last rule and returns its id.
func (q *Queries) CreateRoutingRule(ctx context.Context, r *RoutingRule) (int64, error) {
	now := Now()
	var id int64
	err := q.db.QueryRowContext(ctx, `INSERT INTO routing_rules (position, name, active, conditions, actions, created_at, updated_at)
		VALUES ((SELECT COALESCE(MAX(position), 0) + 1 FROM routing_rules), $1, $2, $3, $4, $5, $5) RETURNING id`,
		r.Name, r.Active, r.Conditions, r.Actions, now).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: create routing rule: %w", err)
	}
	return id, nil
}

// UpdateRoutingRule changes the name, state, conditions and actions of
// rule r.ID; its place in the order stays.
func (q *Queries) UpdateRoutingRule(ctx context.Context, r *RoutingRule) error {
	res, err := q.db.ExecContext(ctx, `UPDATE routing_rules SET name = $1, active = $2, conditions = $3, actions = $4, updated_at = $5
		WHERE id = $6`, r.Name, r.Active, r.Conditions, r.Actions, Now(), r.ID)
	if err != nil {
		return fmt.Errorf("store: update routing rule: %w", err)
	}
	return rowsOrNotFound(res, "routing rule", r.ID)
}

// DeleteRoutingRule removes a routing rule.
func (q *Queries) DeleteRoutingRule(ctx context.Context, id int64) error {
	res, err := q.db.ExecContext(ctx, "DELETE FROM routing_rules WHERE id = $1", id)
	if err != nil {
		return fmt.Errorf("store: delete routing rule: %w", err)
	}
	return rowsOrNotFound(res, "routing rule", id)
}

// MoveRoutingRule swaps rule id with the rule before it (up) or after it
// and numbers the rules 1, 2, 3, … in their new order. A rule already
// first (or last) stays. Run it in a transaction, so that two moves at
// once do not interleave.
func (q *Queries) MoveRoutingRule(ctx context.Context, id int64, up bool) error {
	rules, err := q.RoutingRules(ctx)
	if err != nil {
		return err
	}
	i := -1
	for k, r := range rules {
		if r.ID == id {
			i = k
		}
	}
	if i < 0 {
		return fmt.Errorf("store: move routing rule %d: %w", id, errNotFound)
	}
	j := i + 1
	if up {
		j = i - 1
	}
	if j >= 0 && j < len(rules) {
		rules[i], rules[j] = rules[j], rules[i]
	}
	for k, r := range rules {
		if r.Position == k+1 {
			continue
		}
		if _, err := q.db.ExecContext(ctx, "UPDATE routing_rules SET position = $1 WHERE id = $2", k+1, r.ID); err != nil {
			return fmt.Errorf("store: move routing rule: %w", err)
		}
	}
	return nil
}
