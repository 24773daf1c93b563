package model

import "time"

// Period is how often a contract grants its units afresh.
type Period string

// The periods of a contract. Month, quarter and year are calendar periods
// counted from the contract's start; term grants the units once for the
// whole contract.
const (
	PeriodMonth   Period = "month"
	PeriodQuarter Period = "quarter"
	PeriodYear    Period = "year"
	PeriodTerm    Period = "term"
)

// Periods lists the periods in the order forms offer them.
var Periods = []Period{PeriodMonth, PeriodQuarter, PeriodYear, PeriodTerm}

// Valid reports whether p is one of Periods.
func (p Period) Valid() bool {
	switch p {
	case PeriodMonth, PeriodQuarter, PeriodYear, PeriodTerm:
		return true
	}
	return false
}

// Contract is a support contract of an organization: Units support units
// of UnitMinutes each, granted every Period from StartsAt.
type Contract struct {
	ID       int64
	OrgID    int64
	OrgName  string
	Name     string
	StartsAt time.Time
	// EndsAt is the first instant the contract no longer covers (the day
	// after its last day); zero means open-ended.
	EndsAt      time.Time
	Period      Period
	Units       int64
	UnitMinutes int64
	Notes       string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// UnitBooking is one entry of a contract's ledger: positive units are
// used, negative ones credited back. It counts in the period its BookedAt
// falls in.
type UnitBooking struct {
	ID           int64
	ContractID   int64
	BookedAt     time.Time
	Units        int64
	TicketID     int64 // 0: not about one ticket
	TicketNumber int64
	UserID       int64 // who booked it; 0 once that user is gone
	UserName     string
	Note         string
	CreatedAt    time.Time
}
