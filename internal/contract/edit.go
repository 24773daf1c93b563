package contract

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/store"
)

// Limits on a contract's terms.
const (
	MaxName        = 200
	MaxNotes       = 2000
	MaxUnits       = 1_000_000
	MaxUnitMinutes = 480 // a working day
)

// dateLayout is how forms send a day (the value of <input type="date">).
const dateLayout = "2006-01-02"

// Input is a contract's terms as someone typed them.
type Input struct {
	Name        string
	Starts      string // first day, YYYY-MM-DD
	Ends        string // last day, YYYY-MM-DD; empty: open-ended
	Period      string
	Units       string // granted per period
	UnitMinutes string
	Notes       string
}

// InputOf returns the terms of c as a form shows them.
func (s *Service) InputOf(c *model.Contract) Input {
	in := Input{Name: c.Name, Starts: c.StartsAt.In(s.loc).Format(dateLayout), Period: string(c.Period),
		Units: strconv.FormatInt(c.Units, 10), UnitMinutes: strconv.FormatInt(c.UnitMinutes, 10), Notes: c.Notes}
	if !c.EndsAt.IsZero() {
		in.Ends = LastDay(c.EndsAt.In(s.loc)).Format(dateLayout)
	}
	return in
}

// LastDay is the day before an exclusive end: the last day it covers.
func LastDay(end time.Time) time.Time { return end.AddDate(0, 0, -1) }

// validate checks the input and returns the terms to store. Problems are
// field errors with catalogue keys.
func (s *Service) validate(in Input) (store.ContractInput, error) {
	v := &model.ValidationError{}
	out := store.ContractInput{Name: strings.TrimSpace(in.Name), Period: model.Period(in.Period), Notes: strings.TrimSpace(in.Notes)}
	switch {
	case out.Name == "":
		v.Add("name", "error.required")
	case utf8.RuneCountInString(out.Name) > MaxName:
		v.Add("name", "error.too_long")
	}
	start, err := s.day(in.Starts)
	switch {
	case strings.TrimSpace(in.Starts) == "":
		v.Add("starts", "error.required")
	case err != nil:
		v.Add("starts", "contracts.error.date")
	}
	out.StartsAt = start
	if strings.TrimSpace(in.Ends) != "" {
		last, err := s.day(in.Ends)
		switch {
		case err != nil:
			v.Add("ends", "contracts.error.date")
		case !start.IsZero() && last.Before(start):
			v.Add("ends", "contracts.error.end_before_start")
		default:
			out.EndsAt = last.AddDate(0, 0, 1) // stored as the first day no longer covered
		}
	}
	if !out.Period.Valid() {
		v.Add("period", "contracts.error.period")
	}
	out.Units = number(v, "units", in.Units, 0, MaxUnits, "contracts.error.units")
	out.UnitMinutes = number(v, "unit_minutes", in.UnitMinutes, 1, MaxUnitMinutes, "contracts.error.unit_minutes")
	if utf8.RuneCountInString(out.Notes) > MaxNotes {
		v.Add("notes", "error.too_long")
	}
	return out, v.Err()
}

// day reads a day as midnight in the service's location.
func (s *Service) day(text string) (time.Time, error) {
	return time.ParseInLocation(dateLayout, strings.TrimSpace(text), s.loc)
}

// number reads a whole number in [lo, hi], adding key to field otherwise.
func number(v *model.ValidationError, field, text string, lo, hi int64, key string) int64 {
	text = strings.TrimSpace(text)
	if text == "" {
		v.Add(field, "error.required")
		return 0
	}
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil || n < lo || n > hi {
		v.Add(field, key)
		return 0
	}
	return n
}

// mayEdit refuses whoever may not set the terms of orgID's contracts:
// not found for those who do not see them, forbidden for agents.
func mayEdit(by *model.User, orgID int64) error {
	if !authz.Contracts(by, orgID) {
		return model.ErrNotFound
	}
	if !authz.EditContracts(by) {
		return model.ErrForbidden
	}
	return nil
}

// Create adds a contract to organization orgID and returns its id.
func (s *Service) Create(ctx context.Context, by *model.User, orgID int64, in Input) (int64, error) {
	if err := mayEdit(by, orgID); err != nil {
		return 0, fmt.Errorf("contract: create for organization %d: %w", orgID, err)
	}
	if _, err := s.st.Organization(ctx, orgID); err != nil {
		return 0, err
	}
	terms, err := s.validate(in)
	if err != nil {
		return 0, err
	}
	return s.st.CreateContract(ctx, orgID, terms)
}

// Update changes the terms of a contract. Units booked stay where they
// are: a changed start or period regroups them into the new periods.
func (s *Service) Update(ctx context.Context, by *model.User, id int64, in Input) error {
	c, err := s.st.Contract(ctx, id)
	if err != nil {
		return err
	}
	if err := mayEdit(by, c.OrgID); err != nil {
		return fmt.Errorf("contract: update %d: %w", id, err)
	}
	terms, err := s.validate(in)
	if err != nil {
		return err
	}
	return s.st.UpdateContract(ctx, id, terms)
}
