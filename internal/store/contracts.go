package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"supportal/internal/model"
)

// ContractInput is what CreateContract and UpdateContract store.
type ContractInput struct {
	Name        string
	StartsAt    time.Time
	EndsAt      time.Time // zero: open-ended
	Period      model.Period
	Units       int64
	UnitMinutes int64
	Notes       string
}

// nullTime maps the zero time to NULL for optional times.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// CreateContract stores a new contract of organization orgID and returns
// its id.
func (q *Queries) CreateContract(ctx context.Context, orgID int64, c ContractInput) (int64, error) {
	now := Now()
	var id int64
	err := q.db.QueryRowContext(ctx, `INSERT INTO contracts (org_id, name, starts_at, ends_at, period, units, unit_minutes, notes, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
		orgID, c.Name, c.StartsAt.UTC(), nullTime(c.EndsAt), string(c.Period), c.Units, c.UnitMinutes, c.Notes, now).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: create contract of organization %d: %w", orgID, err)
	}
	return id, nil
}

// UpdateContract changes a contract's terms; its organization stays. A
// missing contract is model.ErrNotFound.
func (q *Queries) UpdateContract(ctx context.Context, id int64, c ContractInput) error {
	res, err := q.db.ExecContext(ctx, `UPDATE contracts SET name = $1, starts_at = $2, ends_at = $3, period = $4, units = $5,
		unit_minutes = $6, notes = $7, updated_at = $8 WHERE id = $9`,
		c.Name, c.StartsAt.UTC(), nullTime(c.EndsAt), string(c.Period), c.Units, c.UnitMinutes, c.Notes, Now(), id)
	if err != nil {
		return fmt.Errorf("store: update contract %d: %w", id, err)
	}
	return rowsOrNotFound(res, "contract", id)
}

const contractColumns = `c.id, c.org_id, o.name, c.name, c.starts_at, c.ends_at, c.period, c.units, c.unit_minutes, c.notes,
	c.created_at, c.updated_at FROM contracts c JOIN organizations o ON o.id = c.org_id `

func scanContract(row interface{ Scan(...any) error }) (*model.Contract, error) {
	var c model.Contract
	var ends sql.NullTime
	var period string
	err := row.Scan(&c.ID, &c.OrgID, &c.OrgName, &c.Name, &c.StartsAt, &ends, &period, &c.Units, &c.UnitMinutes, &c.Notes,
		&c.CreatedAt, &c.UpdatedAt)
	if err != nil {
		return nil, err
	}
	c.Period = model.Period(period)
	c.StartsAt, c.CreatedAt, c.UpdatedAt = utc(c.StartsAt), utc(c.CreatedAt), utc(c.UpdatedAt)
	if ends.Valid {
		c.EndsAt = utc(ends.Time)
	}
	return &c, nil
}

// Contract reads one contract. It does not check who asks: callers ask
// authz.Contracts with its organization.
func (q *Queries) Contract(ctx context.Context, id int64) (*model.Contract, error) {
	c, err := scanContract(q.db.QueryRowContext(ctx, "SELECT "+contractColumns+"WHERE c.id = $1", id))
	if err != nil {
		return nil, fmt.Errorf("store: contract %d: %w", id, notFound(err))
	}
	return c, nil
}

// ContractsOf lists the contracts of an organization, the latest start
// first.
func (q *Queries) ContractsOf(ctx context.Context, orgID int64) ([]*model.Contract, error) {
	rows, err := q.db.QueryContext(ctx, "SELECT "+contractColumns+"WHERE c.org_id = $1 ORDER BY c.starts_at DESC, c.id DESC", orgID)
	if err != nil {
		return nil, fmt.Errorf("store: contracts of organization %d: %w", orgID, err)
	}
	defer rows.Close()
	var out []*model.Contract
	for rows.Next() {
		c, err := scanContract(rows)
		if err != nil {
			return nil, fmt.Errorf("store: contracts of organization %d: %w", orgID, err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// NewUnitBooking is one entry for a contract's ledger.
type NewUnitBooking struct {
	ContractID int64
	BookedAt   time.Time
	Units      int64 // positive: used; negative: credited back
	TicketID   int64 // 0: none
	UserID     int64
	Note       string
}

// AddUnitBooking writes an entry to a contract's ledger and returns its id.
func (q *Queries) AddUnitBooking(ctx context.Context, b NewUnitBooking) (int64, error) {
	var id int64
	err := q.db.QueryRowContext(ctx, `INSERT INTO unit_bookings (contract_id, booked_at, units, ticket_id, user_id, note, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		b.ContractID, b.BookedAt.UTC(), b.Units, nullID(b.TicketID), nullID(b.UserID), b.Note, Now()).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: book units on contract %d: %w", b.ContractID, err)
	}
	return id, nil
}

// BookingFilter selects entries of one contract's ledger.
type BookingFilter struct {
	ContractID int64
	From, To   time.Time // booked in [From, To); a zero bound is open
	Limit      int       // at most this many, the newest; 0: no limit
}

