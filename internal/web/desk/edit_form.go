package desk

import (
	"strconv"
	"strings"

	"supportal/internal/model"
	"supportal/internal/ticket"
	"supportal/internal/web"
)

// editForm is the side panel of a ticket: its status, waiting reason and
// fields, as the form carries them (ids as text).
type editForm struct {
	Status, Reason, Type, Priority, Impact, Module, Version, Team, Assignee string
	Custom                                                                  map[string]any // custom fields by key
}

// editFormOf fills the form with a ticket's current values.
func editFormOf(t *model.Ticket) editForm {
	return editForm{
		Status: t.Status.Name, Reason: t.WaitingReason,
		Type: t.Type, Priority: t.Priority, Impact: t.Impact, Module: t.Module, Version: t.Version,
		Team: id(t.TeamID), Assignee: id(t.AssigneeID), Custom: customOf(t),
	}
}

// merge takes the fields the form sent; a field it did not send keeps its
// value.
func (e editForm) merge(f *web.Form) editForm {
	for name, dst := range map[string]*string{
		"status": &e.Status, "waiting_reason": &e.Reason, model.FieldType: &e.Type, model.FieldPriority: &e.Priority,
		model.FieldImpact: &e.Impact, model.FieldModule: &e.Module, model.FieldVersion: &e.Version,
		"team": &e.Team, "assignee_id": &e.Assignee,
	} {
		if f.Has(name) {
			*dst = strings.TrimSpace(f.Get(name))
		}
	}
	return e
}

// params compares the form with the ticket and returns only what changed,
// so that a form sent unchanged writes no history. changed is false when
// nothing did.
func (e editForm) params(t *model.Ticket, statuses []model.Status) (p ticket.UpdateParams, changed bool, bad *model.ValidationError) {
	bad = &model.ValidationError{}
	e.statusParams(t, statuses, &p)
	for _, f := range []struct {
		dst      **string
		old, new string
	}{
		{&p.Type, t.Type, e.Type}, {&p.Priority, t.Priority, e.Priority}, {&p.Impact, t.Impact, e.Impact},
		{&p.Module, t.Module, e.Module}, {&p.Version, t.Version, e.Version},
	} {
		if f.old != f.new {
			*f.dst = &f.new
		}
	}
	if team, ok := formID(e.Team); !ok {
		bad.Add("team", "error.unknown")
	} else if team != t.TeamID {
		p.TeamID = &team
	}
	if assignee, ok := formID(e.Assignee); !ok {
		bad.Add("assignee_id", "error.unknown")
	} else if assignee != t.AssigneeID {
		p.AssigneeID = &assignee
	}
	changed = p.Status != nil || p.WaitingReason != nil || p.Type != nil || p.Priority != nil || p.Impact != nil ||
		p.Module != nil || p.Version != nil || p.TeamID != nil || p.AssigneeID != nil
	return p, changed, bad
}

// statusParams sets the status and the waiting reason when they change.
// The reason matters only for a status that waits for the customer: when
// the ticket leaves such a status, the old reason still in the text box
// is not sent (the service clears it), but a new one typed for a status
// that does not wait is, so the agent learns it will not be shown.
func (e editForm) statusParams(t *model.Ticket, statuses []model.Status, p *ticket.UpdateParams) {
	waiting := false
	for _, s := range statuses {
		if s.Name == e.Status {
			waiting = s.Category == model.CategoryWaitingCustomer
		}
	}
	statusChanged := e.Status != t.Status.Name
	reasonChanged := e.Reason != t.WaitingReason
	if statusChanged || (waiting && reasonChanged) {
		p.Status = &e.Status
	}
	if (waiting && (statusChanged || reasonChanged)) || (!waiting && reasonChanged && e.Reason != "") {
		p.WaitingReason = &e.Reason
	}
}

// formID reads an id from a select: "" and "0" are none.
func formID(s string) (int64, bool) {
	if s == "" {
		return 0, true
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil && n >= 0
}
