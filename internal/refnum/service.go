package refnum

import (
	"context"
	"fmt"
	"unicode/utf8"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/plaintext"
	"supportal/internal/store"
)

// Service lists, adds and removes the references of tickets on behalf of
// a user.
type Service struct {
	st *store.Store
}

// New returns a Service on st.
func New(st *store.Store) *Service { return &Service{st: st} }

// Reference is a reference as a page shows it, with its link ("" when
// no URL template is set or the reader is a contact).
type Reference struct {
	store.TicketReference
	URL string
}

// List returns the references of t for u, who sees t; links only for
// staff.
func (s *Service) List(ctx context.Context, u *model.User, t *model.Ticket) ([]Reference, error) {
	if !authz.Ticket(u, t).See {
		return nil, fmt.Errorf("refnum: references of ticket %d: %w", t.Number, model.ErrNotFound)
	}
	list, err := s.st.TicketReferences(ctx, t.ID)
	if err != nil {
		return nil, err
	}
	template := ""
	if u.IsAgent() {
		if template, err = s.st.Setting(ctx, SettingURL); err != nil {
			return nil, err
		}
	}
	out := make([]Reference, 0, len(list))
	for _, r := range list {
		out = append(out, Reference{TicketReference: r, URL: Link(template, r.Value)})
	}
	return out, nil
}

// Values returns the reference values of tickets by ticket id, for lists
// of tickets the caller already may see.
func (s *Service) Values(ctx context.Context, tickets []*model.Ticket) (map[int64][]string, error) {
	ids := make([]int64, 0, len(tickets))
	for _, t := range tickets {
		ids = append(ids, t.ID)
	}
	return s.st.TicketReferenceValues(ctx, ids)
}

// editable loads ticket number for an agent who may change it.
func (s *Service) editable(ctx context.Context, u *model.User, number int64) (*model.Ticket, error) {
	t, err := s.st.Ticket(ctx, number)
	if err != nil {
		return nil, err
	}
	acc := authz.Ticket(u, t)
	if !acc.See {
		return nil, fmt.Errorf("refnum: ticket %d: %w", number, model.ErrNotFound)
	}
	if !acc.Edit {
		return nil, fmt.Errorf("refnum: ticket %d: %w", number, model.ErrForbidden)
	}
	return t, nil
}

// Add adds value by hand to ticket number. An empty, too long, repeated
// value or one over MaxPerTicket is a *model.ValidationError of the
// field "value".
func (s *Service) Add(ctx context.Context, u *model.User, number int64, value string) error {
	t, err := s.editable(ctx, u, number)
	if err != nil {
		return err
	}
	value = plaintext.Line(value)
	switch {
	case value == "":
		return model.Invalid("value", "error.required")
	case utf8.RuneCountInString(value) > MaxValue:
		return model.Invalid("value", "error.too_long")
	}
	return s.st.InTx(ctx, func(q *store.Queries) error {
		n, err := q.CountTicketReferences(ctx, t.ID)
		if err != nil {
			return err
		}
		if n >= MaxPerTicket {
			return model.Invalid("value", "refs.error.too_many")
		}
		_, added, err := q.AddTicketReference(ctx, store.NewTicketReference{TicketID: t.ID, Value: value, Source: store.ReferenceManual, CreatedBy: u.ID})
		if err != nil {
			return err
		}
		if !added {
			return model.Invalid("value", "refs.error.duplicate")
		}
		return q.AddEvent(ctx, model.Event{TicketID: t.ID, ActorID: u.ID, Field: EventAdded, New: value})
	})
}

// Remove removes reference id of ticket number, whether found or added
// by hand. A reference of another ticket is model.ErrNotFound.
func (s *Service) Remove(ctx context.Context, u *model.User, number, id int64) error {
	t, err := s.editable(ctx, u, number)
	if err != nil {
		return err
	}
	return s.st.InTx(ctx, func(q *store.Queries) error {
		value, err := q.DeleteTicketReference(ctx, t.ID, id)
		if err != nil {
			return err
		}
		return q.AddEvent(ctx, model.Event{TicketID: t.ID, ActorID: u.ID, Field: EventRemoved, Old: value})
	})
}
