package store

import (
	"context"
	"fmt"
	"time"
)

// Presence is an agent who has a ticket open in the desk, as of SeenAt.
type Presence struct {
	UserID    int64
	Name      string
	Composing bool // writing a reply
	SeenAt    time.Time
}

// SeePresence records that user has ticket open now (at), writing a reply
// or not, and drops the ticket's rows last seen before stale: each ticket
// cleans up after itself as it is viewed. Both statements work on the
// primary key (ticket_id, user_id).
func (q *Queries) SeePresence(ctx context.Context, ticketID, userID int64, composing bool, at, stale time.Time) error {
	_, err := q.db.ExecContext(ctx, `INSERT INTO ticket_presence (ticket_id, user_id, composing, seen_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (ticket_id, user_id) DO UPDATE SET composing = excluded.composing, seen_at = excluded.seen_at`,
		ticketID, userID, composing, at)
	if err != nil {
		return fmt.Errorf("store: presence on ticket %d: %w", ticketID, err)
	}
	if _, err := q.db.ExecContext(ctx, "DELETE FROM ticket_presence WHERE ticket_id = $1 AND seen_at < $2", ticketID, stale); err != nil {
		return fmt.Errorf("store: stale presence on ticket %d: %w", ticketID, err)
	}
	return nil
}

// PresentOthers lists who other than userID was seen on ticket at or after
// since, by name. The lookup runs on the primary key's ticket_id prefix.
func (q *Queries) PresentOthers(ctx context.Context, ticketID, userID int64, since time.Time) ([]Presence, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT p.user_id, u.name, p.composing, p.seen_at
		FROM ticket_presence p JOIN users u ON u.id = p.user_id
		WHERE p.ticket_id = $1 AND p.user_id <> $2 AND p.seen_at >= $3 ORDER BY u.name, p.user_id`, ticketID, userID, since)
	if err != nil {
		return nil, fmt.Errorf("store: presence on ticket %d: %w", ticketID, err)
	}
	defer rows.Close()
	var out []Presence
	for rows.Next() {
		var p Presence
		if err := rows.Scan(&p.UserID, &p.Name, &p.Composing, &p.SeenAt); err != nil {
			return nil, fmt.Errorf("store: presence on ticket %d: %w", ticketID, err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: presence on ticket %d: %w", ticketID, err)
	}
	return out, nil
}

// DeleteStalePresence removes every presence row last seen before
// stale, for tickets nobody has opened since; it returns how many.
func (q *Queries) DeleteStalePresence(ctx context.Context, stale time.Time) (int64, error) {
	res, err := q.db.ExecContext(ctx, "DELETE FROM ticket_presence WHERE seen_at < $1", stale)
	if err != nil {
		return 0, fmt.Errorf("store: stale presence: %w", err)
	}
	return res.RowsAffected()
}
