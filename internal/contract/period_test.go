package contract_test

import (
	"testing"
	"time"

	"supportal/internal/contract"
	"supportal/internal/model"
)

var berlin = mustZone("Europe/Berlin")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// day is midnight of a day in Berlin, where contracts of these tests run.
func day(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02", s, berlin)
	if err != nil {
		panic(err)
	}
	return t
}

func TestCurrentPeriod(t *testing.T) {
	for _, tc := range []struct {
		name       string
		period     model.Period
		start, end string // end: the first day not covered; "" open-ended
		now        time.Time
		from, to   string // "" "": no current period; to "": open
	}{
		{"first month", model.PeriodMonth, "2026-03-15", "", day("2026-03-20"), "2026-03-15", "2026-04-15"},
		{"later month", model.PeriodMonth, "2026-03-15", "", day("2026-06-14"), "2026-05-15", "2026-06-15"},
		{"month boundary belongs to the new period", model.PeriodMonth, "2026-03-15", "", day("2026-06-15"), "2026-06-15", "2026-07-15"},
		{"from Jan 31 into February", model.PeriodMonth, "2026-01-31", "", day("2026-02-10"), "2026-01-31", "2026-02-28"},
		{"from Jan 31, end of February", model.PeriodMonth, "2026-01-31", "", day("2026-03-01"), "2026-02-28", "2026-03-31"},
		{"from Jan 31 in a leap year", model.PeriodMonth, "2028-01-31", "", day("2028-03-30"), "2028-02-29", "2028-03-31"},
		{"from Jan 31, April", model.PeriodMonth, "2026-01-31", "", day("2026-04-30"), "2026-04-30", "2026-05-31"},
		{"quarter from the start of a year", model.PeriodQuarter, "2026-01-01", "", day("2026-05-20"), "2026-04-01", "2026-07-01"},
		{"quarter from November across the year", model.PeriodQuarter, "2025-11-30", "", day("2026-03-01"), "2026-02-28", "2026-05-30"},
		{"year from April runs April to March", model.PeriodYear, "2026-04-01", "", day("2027-03-31"), "2026-04-01", "2027-04-01"},
		{"second contract year", model.PeriodYear, "2026-04-01", "", day("2027-04-01"), "2027-04-01", "2028-04-01"},
		{"year from Feb 29", model.PeriodYear, "2028-02-29", "", day("2029-03-01"), "2029-02-28", "2030-02-28"},
		{"term is the whole contract", model.PeriodTerm, "2026-01-10", "2026-07-10", day("2026-05-01"), "2026-01-10", "2026-07-10"},
		{"open-ended term", model.PeriodTerm, "2026-01-10", "", day("2031-05-01"), "2026-01-10", ""},
		{"last period ends with the contract", model.PeriodQuarter, "2026-01-01", "2026-05-16", day("2026-05-15"), "2026-04-01", "2026-05-16"},
		{"not started", model.PeriodMonth, "2026-03-15", "", day("2026-03-14"), "", ""},
		{"ended", model.PeriodYear, "2025-01-01", "2026-01-01", day("2026-01-01"), "", ""},
		{"ended term", model.PeriodTerm, "2025-01-01", "2025-06-01", day("2026-01-01"), "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &model.Contract{Period: tc.period, StartsAt: day(tc.start)}
			if tc.end != "" {
				c.EndsAt = day(tc.end)
			}
			// Noon, given in UTC: the calendar of the start's zone decides.
			now := tc.now.Add(12 * time.Hour).UTC()
			from, to := contract.CurrentPeriod(c, now)
			if got, want := fmtDay(from), tc.from; got != want {
				t.Errorf("from = %s, want %s", got, want)
			}
			if got, want := fmtDay(to), tc.to; got != want {
				t.Errorf("to = %s, want %s", got, want)
			}
		})
	}
}

func TestPeriodFollowsTheContractsTimeZone(t *testing.T) {
	c := &model.Contract{Period: model.PeriodMonth, StartsAt: day("2026-03-01")}
	// 23:30 UTC on 31 March is already 1 April in Berlin.
	from, _ := contract.CurrentPeriod(c, time.Date(2026, 3, 31, 23, 30, 0, 0, time.UTC))
	if got := fmtDay(from); got != "2026-04-01" {
		t.Errorf("period from %s, want 2026-04-01", got)
	}
	// Just before midnight in Berlin it is still March.
	from, _ = contract.CurrentPeriod(c, time.Date(2026, 3, 31, 21, 59, 0, 0, time.UTC))
	if got := fmtDay(from); got != "2026-03-01" {
		t.Errorf("period from %s, want 2026-03-01", got)
	}
}

func fmtDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if h, m, _ := t.In(berlin).Clock(); h != 0 || m != 0 {
		return t.In(berlin).Format(time.RFC3339) // not midnight: shows the fault
	}
	return t.In(berlin).Format("2006-01-02")
}
