package ticket

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/plaintext"
	"supportal/internal/refnum"
	"supportal/internal/routing"
	"supportal/internal/store"
)

// CreateParams is a new ticket as a user submits it.
type CreateParams struct {
	Subject      string
	Body         string
	Type         string
	Priority     string
	Impact       string
	Module       string
	Version      string
	CustomFields map[string]any
	Attachments  []int64 // upload ids of the creator
	Channel      model.Channel
	CopyToMe     bool // mail the creator a copy of what they wrote

	// Staff only: whom the ticket is for. A contact that sets them is
	// refused (model.ErrForbidden), never silently obeyed.
	OrgID       int64
	RequesterID int64

	// first builds the first message in place of Body and Attachments
	// (a logged call, a received text message); nil: built from them.
	first func(t *model.Ticket) store.NewMessage
}

// Create opens a ticket with its first message and returns it.
func (s *Service) Create(ctx context.Context, u *model.User, p CreateParams) (*model.Ticket, error) {
	if !authz.CreateTicket(u) {
		return nil, model.ErrForbidden
	}
	if u.IsContact() && (p.OrgID != 0 || p.RequesterID != 0) {
		return nil, model.ErrForbidden
	}
	v := &model.ValidationError{}
	subject := plaintext.Line(p.Subject)
	switch {
	case subject == "":
		v.Add("subject", "error.required")
	case len(subject) > MaxSubject:
		v.Add("subject", "error.too_long")
	}
	body, ok := cleanText(p.Body, MaxBody)
	if !ok {
		v.Add("body", "error.too_long")
	}
	if len(p.Attachments) > MaxAttachments {
		v.Add("attachments", "error.too_many")
	}
	custom, err := s.createCustom(ctx, u, p, v)
	if err != nil {
		return nil, err
	}
	fields, err := s.checkOptions(ctx, u, optionValues{p.Type, p.Priority, p.Impact, p.Module, p.Version}, true, v)
	if err != nil {
		return nil, err
	}
	requester, err := s.requester(ctx, u, p, v)
	if err != nil {
		return nil, err
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	statuses, err := s.st.Statuses(ctx)
	if err != nil {
		return nil, err
	}
	teams, err := s.st.Teams(ctx)
	if err != nil {
		return nil, err
	}
	channel := p.Channel
	if channel == "" {
		channel = model.ChannelPortal
	}
	var number int64
	err = s.st.InTx(ctx, func(q *store.Queries) error {
		nt := store.NewTicket{
			Subject: subject, OrgID: requester.OrgID, RequesterID: requester.ID,
			StatusID: firstStatus(statuses, model.CategoryNew).ID,
			Type:     fields.Type, Priority: fields.Priority, Impact: fields.Impact, Module: fields.Module, Version: fields.Version,
			TeamID: defaultTeam(teams), Channel: channel, CustomFields: custom,
		}
		routed, err := routing.Route(ctx, q, &nt)
		if err != nil {
			return err
		}
		id, n, err := q.CreateTicket(ctx, nt)
		if err != nil {
			return err
		}
		number = n
		if err := q.AddEvent(ctx, model.Event{TicketID: id, ActorID: u.ID, Field: "created", New: string(channel)}); err != nil {
			return err
		}
		if err := routed.Record(ctx, q, id); err != nil {
			return err
		}
		var mid int64
		text := body
		if body != "" || len(p.Attachments) > 0 || p.first != nil {
			t := &model.Ticket{ID: id, RequesterID: requester.ID}
			nm := newMessage(u, t, body, false, "", p.Attachments)
			if p.first != nil {
				nm = p.first(t)
				text = nm.Body
			}
			if mid, err = q.CreateMessage(ctx, nm); err != nil {
				return err
			}
		}
		if err := refnum.Collect(ctx, q, id, subject, text); err != nil {
			return err
		}
		if err := s.refreshSLA(ctx, q, id); err != nil {
			return err
		}
		return s.notifyCreated(ctx, q, number, mid, p.CopyToMe)
	})
	if err != nil {
		return nil, fmt.Errorf("ticket: create: %w", err)
	}
	s.kick()
	return s.shown(ctx, u, number)
}

// requester decides whom a new ticket is for: a contact opens it for
// itself; staff name a contact (or default to themselves).
func (s *Service) requester(ctx context.Context, u *model.User, p CreateParams, v *model.ValidationError) (*model.User, error) {
	if u.IsContact() || p.RequesterID == 0 {
		if p.OrgID != 0 {
			v.Add("org_id", "error.org_requester")
		}
		return u, nil
	}
	r, err := s.st.User(ctx, p.RequesterID)
	if errors.Is(err, model.ErrNotFound) || (err == nil && !r.Active) {
		v.Add("requester_id", "error.unknown")
		return u, nil
	}
	if err != nil {
		return nil, err
	}
	if p.OrgID != 0 && p.OrgID != r.OrgID {
		v.Add("org_id", "error.org_requester")
	}
	return r, nil
}

// optionValues are the option-backed fields of a ticket.
type optionValues struct {
	Type, Priority, Impact, Module, Version string
}

// checkOptions validates option fields against the configured values.
// Contacts may choose only values marked for them. With defaults, an
// empty type or priority takes the configured default.
func (s *Service) checkOptions(ctx context.Context, u *model.User, in optionValues, defaults bool, v *model.ValidationError) (optionValues, error) {
	opts, err := s.st.Options(ctx)
	if err != nil {
		return in, err
	}
	find := func(field, parent, value string) *model.Option {
		i := slices.IndexFunc(opts, func(o model.Option) bool {
			return o.Field == field && o.Parent == parent && o.Value == value
		})
		if i < 0 {
			return nil
		}
		return &opts[i]
	}
	check := func(field, parent string, value *string) {
		if *value == "" {
			if defaults {
				for _, o := range opts {
					if o.Field == field && o.Default {
						*value = o.Value
					}
				}
			}
			return
		}
		o := find(field, parent, *value)
		if o == nil || (u.IsContact() && !o.ContactSelectable) {
			v.Add(field, "error.option")
		}
	}
	check(model.FieldType, "", &in.Type)
	check(model.FieldPriority, "", &in.Priority)
	check(model.FieldImpact, "", &in.Impact)
	check(model.FieldModule, "", &in.Module)
	if in.Version != "" && in.Module == "" {
		v.Add(model.FieldVersion, "error.version_module")
	} else {
		check(model.FieldVersion, in.Module, &in.Version)
	}
	return in, nil
}

// firstStatus is the lowest status of a category: where a change "to the
// category" lands.
func firstStatus(statuses []model.Status, c model.Category) model.Status {
	for _, s := range statuses {
		if s.Category == c {
			return s
		}
	}
	return model.Status{}
}

func defaultTeam(teams []model.Team) int64 {
	for _, t := range teams {
		if t.Default {
			return t.ID
		}
	}
	return 0
}
