package sla

import (
	"slices"
	"time"
)

// Pause is a stretch in which a clock does not run, such as the time a
// ticket waits for the customer: [From, To); a zero To is a pause that
// has not ended.
type Pause struct{ From, To time.Time }

// open reports whether the pause has not ended.
func (p Pause) open() bool { return p.To.IsZero() }

// normalize sorts pauses and merges those that overlap or touch, so that
// each instant is paused at most once.
func normalize(pauses []Pause) []Pause {
	ps := slices.Clone(pauses)
	slices.SortFunc(ps, func(a, b Pause) int { return a.From.Compare(b.From) })
	var out []Pause
	for _, p := range ps {
		if !p.open() && !p.From.Before(p.To) {
			continue // empty
		}
		if n := len(out); n > 0 && (out[n-1].open() || !p.From.After(out[n-1].To)) {
			if !out[n-1].open() && (p.open() || p.To.After(out[n-1].To)) {
				out[n-1].To = p.To
			}
			continue
		}
		out = append(out, p)
	}
	return out
}

// Due returns when a target of working time, counted from start and
// stopped during pauses, is reached. ok is false while a pause that has
// not ended stops the clock before the target: there is no due time then.
func (c *Calendar) Due(start time.Time, target time.Duration, pauses []Pause) (due time.Time, ok bool) {
	t, left := start, target
	for _, p := range normalize(pauses) {
		if !p.open() && !p.To.After(t) {
			continue // over before the clock was at this point
		}
		if p.From.After(t) {
			avail := c.Between(t, p.From)
			if avail >= left {
				return c.Add(t, left), true
			}
			left -= avail
		}
		if p.open() {
			return time.Time{}, false
		}
		t = later(t, p.To)
	}
	due = c.Add(t, left)
	return due, !due.IsZero()
}

// Elapsed returns the working time from start to now, without the pauses.
func (c *Calendar) Elapsed(start, now time.Time, pauses []Pause) time.Duration {
	sum := c.Between(start, now)
	for _, p := range normalize(pauses) {
		to := p.To
		if p.open() {
			to = now
		}
		sum -= c.Between(later(p.From, start), earlier(to, now))
	}
	return sum
}
