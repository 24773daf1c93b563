package ticket

import (
	"context"
	"fmt"

	"supportal/internal/model"
	"supportal/internal/store"
)

// Merge moves the correspondence of ticket number into ticket into: its
// messages with their files, its requester and participants. The merged
// ticket is closed and points to the survivor, so that mail to its number
// threads into the survivor. Both tickets must be editable by u, of the
// same organization (or the same requester when there is none) and both
// internal or both not.
func (s *Service) Merge(ctx context.Context, u *model.User, number, into int64) (*model.Ticket, error) {
	t, target, err := s.pair(ctx, u, number, into, "into")
	if err != nil {
		return nil, err
	}
	v := &model.ValidationError{}
	if n, err := s.st.MergedInto(ctx, t.ID); err != nil {
		return nil, err
	} else if n != 0 {
		v.Add("into", "links.error.merged")
	}
	if n, err := s.st.MergedInto(ctx, target.ID); err != nil {
		return nil, err
	} else if n != 0 {
		v.Add("into", "links.error.merged_target")
	}
	switch {
	case t.OrgID != target.OrgID || (t.OrgID == 0 && t.RequesterID != target.RequesterID):
		v.Add("into", "links.error.merge_org")
	case t.Internal != target.Internal:
		v.Add("into", "links.error.merge_internal")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	statuses, err := s.st.Statuses(ctx)
	if err != nil {
		return nil, err
	}
	err = s.st.InTx(ctx, func(q *store.Queries) error {
		if err := q.MoveMessages(ctx, t.ID, target.ID); err != nil {
			return err
		}
		for _, p := range append([]int64{t.RequesterID}, t.Participants...) {
			if p != target.RequesterID {
				if err := q.AddParticipant(ctx, target.ID, p); err != nil {
					return err
				}
			}
		}
		at := store.Now()
		if err := q.SetMergedInto(ctx, t.ID, target.ID, at); err != nil {
			return err
		}
		if err := q.TouchTicket(ctx, target.ID, at); err != nil {
			return err
		}
		from := t.Status
		if from.Category != model.CategoryClosed {
			closed := &statusChange{to: firstStatus(statuses, model.CategoryClosed)}
			if err := applyChanges(ctx, q, u, t, changes{status: closed}); err != nil {
				return err
			}
		}
		if err := addEvents(ctx, q,
			model.Event{TicketID: t.ID, ActorID: u.ID, Field: "link.merged_into", New: fmt.Sprint(target.Number)},
			model.Event{TicketID: target.ID, ActorID: u.ID, Field: "link.merged_from", New: fmt.Sprint(t.Number)}); err != nil {
			return err
		}
		for _, id := range []int64{t.ID, target.ID} {
			if err := s.refreshSLA(ctx, q, id); err != nil {
				return err
			}
		}
		if from.Category != model.CategoryClosed {
			return s.notifyStatus(ctx, q, number, from, u)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("ticket %d: merge into %d: %w", number, into, err)
	}
	s.kick()
	return s.st.Ticket(ctx, target.Number)
}

// MergedInto returns the number of the ticket t was merged into, 0 when
// it was not merged.
func (s *Service) MergedInto(ctx context.Context, t *model.Ticket) (int64, error) {
	return s.st.MergedInto(ctx, t.ID)
}
