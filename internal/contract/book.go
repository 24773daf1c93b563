package contract

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/store"
)

// Limits of one booking.
const (
	MaxBookingUnits = 10_000
	MaxNote         = 1000
)

// BookInput is a booking as an agent typed it: units used (positive) or
// credited back (negative), optionally the number of the ticket they
// were used on, and a note.
type BookInput struct {
	Units  string
	Ticket string // "10042" or "#10042"; empty: none
	Note   string
}

// Book adds an entry to a contract's ledger, counted in the current
// period, and returns its id. Only agents book; the ticket, if named,
// must be one the agent sees and of the contract's organization.
func (s *Service) Book(ctx context.Context, by *model.User, contractID int64, in BookInput) (int64, error) {
	c, err := s.visible(ctx, by, contractID)
	if err != nil {
		return 0, err
	}
	if !authz.BookUnits(by) {
		return 0, fmt.Errorf("contract: book on %d: %w", contractID, model.ErrForbidden)
	}
	v := &model.ValidationError{}
	units := number(v, "book_units", in.Units, -MaxBookingUnits, MaxBookingUnits, "contracts.error.booking_units")
	if units == 0 {
		v.Add("book_units", "contracts.error.booking_units")
	}
	now := s.now()
	if from, _ := CurrentPeriod(c, now); from.IsZero() {
		v.Add("book_units", "contracts.error.inactive")
	}
	note := strings.TrimSpace(in.Note)
	if utf8.RuneCountInString(note) > MaxNote {
		v.Add("note", "error.too_long")
	}
	ticketID, err := s.ticketOf(ctx, by, c, in.Ticket, v)
	if err != nil {
		return 0, err
	}
	if err := v.Err(); err != nil {
		return 0, err
	}
	return s.st.AddUnitBooking(ctx, store.NewUnitBooking{ContractID: c.ID, BookedAt: now, Units: units,
		TicketID: ticketID, UserID: by.ID, Note: note})
}

// ticketOf reads the ticket a booking names: 0 for none. A ticket the
// agent may not see is reported exactly like one that does not exist.
func (s *Service) ticketOf(ctx context.Context, by *model.User, c *model.Contract, text string, v *model.ValidationError) (int64, error) {
	text = strings.TrimPrefix(strings.TrimSpace(text), "#")
	if text == "" {
		return 0, nil
	}
	number, err := strconv.ParseInt(text, 10, 64)
	if err != nil || number <= 0 {
		v.Add("ticket", "contracts.error.ticket")
		return 0, nil
	}
	t, err := s.st.Ticket(ctx, number)
	if errors.Is(err, model.ErrNotFound) || (err == nil && !authz.Ticket(by, t).See) {
		v.Add("ticket", "contracts.error.ticket")
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	if !model.SameOrg(t.OrgID, c.OrgID) {
		v.Add("ticket", "contracts.error.ticket_org")
		return 0, nil
	}
	return t.ID, nil
}
