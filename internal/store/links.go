package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// A link row (ticket_id, other_id, kind) says what the other ticket is to
// the ticket: on a customer ticket, its technical ticket is "technical";
// on the technical ticket, the customer ticket is "customer". Every link
// is stored in both directions, each with its own kind.

// LinkPair links tickets a and b: b is kindAB of a, and a is kindBA of b.
// Linking a pair again replaces its kinds.
func (q *Queries) LinkPair(ctx context.Context, a, b int64, kindAB, kindBA string) error {
	now := Now()
	for _, row := range []struct {
		from, to int64
		kind     string
	}{{a, b, kindAB}, {b, a, kindBA}} {
		_, err := q.db.ExecContext(ctx, `INSERT INTO ticket_links (ticket_id, other_id, kind, created_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (ticket_id, other_id) DO UPDATE SET kind = excluded.kind, created_at = excluded.created_at`,
			row.from, row.to, row.kind, now)
		if err != nil {
			return fmt.Errorf("store: link tickets %d and %d: %w", a, b, err)
		}
	}
	return nil
}

// Unlink removes the link between tickets a and b in both directions.
func (q *Queries) Unlink(ctx context.Context, a, b int64) error {
	_, err := q.db.ExecContext(ctx, `DELETE FROM ticket_links WHERE (ticket_id = $1 AND other_id = $2) OR (ticket_id = $2 AND other_id = $1)`, a, b)
	if err != nil {
		return fmt.Errorf("store: unlink tickets %d and %d: %w", a, b, err)
	}
	return nil
}

// LinkKind is what ticket other is to ticket id, or model.ErrNotFound when
// they are not linked.
func (q *Queries) LinkKind(ctx context.Context, id, other int64) (string, error) {
	var kind string
	err := q.db.QueryRowContext(ctx, "SELECT kind FROM ticket_links WHERE ticket_id = $1 AND other_id = $2", id, other).Scan(&kind)
	if err != nil {
		return "", fmt.Errorf("store: link of tickets %d and %d: %w", id, other, notFound(err))
	}
	return kind, nil
}

// LinkedIDs lists the ids of the tickets that are kind to ticket id.
func (q *Queries) LinkedIDs(ctx context.Context, id int64, kind string) ([]int64, error) {
	ids, err := q.int64s(ctx, "SELECT other_id FROM ticket_links WHERE ticket_id = $1 AND kind = $2 ORDER BY other_id", id, kind)
	if err != nil {
		return nil, fmt.Errorf("store: tickets linked to %d as %s: %w", id, kind, err)
	}
	return ids, nil
}

// OpenLinked reports whether a ticket that is kind to ticket id, other
// than except, is neither resolved nor closed.
func (q *Queries) OpenLinked(ctx context.Context, id int64, kind string, except int64) (bool, error) {
	var n int64
	err := q.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM ticket_links l
		JOIN tickets o ON o.id = l.other_id JOIN statuses s ON s.id = o.status_id
		WHERE l.ticket_id = $1 AND l.kind = $2 AND l.other_id <> $3 AND s.category NOT IN ('resolved', 'closed')`, id, kind, except).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: open tickets linked to %d: %w", id, err)
	}
	return n > 0, nil
}

// MoveMessages moves every message of ticket from, with its attachments,
// to ticket to.
func (q *Queries) MoveMessages(ctx context.Context, from, to int64) error {
	if _, err := q.db.ExecContext(ctx, "UPDATE messages SET ticket_id = $1 WHERE ticket_id = $2", to, from); err != nil {
		return fmt.Errorf("store: move messages of ticket %d to %d: %w", from, to, err)
	}
	return nil
}

// MoveMessage moves one message, with its attachments, to ticket to.
func (q *Queries) MoveMessage(ctx context.Context, id, to int64) error {
	if _, err := q.db.ExecContext(ctx, "UPDATE messages SET ticket_id = $1 WHERE id = $2", to, id); err != nil {
		return fmt.Errorf("store: move message %d to ticket %d: %w", id, to, err)
	}
	return nil
}

// CountMessages counts the messages of ticket id.
func (q *Queries) CountMessages(ctx context.Context, id int64) (int64, error) {
	var n int64
	if err := q.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM messages WHERE ticket_id = $1", id).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count messages of ticket %d: %w", id, err)
	}
	return n, nil
}

// SetMergedInto records that ticket id was merged into ticket into.
func (q *Queries) SetMergedInto(ctx context.Context, id, into int64, at time.Time) error {
	_, err := q.db.ExecContext(ctx, "UPDATE tickets SET merged_into_id = $1, updated_at = $2 WHERE id = $3", into, at, id)
	if err != nil {
		return fmt.Errorf("store: merge ticket %d into %d: %w", id, into, err)
	}
	return nil
}

// MergedInto returns the number of the ticket that ticket id was merged
// into, 0 when it was not merged.
func (q *Queries) MergedInto(ctx context.Context, id int64) (int64, error) {
	var number sql.NullInt64
	err := q.db.QueryRowContext(ctx, `SELECT s.number FROM tickets t LEFT JOIN tickets s ON s.id = t.merged_into_id WHERE t.id = $1`, id).Scan(&number)
	if err != nil {
		return 0, fmt.Errorf("store: merged ticket %d: %w", id, notFound(err))
	}
	return number.Int64, nil
}

// maxMergeChain bounds how many merges Survivor follows.
const maxMergeChain = 16

// Survivor returns the number of the ticket that now holds the messages
// of ticket number: the ticket itself, or the end of its merges. A
// missing ticket is model.ErrNotFound.
func (q *Queries) Survivor(ctx context.Context, number int64) (int64, error) {
	for range maxMergeChain {
		var next sql.NullInt64
		err := q.db.QueryRowContext(ctx, `SELECT s.number FROM tickets t LEFT JOIN tickets s ON s.id = t.merged_into_id WHERE t.number = $1`, number).Scan(&next)
		if err != nil {
			return 0, fmt.Errorf("store: survivor of ticket %d: %w", number, notFound(err))
		}
		if !next.Valid {
			return number, nil
		}
		number = next.Int64
	}
	return 0, fmt.Errorf("store: survivor of ticket %d: %w", number, errors.New("merge chain too long"))
}
