// Package sla counts service-level time: the business hours of a support
// calendar, its public holidays, and the pauses while the ball is with the
// customer. It does no I/O; the ticket clocks build on it.
package sla

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Span is a stretch of a working day, in minutes after midnight: [From, To).
type Span struct{ From, To int }

// Calendar is when support works: spans of each weekday in a time zone,
// except on holidays.
type Calendar struct {
	loc      *time.Location
	week     [7][]Span       // by time.Weekday, sorted, not overlapping
	holidays map[string]bool // "2006-01-02" in loc
}

// maxDays bounds the search for working time, so that a calendar that
// hardly ever works cannot make a due date loop for long.
const maxDays = 3 * 366

// ErrNeverWorks is returned by NewCalendar for a week without working time.
var ErrNeverWorks = errors.New("sla: the calendar has no working time")

// NewCalendar builds a calendar from its weekly hours (see ParseHours) and
// holidays, in loc.
func NewCalendar(loc *time.Location, week [7][]Span, holidays []time.Time) (*Calendar, error) {
	c := &Calendar{loc: loc, holidays: map[string]bool{}}
	works := false
	for d, spans := range week {
		spans = slices.Clone(spans)
		slices.SortFunc(spans, func(a, b Span) int { return a.From - b.From })
		for i, s := range spans {
			if s.From < 0 || s.To > 24*60 || s.From >= s.To {
				return nil, fmt.Errorf("sla: %s: span %s is not within one day", time.Weekday(d), s)
			}
			if i > 0 && spans[i-1].To > s.From {
				return nil, fmt.Errorf("sla: %s: spans %s and %s overlap", time.Weekday(d), spans[i-1], s)
			}
		}
		c.week[d] = spans
		works = works || len(spans) > 0
	}
	if !works {
		return nil, ErrNeverWorks
	}
	for _, h := range holidays {
		c.holidays[h.Format(time.DateOnly)] = true
	}
	return c, nil
}

// String writes s as "08:00-17:00".
func (s Span) String() string {
	return fmt.Sprintf("%02d:%02d-%02d:%02d", s.From/60, s.From%60, s.To/60, s.To%60)
}

// working returns the working intervals of the day that holds t, in
// order; none on a holiday.
func (c *Calendar) working(day time.Time) [][2]time.Time {
	y, m, d := day.Date()
	if c.holidays[day.Format(time.DateOnly)] {
		return nil
	}
	var out [][2]time.Time
	for _, s := range c.week[day.Weekday()] {
		from := time.Date(y, m, d, s.From/60, s.From%60, 0, 0, c.loc)
		to := time.Date(y, m, d, s.To/60, s.To%60, 0, 0, c.loc)
		if s.To == 24*60 {
			to = time.Date(y, m, d+1, 0, 0, 0, 0, c.loc)
		}
		out = append(out, [2]time.Time{from, to})
	}
	return out
}

// startOfDay is midnight of the day that holds t, in the calendar's zone.
func (c *Calendar) startOfDay(t time.Time) time.Time {
	y, m, d := t.In(c.loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, c.loc)
}

// Add returns the instant at which d of working time has passed since
// start. A zero d is start itself; the result is the zero time only if
// the calendar has no working time within maxDays (every day a holiday).
func (c *Calendar) Add(start time.Time, d time.Duration) time.Time {
	if d <= 0 {
		return start
	}
	day := c.startOfDay(start)
	for range maxDays {
		for _, w := range c.working(day) {
			from := later(w[0], start)
			if !from.Before(w[1]) {
				continue
			}
			left := w[1].Sub(from)
			if d <= left {
				return from.Add(d)
			}
			d -= left
		}
		y, m, dd := day.Date()
		day = time.Date(y, m, dd+1, 0, 0, 0, 0, c.loc)
	}
	return time.Time{}
}

// Between returns the working time in [a, b); none when b is not after a.
func (c *Calendar) Between(a, b time.Time) time.Duration {
	var sum time.Duration
	for day := c.startOfDay(a); day.Before(b); {
		for _, w := range c.working(day) {
			from, to := later(w[0], a), earlier(w[1], b)
			if from.Before(to) {
				sum += to.Sub(from)
			}
		}
		y, m, d := day.Date()
		day = time.Date(y, m, d+1, 0, 0, 0, 0, c.loc)
	}
	return sum
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// weekdays are the names ParseHours reads, by time.Weekday.
var weekdays = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// ParseHours reads weekly hours as an admin writes them: groups separated
// by ";", each days and spans, such as
//
//	mon-fri 08:00-12:00,13:00-17:00; sat 09:00-12:00
//
// Days not named do not work.
func ParseHours(text string) ([7][]Span, error) {
	var week [7][]Span
	for group := range strings.SplitSeq(text, ";") {
		fields := strings.Fields(strings.ToLower(group))
		if len(fields) == 0 {
			continue
		}
		if len(fields) != 2 {
			return week, fmt.Errorf("sla: %q: want days and hours, such as \"mon-fri 08:00-17:00\"", strings.TrimSpace(group))
		}
		days, err := parseDays(fields[0])
		if err != nil {
			return week, err
		}
		for part := range strings.SplitSeq(fields[1], ",") {
			s, err := parseSpan(part)
			if err != nil {
				return week, err
			}
			for _, d := range days {
				week[d] = append(week[d], s)
			}
		}
	}
	return week, nil
}

// parseDays reads "mon", "mon-fri" or "sat,sun".
func parseDays(text string) ([]time.Weekday, error) {
	var out []time.Weekday
	for part := range strings.SplitSeq(text, ",") {
		from, to, isRange := strings.Cut(part, "-")
		a := slices.Index(weekdays, from)
		b := a
		if isRange {
			b = slices.Index(weekdays, to)
		}
		if a < 0 || b < 0 {
			return nil, fmt.Errorf("sla: %q is not a day or days such as mon-fri", part)
		}
		for d := a; ; d = (d + 1) % 7 {
			out = append(out, time.Weekday(d))
			if d == b {
				break
			}
		}
	}
	return out, nil
}

// parseSpan reads "08:00-17:00"; "24:00" ends a span at midnight.
func parseSpan(text string) (Span, error) {
	from, to, ok := strings.Cut(text, "-")
	a, errA := parseClock(from)
	b, errB := parseClock(to)
	if !ok || errA != nil || errB != nil || a >= b {
		return Span{}, fmt.Errorf("sla: %q is not hours such as 08:00-17:00", text)
	}
	return Span{a, b}, nil
}

func parseClock(text string) (int, error) {
	var h, m int
	if _, err := fmt.Sscanf(text, "%d:%d", &h, &m); err != nil {
		return 0, err
	}
	if h < 0 || m < 0 || m > 59 || h*60+m > 24*60 {
		return 0, fmt.Errorf("sla: %q is not a time of day", text)
	}
	return h*60 + m, nil
}