// UnitBookings lists entries of a contract's ledger, the newest first,
// with the number of the ticket and the name of the user they name.
func (q *Queries) UnitBookings(ctx context.Context, f BookingFilter) ([]model.UnitBooking, error) {
	w := &where{}
	w.add("b.contract_id = ?", f.ContractID)
	if !f.From.IsZero() {
		w.add("b.booked_at >= ?", f.From.UTC())
	}
	if !f.To.IsZero() {
		w.add("b.booked_at < ?", f.To.UTC())
	}
	query := `SELECT b.id, b.contract_id, b.booked_at, b.units, b.ticket_id, COALESCE(t.number, 0), b.user_id, COALESCE(u.name, ''),
		b.note, b.created_at FROM unit_bookings b LEFT JOIN tickets t ON t.id = b.ticket_id LEFT JOIN users u ON u.id = b.user_id` +
		w.String() + " ORDER BY b.booked_at DESC, b.id DESC"
	if f.Limit > 0 {
		query += " LIMIT " + w.arg(f.Limit)
	}
	rows, err := q.db.QueryContext(ctx, query, w.args...)
	if err != nil {
		return nil, fmt.Errorf("store: bookings of contract %d: %w", f.ContractID, err)
	}
	defer rows.Close()
	var out []model.UnitBooking
	for rows.Next() {
		var b model.UnitBooking
		var ticket, user sql.NullInt64
		if err := rows.Scan(&b.ID, &b.ContractID, &b.BookedAt, &b.Units, &ticket, &b.TicketNumber, &user, &b.UserName,
			&b.Note, &b.CreatedAt); err != nil {
			return nil, fmt.Errorf("store: bookings of contract %d: %w", f.ContractID, err)
		}
		b.TicketID, b.UserID = idOrZero(ticket), idOrZero(user)
		b.BookedAt, b.CreatedAt = utc(b.BookedAt), utc(b.CreatedAt)
		out = append(out, b)
	}
	return out, rows.Err()
}

// UnitRange is a span of one contract's ledger to add up.
type UnitRange struct {
	ContractID int64
	From, To   time.Time // [From, To); a zero To is open
}

// unitRangesPerQuery bounds the ranges one query adds up, three
// parameters each, well below SQLite's limit of 32766 parameters.
const unitRangesPerQuery = 1000

// UnitsBooked adds up the units booked in each range, in one query per
// unitRangesPerQuery ranges (each contract has its own period, so the
// ranges differ). A contract with nothing booked in its range is missing
// from the map.
func (q *Queries) UnitsBooked(ctx context.Context, ranges []UnitRange) (map[int64]int64, error) {
	out := map[int64]int64{}
	for chunk := range slices.Chunk(ranges, unitRangesPerQuery) {
		if err := q.addUnitsBooked(ctx, chunk, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// addUnitsBooked adds the sums of ranges to out. The ranges are a VALUES
// list joined to the ledger, so each is one probe of the index on
// (contract_id, booked_at); CROSS JOIN keeps SQLite from scanning the
// ledger instead. A chain of OR conditions costs several times more on
// both engines, and SQLite refuses one of more than 1000 terms.
func (q *Queries) addUnitsBooked(ctx context.Context, ranges []UnitRange, out map[int64]int64) error {
	args := make([]any, 0, 3*len(ranges))
	rows := make([]string, 0, len(ranges))
	for _, r := range ranges {
		var to any
		if !r.To.IsZero() {
			to = r.To.UTC()
		}
		args = append(args, r.ContractID, r.From.UTC(), to)
		n := len(args)
		rows = append(rows, "("+q.d.param(n-2, "BIGINT")+", "+q.d.param(n-1, "TIMESTAMPTZ")+", "+q.d.param(n, "TIMESTAMPTZ")+")")
	}
	query := `WITH r (contract_id, from_at, to_at) AS (VALUES ` + strings.Join(rows, ", ") + `)
		SELECT b.contract_id, SUM(b.units) FROM r CROSS JOIN unit_bookings b WHERE b.contract_id = r.contract_id
			AND b.booked_at >= r.from_at AND (r.to_at IS NULL OR b.booked_at < r.to_at)
		GROUP BY b.contract_id`
	res, err := q.db.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("store: units booked: %w", err)
	}
	defer res.Close()
	for res.Next() {
		var id, sum int64
		if err := res.Scan(&id, &sum); err != nil {
			return fmt.Errorf("store: units booked: %w", err)
		}
		out[id] += sum
	}
	return res.Err()
}

// TicketsByID reads the tickets with these ids, with their participants,
// in two queries; ids that do not exist are left out. It does not check
// who asks: callers pass each ticket to authz.Ticket.
func (q *Queries) TicketsByID(ctx context.Context, ids []int64) ([]*model.Ticket, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	w := &where{}
	w.add("t.id IN ("+in(len(ids))+")", args...)
	rows, err := q.db.QueryContext(ctx, "SELECT "+ticketColumns+ticketFrom+w.String(), w.args...)
	if err != nil {
		return nil, fmt.Errorf("store: tickets by id: %w", err)
	}
	defer rows.Close()
	byID := map[int64]*model.Ticket{}
	var out []*model.Ticket
	for rows.Next() {
		t, err := scanTicket(rows)
		if err != nil {
			return nil, fmt.Errorf("store: tickets by id: %w", err)
		}
		byID[t.ID] = t
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: tickets by id: %w", err)
	}
	rows.Close()
	p := &where{}
	p.add("ticket_id IN ("+in(len(ids))+")", args...)
	prows, err := q.db.QueryContext(ctx, "SELECT ticket_id, user_id FROM ticket_participants"+p.String()+" ORDER BY ticket_id, user_id", p.args...)
	if err != nil {
		return nil, fmt.Errorf("store: participants of tickets: %w", err)
	}
	defer prows.Close()
	for prows.Next() {
		var tid, uid int64
		if err := prows.Scan(&tid, &uid); err != nil {
			return nil, fmt.Errorf("store: participants of tickets: %w", err)
		}
		if t := byID[tid]; t != nil {
			t.Participants = append(t.Participants, uid)
		}
	}
	return out, prows.Err()
}
