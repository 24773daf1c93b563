// Package contract owns support contracts: their terms (units of so many
// minutes granted per period), the ledger of units booked on them, and
// what is left in the current period. Who may do what is authz's:
// contacts with the contracts right and agents see contracts, agents book
// units, admins set the terms. A contract the caller may not see is
// model.ErrNotFound, like a missing one.
package contract

import (
	"context"
	"fmt"
	"time"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/store"
)

// Service reads and changes contracts on behalf of a user.
type Service struct {
	st  *store.Store
	loc *time.Location
	now func() time.Time
}

// New returns a Service on st. Contract dates are days in loc, and
// periods follow loc's calendar.
func New(st *store.Store, loc *time.Location) *Service {
	if loc == nil {
		loc = time.UTC
	}
	return &Service{st: st, loc: loc, now: store.Now}
}

// Location is the time zone whose days the contract dates name.
func (s *Service) Location() *time.Location { return s.loc }

// Summary is a contract with its current period and balance.
type Summary struct {
	*model.Contract
	// Active is false before the start and after the end; From and To
	// are then zero and the balance counts nothing as used.
	Active   bool
	Upcoming bool      // not active because it has not started yet
	From, To time.Time // the current period, [From, To); To zero: open
	Balance  Balance
}

// local returns c with its times in the service's location, so that the
// period arithmetic follows that calendar.
func (s *Service) local(c *model.Contract) *model.Contract {
	c.StartsAt = c.StartsAt.In(s.loc)
	if !c.EndsAt.IsZero() {
		c.EndsAt = c.EndsAt.In(s.loc)
	}
	return c
}

// Contracts lists the contracts of organization orgID with their
// balances, adding up the units of all of them in one query. A caller who
// may not see them gets model.ErrNotFound.
func (s *Service) Contracts(ctx context.Context, viewer *model.User, orgID int64) ([]Summary, error) {
	if !authz.Contracts(viewer, orgID) {
		return nil, fmt.Errorf("contract: contracts of organization %d: %w", orgID, model.ErrNotFound)
	}
	list, err := s.st.ContractsOf(ctx, orgID)
	if err != nil {
		return nil, err
	}
	return s.summarize(ctx, list)
}

// Contract returns one contract with its balance if the viewer may see
// it, else model.ErrNotFound.
func (s *Service) Contract(ctx context.Context, viewer *model.User, id int64) (*Summary, error) {
	c, err := s.visible(ctx, viewer, id)
	if err != nil {
		return nil, err
	}
	sums, err := s.summarize(ctx, []*model.Contract{c})
	if err != nil {
		return nil, err
	}
	return &sums[0], nil
}

// visible loads a contract the viewer may see.
func (s *Service) visible(ctx context.Context, viewer *model.User, id int64) (*model.Contract, error) {
	c, err := s.st.Contract(ctx, id)
	if err != nil {
		return nil, err
	}
	if !authz.Contracts(viewer, c.OrgID) {
		return nil, fmt.Errorf("contract: %d: %w", id, model.ErrNotFound)
	}
	return s.local(c), nil
}

// summarize finds each contract's current period and adds up its units.
func (s *Service) summarize(ctx context.Context, list []*model.Contract) ([]Summary, error) {
	now := s.now()
	out := make([]Summary, len(list))
	var ranges []store.UnitRange
	for i, c := range list {
		c = s.local(c)
		from, to := CurrentPeriod(c, now)
		out[i] = Summary{Contract: c, Active: !from.IsZero(), Upcoming: now.Before(c.StartsAt), From: from, To: to}
		if out[i].Active {
			ranges = append(ranges, store.UnitRange{ContractID: c.ID, From: from, To: to})
		}
	}
	used, err := s.st.UnitsBooked(ctx, ranges)
	if err != nil {
		return nil, fmt.Errorf("contract: balances: %w", err)
	}
	for i := range out {
		out[i].Balance = BalanceOf(out[i].Contract, used[out[i].ID])
	}
	return out, nil
}

// Booking is an entry of the ledger as a viewer sees it. The ticket's
// number is shown to everyone who sees the contract; TicketVisible says
// whether the viewer may open the ticket, and only then may a page link it.
type Booking struct {
	model.UnitBooking
	TicketVisible bool
}

// BookingsShown is how many entries of a ledger a page lists at most.
const BookingsShown = 200

// Bookings lists the newest entries of a contract's ledger, at most
// BookingsShown: those of the current period when current is set, else of
// every period.
func (s *Service) Bookings(ctx context.Context, viewer *model.User, c *Summary, current bool) ([]Booking, error) {
	if !authz.Contracts(viewer, c.OrgID) {
		return nil, fmt.Errorf("contract: bookings of %d: %w", c.ID, model.ErrNotFound)
	}
	f := store.BookingFilter{ContractID: c.ID, Limit: BookingsShown}
	if current {
		if !c.Active {
			return nil, nil
		}
		f.From, f.To = c.From, c.To
	}
	list, err := s.st.UnitBookings(ctx, f)
	if err != nil {
		return nil, err
	}
	visible, err := s.ticketsVisible(ctx, viewer, list)
	if err != nil {
		return nil, err
	}
	out := make([]Booking, len(list))
	for i, b := range list {
		out[i] = Booking{UnitBooking: b, TicketVisible: visible[b.TicketID]}
	}
	return out, nil
}
