package ticket

import (
	"context"
	"fmt"

	"supportal/internal/model"
	"supportal/internal/plaintext"
	"supportal/internal/store"
)

// SplitParams names the message that becomes a ticket of its own, and
// the new ticket's subject ("" for "Split from #N").
type SplitParams struct {
	MessageID int64
	Subject   string
}

// Split moves one message of ticket number, with its files, into a new
// ticket of the same requester, organization, team and fields, linked to
// the old one as related. A message of another ticket is
// model.ErrNotFound; a ticket's only message stays.
func (s *Service) Split(ctx context.Context, u *model.User, number int64, p SplitParams) (*model.Ticket, error) {
	t, acc, err := s.Get(ctx, u, number)
	if err != nil {
		return nil, err
	}
	if !acc.Edit {
		return nil, model.ErrForbidden
	}
	m, err := s.st.Message(ctx, p.MessageID)
	if err != nil {
		return nil, err
	}
	if m.TicketID != t.ID {
		return nil, fmt.Errorf("ticket %d: message %d: %w", number, p.MessageID, model.ErrNotFound)
	}
	v := &model.ValidationError{}
	subject := plaintext.Line(p.Subject)
	if subject == "" {
		subject = fmt.Sprintf("Split from #%d", t.Number)
	}
	if len(subject) > MaxSubject {
		v.Add("subject", "error.too_long")
	}
	if n, err := s.st.CountMessages(ctx, t.ID); err != nil {
		return nil, err
	} else if n < 2 {
		v.Add("message", "links.error.split_only")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	statuses, err := s.st.Statuses(ctx)
	if err != nil {
		return nil, err
	}
	var newNumber int64
	err = s.st.InTx(ctx, func(q *store.Queries) error {
		id, n, err := q.CreateTicket(ctx, store.NewTicket{
			Subject: subject, OrgID: t.OrgID, RequesterID: t.RequesterID, StatusID: firstStatus(statuses, model.CategoryNew).ID,
			Type: t.Type, Priority: t.Priority, Impact: t.Impact, Module: t.Module, Version: t.Version,
			TeamID: t.TeamID, AssigneeID: t.AssigneeID, Channel: model.ChannelDesk, MailboxID: t.MailboxID, Internal: t.Internal,
			Participants: t.Participants,
		})
		if err != nil {
			return err
		}
		newNumber = n
		if err := q.MoveMessage(ctx, m.ID, id); err != nil {
			return err
		}
		if err := q.LinkPair(ctx, t.ID, id, LinkRelated, LinkRelated); err != nil {
			return err
		}
		if err := addEvents(ctx, q,
			model.Event{TicketID: id, ActorID: u.ID, Field: "created", New: string(model.ChannelDesk)},
			model.Event{TicketID: id, ActorID: u.ID, Field: "link.split_from", New: fmt.Sprint(t.Number)},
			model.Event{TicketID: t.ID, ActorID: u.ID, Field: "link.split_to", New: fmt.Sprint(n)}); err != nil {
			return err
		}
		if err := q.TouchTicket(ctx, t.ID, store.Now()); err != nil {
			return err
		}
		for _, tid := range []int64{id, t.ID} {
			if err := s.refreshSLA(ctx, q, tid); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("ticket %d: split message %d: %w", number, p.MessageID, err)
	}
	return s.st.Ticket(ctx, newNumber)
}
