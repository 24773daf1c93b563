// Package slaclock keeps the service-level clocks of tickets: it reads the
// support calendar and the policies an admin set, and stores each ticket's
// pending due times whenever something that moves them changes, inside the
// transaction of that change. The arithmetic is package sla's.
package slaclock

import (
	"bufio"
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"supportal/internal/sla"
	"supportal/internal/store"
)

// The settings of the support calendar.
const (
	// SettingHours holds the weekly hours, as sla.ParseHours reads them.
	SettingHours = "sla.hours"
	// SettingHolidays holds one holiday a line: "2026-12-24 Christmas Eve".
	SettingHolidays = "sla.holidays"
	// SettingGermanHolidays is "1" when the holidays every German state
	// keeps count too.
	SettingGermanHolidays = "sla.german_holidays"
)

// DefaultHours are the weekly hours of an instance nobody configured.
const DefaultHours = "mon-fri 08:00-17:00"

// Clock computes and stores the due times of tickets.
type Clock struct {
	loc *time.Location
}

// New returns a clock whose calendar runs in loc (the instance's time zone).
func New(loc *time.Location) *Clock {
	if loc == nil {
		loc = time.UTC
	}
	return &Clock{loc: loc}
}

// Settings is the support calendar as an admin writes it.
type Settings struct {
	Hours          string
	Holidays       string
	GermanHolidays bool
}

// ReadSettings returns the stored calendar settings, with DefaultHours
// when none are stored.
func ReadSettings(ctx context.Context, q *store.Queries) (Settings, error) {
	var s Settings
	var german string
	for key, dst := range map[string]*string{SettingHours: &s.Hours, SettingHolidays: &s.Holidays, SettingGermanHolidays: &german} {
		v, err := q.Setting(ctx, key)
		if err != nil {
			return s, fmt.Errorf("slaclock: setting %s: %w", key, err)
		}
		*dst = v
	}
	if strings.TrimSpace(s.Hours) == "" {
		s.Hours = DefaultHours
	}
	s.GermanHolidays = german == "1"
	return s, nil
}

// Holiday is one line of the holiday setting.
type Holiday struct {
	Day  time.Time // midnight UTC; only the date counts
	Name string
}

// ParseHolidays reads one holiday a line, "2026-12-24 Christmas Eve"; the
// name is optional and empty lines are skipped.
func ParseHolidays(text string) ([]Holiday, error) {
	var out []Holiday
	sc := bufio.NewScanner(strings.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		date, name, _ := strings.Cut(line, " ")
		day, err := time.Parse(time.DateOnly, date)
		if err != nil {
			return nil, fmt.Errorf("slaclock: line %d: %q is not a date such as 2026-12-24", n, date)
		}
		out = append(out, Holiday{Day: day, Name: strings.TrimSpace(name)})
	}
	return out, sc.Err()
}

// Calendar builds the support calendar of s, with the German holidays of
// the years around year when s asks for them.
func (c *Clock) Calendar(s Settings, year int) (*sla.Calendar, error) {
	week, err := sla.ParseHours(s.Hours)
	if err != nil {
		return nil, err
	}
	holidays, err := ParseHolidays(s.Holidays)
	if err != nil {
		return nil, err
	}
	var days []time.Time
	for _, h := range holidays {
		days = append(days, h.Day)
	}
	if s.GermanHolidays {
		for y := year - 1; y <= year+2; y++ {
			days = append(days, sla.GermanHolidays(y)...)
		}
	}
	return sla.NewCalendar(c.loc, week, days)
}

// Pick returns the policy that applies among those SLAPoliciesFor found:
// a contract's before the general one, a priority's own before the one
// for every priority. ok is false when none applies.
func Pick(list []store.SLAPolicy, priority string) (p store.SLAPolicy, ok bool) {
	best := -1
	for _, c := range list {
		rank := 0
		if c.ContractID != 0 {
			rank += 2
		}
		if c.Priority == priority && priority != "" {
			rank++
		}
		if rank > best {
			p, best, ok = c, rank, true
		}
	}
	return p, ok
}

