// Package timelog owns the time agents work on tickets. An entry records
// who worked how long, when, with a note; a billable entry on a ticket of
// an organization books units on the organization's contract covering
// the time of the work, in the same transaction, and deleting the entry
// takes the booking back. When a booking leaves a contract's current
// period with a fifth of its units or less, the organization's portal
// admins and its responsible agent are told, once per period.
//
// Only agents who see the ticket log time on it; its author or an admin
// deletes an entry. A ticket the caller may not see is model.ErrNotFound,
// like a missing one.
package timelog

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"supportal/internal/authz"
	"supportal/internal/contract"
	"supportal/internal/model"
	"supportal/internal/store"
)

// MaxNote is the longest note of an entry, in characters.
const MaxNote = 1000

// Mailer queues the mail that tells someone a contract's units run low
// (package mailout), inside the transaction of the booking that caused it.
type Mailer interface {
	// UnitsLow tells to that contract c has b left in its current period.
	UnitsLow(ctx context.Context, q *store.Queries, c *model.Contract, b contract.Balance, to *model.User) error
	// Kick starts delivery after the commit.
	Kick()
}

// Service logs and lists time entries on behalf of a user.
type Service struct {
	st   *store.Store
	loc  *time.Location
	now  func() time.Time
	mail Mailer
}

// New returns a Service on st. Times typed without a zone are in loc,
// and contract periods follow loc's calendar.
func New(st *store.Store, loc *time.Location) *Service {
	if loc == nil {
		loc = time.UTC
	}
	return &Service{st: st, loc: loc, now: store.Now}
}

// SetMailer makes the service tell of low units through m. Without one,
// time is logged and booked but nobody is told.
func (s *Service) SetMailer(m Mailer) { s.mail = m }

// Input is a time entry as an agent typed it.
type Input struct {
	Duration string // minutes ("90") or hours and minutes ("1:30")
	WorkedAt string // "2006-01-02T15:04" or "2006-01-02" in the service's zone; empty: now
	Note     string
	Billable bool
}

// Logged is what Log stored.
type Logged struct {
	EntryID  int64
	Billable bool
	// Contract is the contract the units were booked on; nil when the
	// entry is not billable or no contract of the ticket's organization
	// covers the time of the work.
	Contract *model.Contract
	Units    int64
}

// entry is an Input checked and read.
type entry struct {
	minutes  int64
	workedAt time.Time
	note     string
	billable bool
}

// MayLog reports whether u may log time on t: an active agent who sees it.
func MayLog(u *model.User, t *model.Ticket) bool {
	return authz.BookUnits(u) && authz.Ticket(u, t).See
}

// MayDelete reports whether u may delete entry e of a ticket u may log
// time on: its author, or an admin.
func MayDelete(u *model.User, e *store.TimeEntry) bool {
	return u != nil && (u.IsAdmin() || (e.UserID != 0 && e.UserID == u.ID))
}

// ticket loads ticket number for an agent who may log time on it.
func (s *Service) ticket(ctx context.Context, by *model.User, number int64) (*model.Ticket, error) {
	t, err := s.st.Ticket(ctx, number)
	if err != nil {
		return nil, err
	}
	if !MayLog(by, t) {
		return nil, fmt.Errorf("timelog: ticket %d: %w", number, model.ErrNotFound)
	}
	return t, nil
}

// Entries lists the time entries of t, in the order the work was done.
func (s *Service) Entries(ctx context.Context, viewer *model.User, t *model.Ticket) ([]store.TimeEntry, error) {
	if !MayLog(viewer, t) {
		return nil, fmt.Errorf("timelog: entries of ticket %d: %w", t.Number, model.ErrNotFound)
	}
	return s.st.TimeEntries(ctx, t.ID)
}

