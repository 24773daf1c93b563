package contract

import (
	"time"

	"supportal/internal/model"
)

// monthsOf is the length of a calendar period in months; term has none.
var monthsOf = map[model.Period]int{model.PeriodMonth: 1, model.PeriodQuarter: 3, model.PeriodYear: 12}

// CurrentPeriod returns the period of c that now falls in, as [from, to).
// Month, quarter and year periods are calendar periods counted from the
// contract's start, so a yearly contract that starts on 1 April runs from
// April to March; a start late in a month keeps its day where the month
// has it and takes the month's last day where it does not (a monthly
// contract from 31 January has periods from 28 February, 31 March,
// 30 April, …). A term period is the whole contract. The last period ends
// with the contract.
//
// The arithmetic follows the calendar of c.StartsAt's location. Both
// results are zero when the contract has not started or has ended; to
// alone is zero for a term without end.
func CurrentPeriod(c *model.Contract, now time.Time) (from, to time.Time) {
	start := c.StartsAt
	if now.Before(start) || (!c.EndsAt.IsZero() && !now.Before(c.EndsAt)) {
		return time.Time{}, time.Time{}
	}
	n, ok := monthsOf[c.Period]
	if !ok {
		return start, c.EndsAt
	}
	now = now.In(start.Location())
	// An estimate from the calendar months between the two, then exact.
	k := ((now.Year()-start.Year())*12 + int(now.Month()) - int(start.Month())) / n
	for k > 0 && addMonths(start, k*n).After(now) {
		k--
	}
	for !addMonths(start, (k+1)*n).After(now) {
		k++
	}
	from, to = addMonths(start, k*n), addMonths(start, (k+1)*n)
	if !c.EndsAt.IsZero() && c.EndsAt.Before(to) {
		to = c.EndsAt
	}
	return from, to
}

// addMonths moves t by m calendar months, keeping its day of the month
// and time of day, or taking the last day of a shorter month.
func addMonths(t time.Time, m int) time.Time {
	y, mo, d := t.Date()
	hh, mm, ss := t.Clock()
	last := time.Date(y, mo+time.Month(m)+1, 0, 0, 0, 0, 0, t.Location()).Day()
	return time.Date(y, mo+time.Month(m), min(d, last), hh, mm, ss, t.Nanosecond(), t.Location())
}
