package contract_test

import (
	"testing"

	"supportal/internal/contract"
	"supportal/internal/model"
)

func TestBalance(t *testing.T) {
	for _, tc := range []struct {
		name              string
		units, minutes    int64
		used              int64
		remaining         int64
		over              bool
		neg               bool
		hours, minutesOut int64
	}{
		{"40 of 15 minutes, 7 used", 40, 15, 7, 33, false, false, 8, 15},
		{"nothing used", 10, 30, 0, 10, false, false, 5, 0},
		{"all used", 10, 30, 10, 0, false, false, 0, 0},
		{"credits beyond use", 10, 15, -2, 12, false, false, 3, 0},
		{"over budget", 4, 15, 9, -5, true, true, 1, 15},
		{"nothing granted", 0, 60, 1, -1, true, true, 1, 0},
		{"long units", 3, 480, 1, 2, false, false, 16, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := contract.BalanceOf(&model.Contract{Units: tc.units, UnitMinutes: tc.minutes}, tc.used)
			if b.Granted != tc.units || b.Used != tc.used || b.Remaining != tc.remaining || b.Over() != tc.over {
				t.Errorf("balance %+v over=%v, want remaining %d over=%v", b, b.Over(), tc.remaining, tc.over)
			}
			if got, want := b.RemainingTime(), (contract.Duration{Negative: tc.neg, Hours: tc.hours, Minutes: tc.minutesOut}); got != want {
				t.Errorf("remaining time %+v, want %+v", got, want)
			}
			if got := b.RemainingMinutes(); got != tc.remaining*tc.minutes {
				t.Errorf("remaining minutes %d, want %d", got, tc.remaining*tc.minutes)
			}
		})
	}
}