// Log records time the agent by worked on ticket number. Problems with
// the input are a *model.ValidationError with the fields "duration",
// "worked_at" and "note".
func (s *Service) Log(ctx context.Context, by *model.User, number int64, in Input) (*Logged, error) {
	t, err := s.ticket(ctx, by, number)
	if err != nil {
		return nil, err
	}
	e, err := s.check(in)
	if err != nil {
		return nil, err
	}
	out := &Logged{Billable: e.billable}
	warned := false
	err = s.st.InTx(ctx, func(q *store.Queries) error {
		var bookingID int64
		if e.billable {
			if out.Contract, err = s.covering(ctx, q, t.OrgID, e.workedAt); err != nil {
				return err
			}
		}
		if c := out.Contract; c != nil {
			out.Units = UnitsFor(e.minutes, c.UnitMinutes)
			bookingID, err = q.AddUnitBooking(ctx, store.NewUnitBooking{ContractID: c.ID, BookedAt: e.workedAt, Units: out.Units,
				TicketID: t.ID, UserID: by.ID, Note: bookingNote(e)})
			if err != nil {
				return err
			}
		}
		out.EntryID, err = q.CreateTimeEntry(ctx, store.NewTimeEntry{TicketID: t.ID, UserID: by.ID, WorkedAt: e.workedAt,
			Minutes: e.minutes, Billable: e.billable, Note: e.note, BookingID: bookingID})
		if err != nil || out.Contract == nil {
			return err
		}
		warned, err = s.warnIfLow(ctx, q, out.Contract)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("timelog: log time on ticket %d: %w", number, err)
	}
	if warned {
		s.mail.Kick()
	}
	return out, nil
}

// check reads and validates an input.
func (s *Service) check(in Input) (entry, error) {
	v := &model.ValidationError{}
	e := entry{note: strings.TrimSpace(in.Note), billable: in.Billable, workedAt: s.now()}
	var ok bool
	switch e.minutes, ok = ParseDuration(in.Duration); {
	case strings.TrimSpace(in.Duration) == "":
		v.Add("duration", "error.required")
	case !ok:
		v.Add("duration", "time.error.duration")
	}
	if text := strings.TrimSpace(in.WorkedAt); text != "" {
		at, ok := parseWorkedAt(text, s.loc)
		switch {
		case !ok:
			v.Add("worked_at", "time.error.worked_at")
		case at.After(e.workedAt):
			v.Add("worked_at", "time.error.future")
		default:
			e.workedAt = at.UTC()
		}
	}
	if utf8.RuneCountInString(e.note) > MaxNote {
		v.Add("note", "error.too_long")
	}
	return e, v.Err()
}

// bookingNote is the ledger's note of an entry's booking: the time
// worked, then the agent's note.
func bookingNote(e entry) string {
	if e.note == "" {
		return FormatDuration(e.minutes)
	}
	return FormatDuration(e.minutes) + " – " + e.note
}

// covering returns the contract of organization orgID that covers at,
// the one that started first when several do; nil when none does.
func (s *Service) covering(ctx context.Context, q *store.Queries, orgID int64, at time.Time) (*model.Contract, error) {
	if orgID == 0 {
		return nil, nil
	}
	list, err := q.ContractsOf(ctx, orgID)
	if err != nil {
		return nil, err
	}
	var found *model.Contract
	for _, c := range list {
		covers := !at.Before(c.StartsAt) && (c.EndsAt.IsZero() || at.Before(c.EndsAt))
		if covers && (found == nil || c.StartsAt.Before(found.StartsAt) || (c.StartsAt.Equal(found.StartsAt) && c.ID < found.ID)) {
			found = c
		}
	}
	return found, nil
}

// Delete removes entry id of ticket number and the units it booked. Its
// author and admins may; another agent who sees the ticket gets
// model.ErrForbidden.
func (s *Service) Delete(ctx context.Context, by *model.User, number, id int64) error {
	t, err := s.ticket(ctx, by, number)
	if err != nil {
		return err
	}
	e, err := s.st.TimeEntry(ctx, id)
	if err == nil && e.TicketID != t.ID {
		err = model.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("timelog: entry %d of ticket %d: %w", id, number, err)
	}
	if !MayDelete(by, e) {
		return fmt.Errorf("timelog: delete entry %d: %w", id, model.ErrForbidden)
	}
	return s.st.InTx(ctx, func(q *store.Queries) error {
		if err := q.DeleteTimeEntry(ctx, id); err != nil {
			return err
		}
		if e.BookingID == 0 {
			return nil
		}
		if err := q.DeleteUnitBooking(ctx, e.BookingID); err != nil && !errors.Is(err, model.ErrNotFound) {
			return err
		}
		return nil
	})
}
