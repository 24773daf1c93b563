package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"supportal/internal/model"
)

// UnitBookingsIn lists the entries of several ledgers at once, each range
// the newest first and at most limit entries of it (0: no limit), keyed
// by contract: what UnitBookings does for one contract, in one query per
// unitRangesPerQuery ranges, so a page of many contracts costs as much as
// one. A zero From or To leaves that end of a range open.
func (q *Queries) UnitBookingsIn(ctx context.Context, ranges []UnitRange, limit int) (map[int64][]model.UnitBooking, error) {
	out := map[int64][]model.UnitBooking{}
	for chunk := range slices.Chunk(ranges, unitRangesPerQuery) {
		if err := q.addUnitBookings(ctx, chunk, limit, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// addUnitBookings reads the entries of ranges into out. As in
// addUnitsBooked, the ranges are a VALUES list joined to the ledger; a
// window numbers each contract's entries so the limit holds per contract.
func (q *Queries) addUnitBookings(ctx context.Context, ranges []UnitRange, limit int, out map[int64][]model.UnitBooking) error {
	args := make([]any, 0, 3*len(ranges))
	rows := make([]string, 0, len(ranges))
	for _, r := range ranges {
		var from, to any
		if !r.From.IsZero() {
			from = r.From.UTC()
		}
		if !r.To.IsZero() {
			to = r.To.UTC()
		}
		args = append(args, r.ContractID, from, to)
		n := len(args)
		rows = append(rows, "("+q.d.param(n-2, "BIGINT")+", "+q.d.param(n-1, "TIMESTAMPTZ")+", "+q.d.param(n, "TIMESTAMPTZ")+")")
	}
	limited := ""
	if limit > 0 {
		limited = fmt.Sprintf(" WHERE p.n <= %d", limit) // a number of the code, not of the user
	}
	query := `WITH r (contract_id, from_at, to_at) AS (VALUES ` + strings.Join(rows, ", ") + `),
		p AS (SELECT b.id, b.contract_id, b.booked_at, b.units, b.ticket_id, b.user_id, b.note, b.created_at,
			ROW_NUMBER() OVER (PARTITION BY b.contract_id ORDER BY b.booked_at DESC, b.id DESC) AS n
			FROM r CROSS JOIN unit_bookings b WHERE b.contract_id = r.contract_id
				AND (r.from_at IS NULL OR b.booked_at >= r.from_at) AND (r.to_at IS NULL OR b.booked_at < r.to_at))
		SELECT p.id, p.contract_id, p.booked_at, p.units, p.ticket_id, COALESCE(t.number, 0), p.user_id, COALESCE(u.name, ''),
			p.note, p.created_at FROM p LEFT JOIN tickets t ON t.id = p.ticket_id LEFT JOIN users u ON u.id = p.user_id` +
		limited + ` ORDER BY p.contract_id, p.booked_at DESC, p.id DESC`
	res, err := q.db.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("store: bookings of contracts: %w", err)
	}
	defer res.Close()
	for res.Next() {
		var b model.UnitBooking
		var ticket, user sql.NullInt64
		if err := res.Scan(&b.ID, &b.ContractID, &b.BookedAt, &b.Units, &ticket, &b.TicketNumber, &user, &b.UserName,
			&b.Note, &b.CreatedAt); err != nil {
			return fmt.Errorf("store: bookings of contracts: %w", err)
		}
		b.TicketID, b.UserID = idOrZero(ticket), idOrZero(user)
		b.BookedAt, b.CreatedAt = utc(b.BookedAt), utc(b.CreatedAt)
		out[b.ContractID] = append(out[b.ContractID], b)
	}
	return res.Err()
}
