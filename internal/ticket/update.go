package ticket

import (
	"context"
	"fmt"
	"strconv"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/store"
)

// UpdateParams is a change to a ticket; nil fields stay as they are.
// Status names a status; Category picks the first status of a category.
type UpdateParams struct {
	Status        *string
	Category      *model.Category
	WaitingReason *string
	Type          *string
	Priority      *string
	Impact        *string
	Module        *string
	Version       *string
	TeamID        *int64         // 0 clears
	AssigneeID    *int64         // 0 clears
	CustomFields  map[string]any // by key; nil or an empty value clears (staff only)
}

// statusChange is a validated move to another status.
type statusChange struct {
	to     model.Status
	reason string
}

// changes are validated changes, applied and recorded together.
type changes struct {
	status   *statusChange
	fields   map[string]string // option field → new value
	team     *model.Team       // new team; ID 0 clears it
	assignee *model.User       // new assignee
	clearAs  bool              // clear the assignee
	custom   *customChange     // new custom field values
}

// Update changes a ticket. Staff may change everything; a contact may only
// reopen a resolved or closed ticket ({category: open}) or close it
// ({category: closed}), and anything else from a contact is
// model.ErrForbidden.
func (s *Service) Update(ctx context.Context, u *model.User, number int64, p UpdateParams) (*model.Ticket, error) {
	t, acc, err := s.Get(ctx, u, number)
	if err != nil {
		return nil, err
	}
	if u.IsContact() {
		if err := contactMayUpdate(acc, p); err != nil {
			return nil, err
		}
	} else if !acc.Edit {
		return nil, model.ErrForbidden
	}
	v := &model.ValidationError{}
	var ch changes
	if p.Status != nil || p.Category != nil || p.WaitingReason != nil {
		name, cat, reason := deref(p.Status), model.Category(""), deref(p.WaitingReason)
		if p.Category != nil {
			cat = *p.Category
		}
		if name == "" && cat == "" { // only the reason changes
			name = t.Status.Name
		}
		ch.status, err = s.resolveStatus(ctx, t, name, cat, reason, p.WaitingReason != nil, v)
		if err != nil {
			return nil, err
		}
	}
	if err := s.fieldChanges(ctx, u, t, p, &ch, v); err != nil {
		return nil, err
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	err = s.st.InTx(ctx, func(q *store.Queries) error {
		if err := applyChanges(ctx, q, u, t, ch); err != nil {
			return err
		}
		if err := s.technicalDone(ctx, q, u, t, ch.status); err != nil {
			return err
		}
		if err := s.refreshSLA(ctx, q, t.ID); err != nil {
			return err
		}
		if ch.assignee != nil {
			if err := s.notifyStaff(ctx, q, number, func(t *model.Ticket) error { return s.mail.Assigned(ctx, q, t, u) }); err != nil {
				return err
			}
		}
		if ch.status != nil {
			return s.notifyStatus(ctx, q, number, t.Status, u)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("ticket %d: update: %w", number, err)
	}
	s.kick()
	return s.shown(ctx, u, number)
}

func contactMayUpdate(acc authz.TicketAccess, p UpdateParams) error {
	if p.Status != nil || p.WaitingReason != nil || p.Type != nil || p.Priority != nil || p.Impact != nil ||
		p.Module != nil || p.Version != nil || p.TeamID != nil || p.AssigneeID != nil || p.CustomFields != nil || p.Category == nil {
		return model.ErrForbidden
	}
	switch *p.Category {
	case model.CategoryOpen:
		if acc.Reopen {
			return nil
		}
	case model.CategoryClosed:
		if acc.Close {
			return nil
		}
	}
	return model.ErrForbidden
}

// resolveStatus validates a move of t to the status named name, or to the
// first status of category cat. Moving to "waiting for customer" needs a
// reason; leaving it clears the reason.
func (s *Service) resolveStatus(ctx context.Context, t *model.Ticket, name string, cat model.Category, reason string, reasonGiven bool, v *model.ValidationError) (*statusChange, error) {
	statuses, err := s.st.Statuses(ctx)
	if err != nil {
		return nil, err
	}
	var to model.Status
	switch {
	case name != "":
		for _, st := range statuses {
			if st.Name == name {
				to = st
			}
		}
		if to.ID == 0 {
			v.Add("status", "error.status")
			return nil, nil
		}
	case cat.Valid():
		to = firstStatus(statuses, cat)
		if t.Status.Category == cat {
			to = t.Status // already there: keep the exact status
		}
	default:
		v.Add("category", "error.category")
		return nil, nil
	}
	reason, ok := cleanText(reason, MaxWaitingReason)
	if !ok {
		v.Add("waiting_reason", "error.too_long")
	}
	if to.Category != model.CategoryWaitingCustomer {
		if reasonGiven && reason != "" {
			v.Add("waiting_reason", "error.reason_not_waiting")
		}
		reason = ""
	} else if !reasonGiven && t.Status.Category == model.CategoryWaitingCustomer {
		reason = t.WaitingReason
	} else if reason == "" {
		v.Add("waiting_reason", "error.reason_required")
	}
	return &statusChange{to: to, reason: reason}, nil
}

// fieldChanges validates the option fields, team and assignee of p.
func (s *Service) fieldChanges(ctx context.Context, u *model.User, t *model.Ticket, p UpdateParams, ch *changes, v *model.ValidationError) error {
	if err := s.customChanges(ctx, u, t, p.CustomFields, ch, v); err != nil {
		return err
	}
	in := optionValues{t.Type, t.Priority, t.Impact, t.Module, t.Version}
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	set(&in.Type, p.Type)
	set(&in.Priority, p.Priority)
	set(&in.Impact, p.Impact)
	set(&in.Module, p.Module)
	set(&in.Version, p.Version)
	if p.Module != nil && p.Version == nil && *p.Module != t.Module {
		in.Version = "" // a version belongs to its module
	}
	if _, err := s.checkOptions(ctx, u, changedOnly(in, t), false, v); err != nil {
		return err
	}
	ch.fields = map[string]string{}
	for field, pair := range map[string][2]string{
		model.FieldType: {t.Type, in.Type}, model.FieldPriority: {t.Priority, in.Priority}, model.FieldImpact: {t.Impact, in.Impact},
		model.FieldModule: {t.Module, in.Module}, model.FieldVersion: {t.Version, in.Version},
	} {
		if pair[0] != pair[1] {
			ch.fields[field] = pair[1]
		}
	}
	if p.TeamID != nil && *p.TeamID != t.TeamID {
		team, err := s.team(ctx, *p.TeamID)
		if err != nil {
			return err
		}
		if team == nil {
			v.Add("team", "error.unknown")
		}
		ch.team = team
	}
	if p.AssigneeID != nil && *p.AssigneeID != t.AssigneeID {
		if *p.AssigneeID == 0 {
			ch.clearAs = true
			return nil
		}
		teamID := t.TeamID
		if ch.team != nil {
			teamID = ch.team.ID
		}
		a, err := s.assignable(ctx, *p.AssigneeID, teamID, v)
		if err != nil {
			return err
		}
		ch.assignee = a
	}
	return nil
}

// team returns the team with id, an empty team for 0 (no team), or nil if
// there is no such team.
func (s *Service) team(ctx context.Context, id int64) (*model.Team, error) {
	if id == 0 {
		return &model.Team{}, nil
	}
	teams, err := s.st.Teams(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range teams {
		if t.ID == id {
			return &t, nil
		}
	}
	return nil, nil
}

// applyChanges writes validated changes and one history event per field.
func applyChanges(ctx context.Context, q *store.Queries, u *model.User, t *model.Ticket, ch changes) error {
	var up store.TicketUpdate
	var events []model.Event
	event := func(field, old, new string) {
		if old != new {
			events = append(events, model.Event{TicketID: t.ID, ActorID: u.ID, Field: field, Old: old, New: new})
		}
	}
	if c := ch.status; c != nil {
		up.StatusID, up.WaitingReason = &c.to.ID, &c.reason
		event("status", t.Status.Name, c.to.Name)
		event("waiting_reason", t.WaitingReason, c.reason)
	}
	for field, val := range ch.fields {
		switch field {
		case model.FieldType:
			up.Type = &val
		case model.FieldPriority:
			up.Priority = &val
		case model.FieldImpact:
			up.Impact = &val
		case model.FieldModule:
			up.Module = &val
		case model.FieldVersion:
			up.Version = &val
		}
	}
	for _, field := range model.OptionFields { // stable order of events
		if val, ok := ch.fields[field]; ok {
			event(field, fieldValue(t, field), val)
		}
	}
	if ch.team != nil {
		up.TeamID = &ch.team.ID
		event("team", t.TeamName, ch.team.Name)
	}
	switch {
	case ch.assignee != nil:
		up.AssigneeID = &ch.assignee.ID
		event("assignee", t.AssigneeName, ch.assignee.Name)
	case ch.clearAs:
		var zero int64
		up.AssigneeID = &zero
		event("assignee", t.AssigneeName, "")
	}
	if c := ch.custom; c != nil {
		for _, f := range c.changed {
			event(customKey(f.key), f.old, f.new)
		}
	}
	if len(events) == 0 {
		return nil
	}
	up.At = store.Now()
	if err := q.UpdateTicket(ctx, t.ID, up); err != nil {
		return err
	}
	if ch.custom != nil {
		if err := q.SetTicketCustomFields(ctx, t.ID, ch.custom.values, up.At); err != nil {
			return err
		}
	}
	for _, e := range events {
		e.CreatedAt = up.At
		if err := q.AddEvent(ctx, e); err != nil {
			return err
		}
	}
	return nil
}

func fieldValue(t *model.Ticket, field string) string {
	switch field {
	case model.FieldType:
		return t.Type
	case model.FieldPriority:
		return t.Priority
	case model.FieldImpact:
		return t.Impact
	case model.FieldModule:
		return t.Module
	case model.FieldVersion:
		return t.Version
	}
	return ""
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// ParseNumber reads a ticket number from a URL; anything else is
// model.ErrNotFound, as a missing ticket is.
func ParseNumber(s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, model.ErrNotFound
	}
	return n, nil
}
