package contract

import "supportal/internal/model"

// Balance is what is left of a contract's units in its current period.
// Remaining goes below zero when more was used than granted.
type Balance struct {
	Granted     int64 // units granted for the period
	Used        int64 // units booked in the period, credits taken off
	Remaining   int64 // Granted - Used
	UnitMinutes int64
}

// BalanceOf returns the balance of c when used units are booked in its
// current period.
func BalanceOf(c *model.Contract, used int64) Balance {
	return Balance{Granted: c.Units, Used: used, Remaining: c.Units - used, UnitMinutes: c.UnitMinutes}
}

// Over reports whether more units were used than granted.
func (b Balance) Over() bool { return b.Remaining < 0 }

// RemainingMinutes is the remaining units as working time.
func (b Balance) RemainingMinutes() int64 { return b.Remaining * b.UnitMinutes }

// Duration is a span of working time in hours and minutes, for display.
type Duration struct {
	Negative       bool
	Hours, Minutes int64
}

// RemainingTime is the remaining units as hours and minutes; negative
// when over budget.
func (b Balance) RemainingTime() Duration { return DurationOf(b.RemainingMinutes()) }

// DurationOf splits minutes into hours and minutes.
func DurationOf(minutes int64) Duration {
	d := Duration{Negative: minutes < 0}
	if d.Negative {
		minutes = -minutes
	}
	d.Hours, d.Minutes = minutes/60, minutes%60
	return d
}
