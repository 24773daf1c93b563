package contract

import (
	"context"
	"fmt"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/store"
)

// CurrentBookings lists the entries of the current period of each active
// contract in list, at most BookingsShown each, keyed by contract: what
// Bookings(…, true) gives for one contract, in two queries for all of
// them, so a page of many contracts costs as much as one.
func (s *Service) CurrentBookings(ctx context.Context, viewer *model.User, list []Summary) (map[int64][]Booking, error) {
	var ranges []store.UnitRange
	for _, c := range list {
		if !authz.Contracts(viewer, c.OrgID) {
			return nil, fmt.Errorf("contract: bookings of %d: %w", c.ID, model.ErrNotFound)
		}
		if c.Active {
			ranges = append(ranges, store.UnitRange{ContractID: c.ID, From: c.From, To: c.To})
		}
	}
	if len(ranges) == 0 {
		return map[int64][]Booking{}, nil
	}
	ledgers, err := s.st.UnitBookingsIn(ctx, ranges, BookingsShown)
	if err != nil {
		return nil, err
	}
	var all []model.UnitBooking
	for _, l := range ledgers {
		all = append(all, l...)
	}
	visible, err := s.ticketsVisible(ctx, viewer, all)
	if err != nil {
		return nil, err
	}
	out := make(map[int64][]Booking, len(ledgers))
	for id, l := range ledgers {
		bs := make([]Booking, len(l))
		for i, b := range l {
			bs[i] = Booking{UnitBooking: b, TicketVisible: visible[b.TicketID]}
		}
		out[id] = bs
	}
	return out, nil
}

// ticketsVisible reads the tickets the entries name, in one query, and
// says which of them the viewer may open.
func (s *Service) ticketsVisible(ctx context.Context, viewer *model.User, list []model.UnitBooking) (map[int64]bool, error) {
	var ids []int64
	seen := map[int64]bool{}
	for _, b := range list {
		if b.TicketID != 0 && !seen[b.TicketID] {
			seen[b.TicketID] = true
			ids = append(ids, b.TicketID)
		}
	}
	tickets, err := s.st.TicketsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	visible := map[int64]bool{}
	for _, t := range tickets {
		visible[t.ID] = authz.Ticket(viewer, t).See
	}
	return visible, nil
}
