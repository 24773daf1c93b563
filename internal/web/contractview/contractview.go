// Package contractview shows a support contract with what is left of its
// units on the portal and the desk alike: the same numbers, formatted in
// the reader's language, and the ledger with ticket links only where the
// reader may open the ticket.
package contractview

import (
	"time"

	"supportal/internal/contract"
	"supportal/internal/web"
)

// Card is one contract as the "contract-card" partial shows it.
type Card struct {
	*web.Page
	Contract contract.Summary
	Bookings []contract.Booking
	// TicketPath starts the address of a ticket on this surface
	// ("/portal/tickets/"); the number follows.
	TicketPath string
	// Detail links the contract's name to DetailPath; "" shows it plain.
	DetailPath string
	// Staff shows who booked each entry and the contract's notes, which
	// are for support only.
	Staff bool
	// ShowBookings lists Bookings under BookingsTitle (a catalogue key).
	ShowBookings  bool
	BookingsTitle string
}

// NewCard builds the card of s for page p, without bookings.
func NewCard(p *web.Page, s contract.Summary) Card { return Card{Page: p, Contract: s} }

// Units writes a number of units in the page's language.
func (c Card) Units(n int64) string { return c.Number(n) }

// Time writes units of this contract as hours and minutes.
func (c Card) Time(units int64) string { return c.Minutes(units * c.Contract.UnitMinutes) }

// Minutes writes a span of minutes as hours and minutes, with a minus
// sign when negative.
func (c Card) Minutes(minutes int64) string {
	d := contract.DurationOf(minutes)
	s := c.T("contracts.duration", "Hours", c.Number(d.Hours), "Minutes", c.Number(d.Minutes))
	if d.Negative {
		return "-" + s
	}
	return s
}

// PeriodName names how often the contract grants its units.
func (c Card) PeriodName() string { return c.T("contracts.period." + string(c.Contract.Period)) }

// LastDay is the last day an exclusive end covers, for display.
func (c Card) LastDay(end time.Time) time.Time { return contract.LastDay(end) }

// MeterMax is the top of the usage meter: the units granted, or the
// units used when more were used, so that the meter shows a full bar.
func (c Card) MeterMax() int64 { return max(c.Contract.Balance.Granted, c.Contract.Balance.Used, 1) }

// MeterValue is the units used, never below zero for the meter.
func (c Card) MeterValue() int64 { return max(c.Contract.Balance.Used, 0) }

// Overrun is how many units more were used than granted.
func (c Card) Overrun() int64 { return max(-c.Contract.Balance.Remaining, 0) }

// MeterLow is where the meter starts to warn: three fifths of the grant.
func (c Card) MeterLow() int64 { return c.Contract.Balance.Granted * 3 / 5 }

// MeterHigh is where the meter shows the grant nearly used up.
func (c Card) MeterHigh() int64 { return c.Contract.Balance.Granted * 4 / 5 }
