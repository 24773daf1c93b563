package sla

import (
	"math/rand/v2"
	"testing"
	"time"
)

var berlin = mustLoad("Europe/Berlin")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// at is a wall time in Berlin in December 2026 (the 24th is a Thursday).
func at(day, hour, minute int) time.Time {
	return time.Date(2026, time.December, day, hour, minute, 0, 0, berlin)
}

// office works Monday to Friday, 8–12 and 13–17, with the German holidays.
func office(t *testing.T) *Calendar {
	t.Helper()
	week, err := ParseHours("mon-fri 08:00-12:00,13:00-17:00")
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewCalendar(berlin, week, GermanHolidays(2026))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestDueSkipsTheLunchBreakTheWeekendAndChristmas(t *testing.T) {
	c := office(t)
	for _, tc := range []struct {
		name   string
		start  time.Time
		target time.Duration
		want   time.Time
	}{
		{"within the morning", at(21, 9, 0), 2 * time.Hour, at(21, 11, 0)},
		{"over lunch", at(21, 11, 0), 2 * time.Hour, at(21, 14, 0)},
		{"opened at night", at(21, 22, 0), time.Hour, at(22, 9, 0)},
		{"exactly the end of the day", at(21, 16, 0), time.Hour, at(21, 17, 0)},
		// Thursday the 24th works; Friday the 25th and Saturday the 26th
		// are Christmas, then the weekend: Monday the 28th.
		{"over Christmas and the weekend", at(24, 16, 0), 4 * time.Hour, at(28, 11, 0)},
		{"opened on Christmas Day", at(25, 10, 0), 30 * time.Minute, at(28, 8, 30)},
		{"no target", at(26, 10, 0), 0, at(26, 10, 0)},
	} {
		got, ok := c.Due(tc.start, tc.target, nil)
		if !ok || !got.Equal(tc.want) {
			t.Errorf("%s: due %v (%v), want %v", tc.name, got.In(berlin), ok, tc.want)
		}
		if tc.target > 0 {
			if e := c.Elapsed(tc.start, got, nil); e != tc.target {
				t.Errorf("%s: elapsed at the due time %v, want %v", tc.name, e, tc.target)
			}
		}
	}
}

func TestPausesStopTheClock(t *testing.T) {
	c := office(t)
	start := at(23, 9, 0) // Wednesday; 8 h target
	// Waiting for the customer from 10:00 to 15:00 (4 working hours, lunch
	// excluded), and again from Thursday 16:00 to Monday 9:00 over
	// Christmas and the weekend.
	pauses := []Pause{{at(23, 10, 0), at(23, 15, 0)}, {at(24, 16, 0), at(28, 9, 0)}}
	// Runs 9–10 (1 h), 15–17 (2 h), Thursday 8–12, 13–16 (7 h: 10 h in
	// all), so 8 h are reached on Thursday at 14:00.
	if due, ok := c.Due(start, 8*time.Hour, pauses); !ok || !due.Equal(at(24, 14, 0)) {
		t.Errorf("due %v, want Thursday 14:00", due.In(berlin))
	}
	// 12 h: 10 h by Thursday 16:00, paused until Monday 9:00, then 2 h.
	if due, ok := c.Due(start, 12*time.Hour, pauses); !ok || !due.Equal(at(28, 11, 0)) {
		t.Errorf("due %v, want Monday 11:00", due.In(berlin))
	}
	if e := c.Elapsed(start, at(28, 11, 0), pauses); e != 12*time.Hour {
		t.Errorf("elapsed by Monday 11:00: %v, want 12h", e)
	}
	// A pause that has not ended holds the clock: no due time yet.
	waiting := []Pause{{From: at(23, 10, 0)}}
	if due, ok := c.Due(start, 8*time.Hour, waiting); ok {
		t.Errorf("due %v while the ticket waits", due)
	}
	if e := c.Elapsed(start, at(28, 11, 0), waiting); e != time.Hour {
		t.Errorf("elapsed while waiting since 10:00: %v, want 1h", e)
	}
	// Reached before the open pause begins: due all the same.
	if due, ok := c.Due(start, 30*time.Minute, waiting); !ok || !due.Equal(at(23, 9, 30)) {
		t.Errorf("due %v %v, want 9:30", due.In(berlin), ok)
	}
}

func TestOverlappingPausesCountOnce(t *testing.T) {
	c := office(t)
	start := at(21, 8, 0)
	pauses := []Pause{{at(21, 9, 0), at(21, 11, 0)}, {at(21, 10, 0), at(21, 11, 30)}, {at(21, 11, 30), at(21, 11, 45)}, {at(21, 7, 0), at(21, 7, 0)}}
	if e := c.Elapsed(start, at(21, 12, 0), pauses); e != 75*time.Minute {
		t.Errorf("elapsed %v, want 1h15m (8–9 and 11:45–12)", e)
	}
}

// Due and Elapsed agree: the working time elapsed at the due time is the
// target, for random starts, targets and pauses.
func TestDueAndElapsedAgree(t *testing.T) {
	c := office(t)
	rng := rand.New(rand.NewPCG(1, 2))
	base := at(1, 0, 0)
	for i := range 500 {
		start := base.Add(time.Duration(rng.IntN(30*24*60)) * time.Minute)
		target := time.Duration(1+rng.IntN(40*60)) * time.Minute
		var pauses []Pause
		for range rng.IntN(4) {
			from := start.Add(time.Duration(rng.IntN(20*24*60)) * time.Minute)
			pauses = append(pauses, Pause{from, from.Add(time.Duration(1+rng.IntN(3*24*60)) * time.Minute)})
		}
		due, ok := c.Due(start, target, pauses)
		if !ok {
			t.Fatalf("case %d: no due time", i)
		}
		if e := c.Elapsed(start, due, pauses); e != target {
			t.Fatalf("case %d: start %v, target %v, pauses %v: elapsed at due %v is %v", i, start, target, pauses, due, e)
		}
	}
}

func TestDaylightSavingTimeKeepsWallClockHours(t *testing.T) {
	week, _ := ParseHours("mon-sun 00:00-24:00")
	c, err := NewCalendar(berlin, week, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The night of 28 to 29 March 2026 is an hour short.
	from := time.Date(2026, time.March, 28, 12, 0, 0, 0, berlin)
	to := time.Date(2026, time.March, 29, 12, 0, 0, 0, berlin)
	if got := c.Between(from, to); got != 23*time.Hour {
		t.Errorf("working time over the change to summer time: %v, want 23h", got)
	}
}

func TestParseHours(t *testing.T) {
	week, err := ParseHours("Mon-Fri 08:00-12:00,13:00-17:00; sat 09:00-12:00; sun,wed 20:00-24:00")
	if err != nil {
		t.Fatal(err)
	}
	if len(week[time.Monday]) != 2 || week[time.Saturday][0] != (Span{9 * 60, 12 * 60}) || week[time.Sunday][0] != (Span{20 * 60, 24 * 60}) ||
		len(week[time.Wednesday]) != 3 || len(week[time.Tuesday]) != 2 {
		t.Errorf("parsed %v", week)
	}
	if w, err := ParseHours("fri-mon 10:00-11:00"); err != nil || len(w[time.Saturday]) != 1 || len(w[time.Wednesday]) != 0 {
		t.Errorf("a range over the weekend: %v %v", w, err)
	}
	for _, bad := range []string{"mon", "mon 8-17", "monday 08:00-17:00", "mon 17:00-08:00", "mon 08:00-25:00", "mon 08:60-09:00"} {
		if _, err := ParseHours(bad); err == nil {
			t.Errorf("ParseHours(%q) accepted", bad)
		}
	}
	overlapping, _ := ParseHours("mon 08:00-12:00,11:00-13:00")
	if _, err := NewCalendar(berlin, overlapping, nil); err == nil {
		t.Error("overlapping spans accepted")
	}
	if _, err := NewCalendar(berlin, [7][]Span{}, nil); err != ErrNeverWorks {
		t.Errorf("a week without hours: %v", err)
	}
}

func TestGermanHolidays(t *testing.T) {
	want := map[int][]string{
		2024: {"2024-03-29", "2024-04-01", "2024-05-09", "2024-05-20"},
		2026: {"2026-04-03", "2026-04-06", "2026-05-14", "2026-05-25"},
		2027: {"2027-03-26", "2027-03-29", "2027-05-06", "2027-05-17"},
	}
	for year, dates := range want {
		got := GermanHolidays(year)
		if len(got) != 9 {
			t.Fatalf("%d: %d holidays", year, len(got))
		}
		movable := []string{got[1].Format(time.DateOnly), got[2].Format(time.DateOnly), got[4].Format(time.DateOnly), got[5].Format(time.DateOnly)}
		for i := range dates {
			if movable[i] != dates[i] {
				t.Errorf("%d: Good Friday, Easter Monday, Ascension, Whit Monday = %v, want %v", year, movable, dates)
				break
			}
		}
	}
}

// BenchmarkDue measures one due time as a desk list computes it per
// ticket: a resolution target of five working days with three pauses.
func BenchmarkDue(b *testing.B) {
	week, _ := ParseHours("mon-fri 08:00-12:00,13:00-17:00")
	c, err := NewCalendar(berlin, week, GermanHolidays(2026))
	if err != nil {
		b.Fatal(err)
	}
	start := at(21, 9, 0)
	pauses := []Pause{{at(21, 10, 0), at(21, 15, 0)}, {at(22, 9, 0), at(23, 9, 0)}, {at(28, 12, 0), at(29, 8, 0)}}
	for b.Loop() {
		if _, ok := c.Due(start, 40*time.Hour, pauses); !ok {
			b.Fatal("no due time")
		}
	}
}
