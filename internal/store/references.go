package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Sources of a ticket reference.
const (
	ReferenceFound  = "found"  // the configured pattern found it in a ticket's text
	ReferenceManual = "manual" // an agent added it
)

// TicketReference is an order or reference number of a ticket.
type TicketReference struct {
	ID            int64
	TicketID      int64
	Value         string
	Source        string // ReferenceFound or ReferenceManual
	CreatedBy     int64  // 0: found, or that user is gone
	CreatedByName string
	CreatedAt     time.Time
}

// TicketReferences lists the references of a ticket, oldest first.
func (q *Queries) TicketReferences(ctx context.Context, ticketID int64) ([]TicketReference, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT r.id, r.ticket_id, r.value, r.source, r.created_by, COALESCE(u.name, ''), r.created_at
		FROM ticket_references r LEFT JOIN users u ON u.id = r.created_by
		WHERE r.ticket_id = $1 ORDER BY r.created_at, r.id`, ticketID)
	if err != nil {
		return nil, fmt.Errorf("store: references of ticket %d: %w", ticketID, err)
	}
	defer rows.Close()
	var out []TicketReference
	for rows.Next() {
		var r TicketReference
		var by sql.NullInt64
		if err := rows.Scan(&r.ID, &r.TicketID, &r.Value, &r.Source, &by, &r.CreatedByName, &r.CreatedAt); err != nil {
			return nil, err
		}
		r.CreatedBy, r.CreatedAt = idOrZero(by), utc(r.CreatedAt)
		out = append(out, r)
	}
	return out, rows.Err()
}

// TicketReferenceValues returns the reference values of the tickets ids,
// by ticket id, each ticket's oldest first.
func (q *Queries) TicketReferenceValues(ctx context.Context, ids []int64) (map[int64][]string, error) {
	out := map[int64][]string{}
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	var w where
	w.add("ticket_id IN ("+in(len(args))+")", args...)
	rows, err := q.db.QueryContext(ctx, "SELECT ticket_id, value FROM ticket_references WHERE "+w.parts[0]+" ORDER BY ticket_id, created_at, id", w.args...)
	if err != nil {
		return nil, fmt.Errorf("store: reference values: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var v string
		if err := rows.Scan(&id, &v); err != nil {
			return nil, err
		}
		out[id] = append(out[id], v)
	}
	return out, rows.Err()
}

// CountTicketReferences counts the references of a ticket.
func (q *Queries) CountTicketReferences(ctx context.Context, ticketID int64) (int, error) {
	var n int
	err := q.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM ticket_references WHERE ticket_id = $1", ticketID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: count references of ticket %d: %w", ticketID, err)
	}
	return n, nil
}

// NewTicketReference is what AddTicketReference stores.
type NewTicketReference struct {
	TicketID  int64
	Value     string
	Source    string
	CreatedBy int64 // 0: nobody (found)
}

// AddTicketReference stores a reference of a ticket and returns its id;
// added is false, and id 0, when the ticket has that value already.
func (q *Queries) AddTicketReference(ctx context.Context, n NewTicketReference) (id int64, added bool, err error) {
	err = q.db.QueryRowContext(ctx, `INSERT INTO ticket_references (ticket_id, value, source, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (ticket_id, value) DO NOTHING RETURNING id`,
		n.TicketID, n.Value, n.Source, nullID(n.CreatedBy), Now()).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("store: reference %q of ticket %d: %w", n.Value, n.TicketID, err)
	}
	return id, true, nil
}

// DeleteTicketReference removes reference id of a ticket and returns its
// value; one of another ticket is model.ErrNotFound.
func (q *Queries) DeleteTicketReference(ctx context.Context, ticketID, id int64) (string, error) {
	var v string
	err := q.db.QueryRowContext(ctx, "DELETE FROM ticket_references WHERE id = $1 AND ticket_id = $2 RETURNING value", id, ticketID).Scan(&v)
	if err != nil {
		return "", fmt.Errorf("store: delete reference %d of ticket %d: %w", id, ticketID, notFound(err))
	}
	return v, nil
}
