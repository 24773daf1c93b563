package timelog_test

import (
	"testing"

	"supportal/internal/contract"
	"supportal/internal/timelog"
)

func TestParseDurationReadsMinutesOrHoursAndMinutes(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int64
		ok   bool
	}{
		{"90", 90, true}, {" 1:30 ", 90, true}, {"0:05", 5, true}, {"24:00", 1440, true}, {"1440", 1440, true}, {"1", 1, true},
		{"", 0, false}, {"0", 0, false}, {"0:00", 0, false}, {"1441", 0, false}, {"24:01", 0, false},
		{"1:5", 0, false}, {"1:60", 0, false}, {":30", 0, false}, {"1:", 0, false}, {"-5", 0, false}, {"+5", 0, false},
		{"1.5", 0, false}, {"1h", 0, false}, {"1:30:00", 0, false}, {"99999999999999999999", 0, false},
	} {
		got, ok := timelog.ParseDuration(tc.text)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("ParseDuration(%q) = %d, %v; want %d, %v", tc.text, got, ok, tc.want, tc.ok)
		}
	}
}

func TestFormatDurationIsReadBack(t *testing.T) {
	for _, m := range []int64{1, 9, 59, 60, 61, 90, 600, 1440} {
		if got, ok := timelog.ParseDuration(timelog.FormatDuration(m)); !ok || got != m {
			t.Errorf("%d minutes written as %q read back as %d", m, timelog.FormatDuration(m), got)
		}
	}
}

func TestEveryUnitBegunCountsWhole(t *testing.T) {
	for _, tc := range []struct{ minutes, unit, want int64 }{
		{1, 15, 1}, {15, 15, 1}, {16, 15, 2}, {50, 15, 4}, {60, 15, 4}, {61, 30, 3}, {480, 480, 1}, {5, 0, 0},
	} {
		if got := timelog.UnitsFor(tc.minutes, tc.unit); got != tc.want {
			t.Errorf("UnitsFor(%d, %d) = %d, want %d", tc.minutes, tc.unit, got, tc.want)
		}
	}
}

func TestUnitsAreLowAtAFifthOrLess(t *testing.T) {
	for _, tc := range []struct {
		granted, remaining int64
		low                bool
	}{
		{100, 21, false}, {100, 20, true}, {40, 9, false}, {40, 8, true}, {12, 3, false}, {12, 2, true},
		{10, 0, true}, {10, -4, true}, {0, 0, false}, {0, -3, false},
	} {
		b := contract.Balance{Granted: tc.granted, Remaining: tc.remaining, Used: tc.granted - tc.remaining}
		if got := timelog.UnitsLow(b); got != tc.low {
			t.Errorf("%d of %d left: low = %v, want %v", tc.remaining, tc.granted, got, tc.low)
		}
	}
}
