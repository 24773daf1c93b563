package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"supportal/internal/model"
)

// TimeEntry is time an agent worked on a ticket, with the units its
// booking took from a contract when it was billable and a contract
// covered it.
type TimeEntry struct {
	ID           int64
	TicketID     int64
	UserID       int64 // 0 once that user is gone
	UserName     string
	WorkedAt     time.Time
	Minutes      int64
	Billable     bool
	Note         string
	BookingID    int64 // 0: no units booked
	Units        int64 // units of the booking
	ContractID   int64 // the contract booked on; 0: none
	ContractName string
	CreatedAt    time.Time
}

// NewTimeEntry is what CreateTimeEntry stores.
type NewTimeEntry struct {
	TicketID  int64
	UserID    int64
	WorkedAt  time.Time
	Minutes   int64
	Billable  bool
	Note      string
	BookingID int64 // 0: none
}

// CreateTimeEntry stores a time entry and returns its id.
func (q *Queries) CreateTimeEntry(ctx context.Context, n NewTimeEntry) (int64, error) {
	var id int64
	err := q.db.QueryRowContext(ctx, `INSERT INTO time_entries (ticket_id, user_id, worked_at, minutes, billable, note, booking_id, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		n.TicketID, nullID(n.UserID), n.WorkedAt.UTC(), n.Minutes, n.Billable, n.Note, nullID(n.BookingID), Now()).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: time entry on ticket %d: %w", n.TicketID, err)
	}
	return id, nil
}

const timeEntrySelect = `SELECT e.id, e.ticket_id, e.user_id, COALESCE(u.name, ''), e.worked_at, e.minutes, e.billable, e.note,
	e.booking_id, COALESCE(b.units, 0), COALESCE(c.id, 0), COALESCE(c.name, ''), e.created_at
	FROM time_entries e LEFT JOIN users u ON u.id = e.user_id
	LEFT JOIN unit_bookings b ON b.id = e.booking_id LEFT JOIN contracts c ON c.id = b.contract_id `

func scanTimeEntry(row interface{ Scan(...any) error }) (*TimeEntry, error) {
	var e TimeEntry
	var user, booking sql.NullInt64
	err := row.Scan(&e.ID, &e.TicketID, &user, &e.UserName, &e.WorkedAt, &e.Minutes, &e.Billable, &e.Note,
		&booking, &e.Units, &e.ContractID, &e.ContractName, &e.CreatedAt)
	if err != nil {
		return nil, err
	}
	e.UserID, e.BookingID = idOrZero(user), idOrZero(booking)
	e.WorkedAt, e.CreatedAt = utc(e.WorkedAt), utc(e.CreatedAt)
	return &e, nil
}

// TimeEntry reads one time entry. It does not check who asks: callers
// check the ticket it belongs to.
func (q *Queries) TimeEntry(ctx context.Context, id int64) (*TimeEntry, error) {
	e, err := scanTimeEntry(q.db.QueryRowContext(ctx, timeEntrySelect+"WHERE e.id = $1", id))
	if err != nil {
		return nil, fmt.Errorf("store: time entry %d: %w", id, notFound(err))
	}
	return e, nil
}

// TimeEntries lists the time entries of a ticket in the order the work
// was done.
func (q *Queries) TimeEntries(ctx context.Context, ticketID int64) ([]TimeEntry, error) {
	rows, err := q.db.QueryContext(ctx, timeEntrySelect+"WHERE e.ticket_id = $1 ORDER BY e.worked_at, e.id", ticketID)
	if err != nil {
		return nil, fmt.Errorf("store: time entries of ticket %d: %w", ticketID, err)
	}
	defer rows.Close()
	var out []TimeEntry
	for rows.Next() {
		e, err := scanTimeEntry(rows)
		if err != nil {
			return nil, fmt.Errorf("store: time entries of ticket %d: %w", ticketID, err)
		}
		out = append(out, *e)
	}
	return out, rows.Err()
}

// DeleteTimeEntry removes a time entry; its booking stays (see
// DeleteUnitBooking). A missing entry is model.ErrNotFound.
func (q *Queries) DeleteTimeEntry(ctx context.Context, id int64) error {
	res, err := q.db.ExecContext(ctx, "DELETE FROM time_entries WHERE id = $1", id)
	if err != nil {
		return fmt.Errorf("store: delete time entry %d: %w", id, err)
	}
	return rowsOrNotFound(res, "time entry", id)
}

// DeleteUnitBooking removes an entry of a contract's ledger, so that its
// units count no more. A missing entry is model.ErrNotFound.
func (q *Queries) DeleteUnitBooking(ctx context.Context, id int64) error {
	res, err := q.db.ExecContext(ctx, "DELETE FROM unit_bookings WHERE id = $1", id)
	if err != nil {
		return fmt.Errorf("store: delete booking %d: %w", id, err)
	}
	return rowsOrNotFound(res, "booking", id)
}

// MarkUnitsLowWarned records that the organization of a contract was told
// that its units run low in the period starting at period. It reports
// false when that was already recorded for this period, so that of two
// bookings at once only one warns.
func (q *Queries) MarkUnitsLowWarned(ctx context.Context, contractID int64, period time.Time) (bool, error) {
	res, err := q.db.ExecContext(ctx, `UPDATE contracts SET low_warned_period = $1
		WHERE id = $2 AND (low_warned_period IS NULL OR low_warned_period <> $1)`, period.UTC(), contractID)
	if err != nil {
		return false, fmt.Errorf("store: units warning of contract %d: %w", contractID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: units warning of contract %d: %w", contractID, err)
	}
	return n > 0, nil
}

// UnitsLowRecipients lists who is told that an organization's units run
// low: its active contacts with the right to manage it (portal admins)
// and its responsible agent, if it has one who is active. Rights are
// not checked beyond that; callers ask authz.
func (q *Queries) UnitsLowRecipients(ctx context.Context, orgID int64) ([]*model.User, error) {
	contacts, err := q.OrgContacts(ctx, orgID)
	if err != nil {
		return nil, err
	}
	var out []*model.User
	for _, u := range contacts {
		if u.Active && u.IsContact() && u.Rights.Has(model.RightManageOrg) {
			out = append(out, u)
		}
	}
	var agentID sql.NullInt64
	err = q.db.QueryRowContext(ctx, "SELECT responsible_agent_id FROM organizations WHERE id = $1", orgID).Scan(&agentID)
	if err != nil {
		return nil, fmt.Errorf("store: responsible agent of organization %d: %w", orgID, notFound(err))
	}
	if !agentID.Valid {
		return out, nil
	}
	agent, err := q.User(ctx, agentID.Int64)
	if err != nil {
		return nil, err
	}
	if agent.Active && agent.IsAgent() {
		out = append(out, agent)
	}
	return out, nil
}