// Refresh recomputes and stores the due times of ticket id, in the
// transaction of q. A ticket that is done, or that no policy covers, has
// none; a clock that stands still because the ball is with the customer
// has none until it runs again.
func (c *Clock) Refresh(ctx context.Context, q *store.Queries, id int64) error {
	due, err := c.compute(ctx, q, id)
	if err != nil {
		return fmt.Errorf("slaclock: ticket %d: %w", id, err)
	}
	return q.SetSLADue(ctx, id, due)
}

func (c *Clock) compute(ctx context.Context, q *store.Queries, id int64) (store.SLADue, error) {
	var due store.SLADue
	f, err := q.SLAFacts(ctx, id)
	if err != nil || f.Category.Done() {
		return due, err
	}
	policies, err := q.SLAPoliciesFor(ctx, f.OrgID, f.Priority, f.CreatedAt)
	if err != nil {
		return due, err
	}
	p, ok := Pick(policies, f.Priority)
	if !ok || (p.FirstResponseMinutes == 0 && p.ResolutionMinutes == 0) {
		return due, nil
	}
	s, err := ReadSettings(ctx, q)
	if err != nil {
		return due, err
	}
	cal, err := c.Calendar(s, f.CreatedAt.In(c.loc).Year())
	if err != nil {
		return due, err
	}
	pauses := make([]sla.Pause, len(f.Pauses))
	for i, x := range f.Pauses {
		pauses[i] = sla.Pause{From: x.PausedAt, To: x.ResumedAt}
	}
	if p.FirstResponseMinutes > 0 && f.FirstResponseAt.IsZero() {
		due.FirstResponse, _ = cal.Due(f.CreatedAt, time.Duration(p.FirstResponseMinutes)*time.Minute, pauses)
	}
	if p.ResolutionMinutes > 0 {
		due.Resolution, _ = cal.Due(f.CreatedAt, time.Duration(p.ResolutionMinutes)*time.Minute, pauses)
	}
	return due, nil
}

// State is how a pending due time stands at an instant.
type State string

// The states of a due time.
const (
	StateNone     State = ""         // no due time
	StateOK       State = "ok"       // more than Soon ahead
	StateSoon     State = "soon"     // due within Soon
	StateBreached State = "breached" // past
)

// Soon is how close a due time counts as soon due, on lists and for the
// warning to the team.
const Soon = time.Hour

// StateAt says how due stands at now.
func StateAt(due, now time.Time) State {
	switch {
	case due.IsZero():
		return StateNone
	case !now.Before(due):
		return StateBreached
	case due.Sub(now) <= Soon:
		return StateSoon
	}
	return StateOK
}

// RefreshAll recomputes the due times of every ticket whose clocks still
// run, after the calendar or a policy changed; a batch of tickets a
// transaction, so that a large desk is not locked for long.
func (c *Clock) RefreshAll(ctx context.Context, st *store.Store) (int, error) {
	const batch = 500
	done, after := 0, int64(0)
	for {
		ids, err := st.OpenTicketIDs(ctx, after, batch)
		if err != nil || len(ids) == 0 {
			return done, err
		}
		err = st.InTx(ctx, func(q *store.Queries) error {
			for _, id := range ids {
				if err := c.Refresh(ctx, q, id); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return done, err
		}
		done += len(ids)
		after = ids[len(ids)-1]
	}
}

// ParseTarget reads a target as an admin types it, in working hours:
// "8" or "4:30"; empty is no target (0). It returns minutes.
func ParseTarget(text string) (int64, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return 0, nil
	}
	h, m, hasMinutes := strings.Cut(text, ":")
	bad := fmt.Errorf("slaclock: %q is not hours such as 8 or 4:30", text)
	hours, err := strconv.ParseInt(h, 10, 64)
	if err != nil || hours < 0 || hours > 10000 {
		return 0, bad
	}
	var minutes int64
	if hasMinutes {
		if minutes, err = strconv.ParseInt(m, 10, 64); err != nil || len(m) != 2 || minutes > 59 {
			return 0, bad
		}
	}
	return hours*60 + minutes, nil
}

// FormatTarget writes minutes as ParseTarget reads them: "4:30", "8:00";
// "" for no target.
func FormatTarget(minutes int64) string {
	if minutes == 0 {
		return ""
	}
	return fmt.Sprintf("%d:%02d", minutes/60, minutes%60)
}
