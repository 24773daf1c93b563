package ticket

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"supportal/internal/model"
	"supportal/internal/store"
)

// PlainLinks are the kinds an agent sets by hand, each with the kind the
// other ticket records in turn.
var PlainLinks = map[string]string{
	LinkRelated:   LinkRelated,
	LinkDuplicate: LinkOriginal,
	LinkParent:    LinkChild,
	LinkChild:     LinkParent,
}

// PlainLinkKinds lists the kinds of PlainLinks in form order.
var PlainLinkKinds = []string{LinkRelated, LinkDuplicate, LinkParent, LinkChild}

// LinkParams links ticket Other to a ticket as Kind: what Other is to it.
type LinkParams struct {
	Other int64
	Kind  string
}

// Link links two tickets that u may both edit. A ticket u may not see is
// refused like a missing one.
func (s *Service) Link(ctx context.Context, u *model.User, number int64, p LinkParams) error {
	t, other, err := s.pair(ctx, u, number, p.Other, "other")
	if err != nil {
		return err
	}
	v := &model.ValidationError{}
	back, ok := PlainLinks[p.Kind]
	if !ok {
		v.Add("kind", "error.option")
	}
	if err := v.Err(); err != nil {
		return err
	}
	if _, err := s.st.LinkKind(ctx, t.ID, other.ID); err == nil {
		return model.Invalid("other", "links.error.linked")
	} else if !errors.Is(err, model.ErrNotFound) {
		return err
	}
	err = s.st.InTx(ctx, func(q *store.Queries) error {
		if err := q.LinkPair(ctx, t.ID, other.ID, p.Kind, back); err != nil {
			return err
		}
		return addEvents(ctx, q,
			model.Event{TicketID: t.ID, ActorID: u.ID, Field: "link." + p.Kind, New: fmt.Sprint(other.Number)},
			model.Event{TicketID: other.ID, ActorID: u.ID, Field: "link." + back, New: fmt.Sprint(t.Number)})
	})
	if err != nil {
		return fmt.Errorf("ticket %d: link %d: %w", number, p.Other, err)
	}
	return nil
}

// Unlink removes a plain link between two tickets u may both edit. No
// link is model.ErrNotFound; the link to a technical ticket stays while
// the technical ticket lives.
func (s *Service) Unlink(ctx context.Context, u *model.User, number, otherNumber int64) error {
	t, acc, err := s.Get(ctx, u, number)
	if err != nil {
		return err
	}
	other, oacc, err := s.Get(ctx, u, otherNumber)
	if err != nil {
		return err
	}
	if !acc.Edit || !oacc.Edit {
		return model.ErrForbidden
	}
	kind, err := s.st.LinkKind(ctx, t.ID, other.ID)
	if err != nil {
		return err
	}
	if !IsPlainLink(kind) {
		return model.Invalid("other", "links.error.not_plain")
	}
	err = s.st.InTx(ctx, func(q *store.Queries) error {
		if err := q.Unlink(ctx, t.ID, other.ID); err != nil {
			return err
		}
		return addEvents(ctx, q,
			model.Event{TicketID: t.ID, ActorID: u.ID, Field: "link.removed", New: fmt.Sprint(other.Number)},
			model.Event{TicketID: other.ID, ActorID: u.ID, Field: "link.removed", New: fmt.Sprint(t.Number)})
	})
	if err != nil {
		return fmt.Errorf("ticket %d: unlink %d: %w", number, otherNumber, err)
	}
	return nil
}

// pair loads ticket number and the other ticket a form names in field,
// both of which u must be allowed to edit. The other ticket missing, not
// visible to u, or the same ticket is a validation error of field.
func (s *Service) pair(ctx context.Context, u *model.User, number, otherNumber int64, field string) (*model.Ticket, *model.Ticket, error) {
	t, acc, err := s.Get(ctx, u, number)
	if err != nil {
		return nil, nil, err
	}
	if !acc.Edit {
		return nil, nil, model.ErrForbidden
	}
	switch {
	case otherNumber == 0:
		return nil, nil, model.Invalid(field, "error.required")
	case otherNumber < 0:
		return nil, nil, model.Invalid(field, "links.error.other")
	}
	if otherNumber == number {
		return nil, nil, model.Invalid(field, "links.error.self")
	}
	other, oacc, err := s.Get(ctx, u, otherNumber)
	if errors.Is(err, model.ErrNotFound) || (err == nil && !oacc.Edit) {
		return nil, nil, model.Invalid(field, "links.error.other")
	}
	if err != nil {
		return nil, nil, err
	}
	return t, other, nil
}

// IsPlainLink reports whether kind is one an agent sets and removes by hand.
func IsPlainLink(kind string) bool {
	return slices.Contains(PlainLinkKinds, kind) || kind == LinkOriginal
}

func addEvents(ctx context.Context, q *store.Queries, events ...model.Event) error {
	at := store.Now()
	for _, e := range events {
		e.CreatedAt = at
		if err := q.AddEvent(ctx, e); err != nil {
			return err
		}
	}
	return nil
}
