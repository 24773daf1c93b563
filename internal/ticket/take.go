package ticket

import (
	"context"
	"fmt"

	"supportal/internal/model"
	"supportal/internal/store"
)

// Take assigns ticket number to u ("take over"), recording a "taken_over"
// event (Old: who had it, New: u) and telling by mail the agent who had
// it. The team stays as it is: an agent who may edit a ticket is in its
// team, or is an admin who sees every team, and taking a ticket is not a
// reason to pull it out of the queue of the team that works it. Taking
// a ticket one already holds changes nothing.
func (s *Service) Take(ctx context.Context, u *model.User, number int64) (*model.Ticket, error) {
	t, acc, err := s.Get(ctx, u, number)
	if err != nil {
		return nil, err
	}
	if !acc.Edit || !u.IsAgent() {
		return nil, model.ErrForbidden
	}
	if t.AssigneeID == u.ID {
		return t, nil
	}
	var previous *model.User
	if t.AssigneeID != 0 {
		if previous, err = s.st.User(ctx, t.AssigneeID); err != nil {
			return nil, err
		}
	}
	err = s.st.InTx(ctx, func(q *store.Queries) error {
		at := store.Now()
		if err := q.UpdateTicket(ctx, t.ID, store.TicketUpdate{AssigneeID: &u.ID, At: at}); err != nil {
			return err
		}
		if err := q.AddEvent(ctx, model.Event{TicketID: t.ID, ActorID: u.ID, Field: "taken_over", Old: t.AssigneeName, New: u.Name, CreatedAt: at}); err != nil {
			return err
		}
		if previous == nil {
			return nil
		}
		return s.notifyStaff(ctx, q, number, func(t *model.Ticket) error { return s.mail.TakenOver(ctx, q, t, u, previous) })
	})
	if err != nil {
		return nil, fmt.Errorf("ticket %d: take over: %w", number, err)
	}
	s.kick()
	return s.st.Ticket(ctx, number)
}
