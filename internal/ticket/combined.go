package ticket

import (
	"context"
	"fmt"

	"supportal/internal/model"
	"supportal/internal/store"
)

// ReplyAndUpdate is staff's change of a ticket in one step, as a macro
// makes it: a public reply (none when body is empty) and the changes of
// p, validated together and written in one transaction, so either all
// of it happens or none. The customer gets one mail: the reply with the
// new status, or the status change alone.
func (s *Service) ReplyAndUpdate(ctx context.Context, u *model.User, number int64, body string, p UpdateParams) (*model.Ticket, error) {
	t, acc, err := s.Get(ctx, u, number)
	if err != nil {
		return nil, err
	}
	if !u.IsAgent() || !acc.Edit || (body != "" && !acc.Reply) {
		return nil, model.ErrForbidden
	}
	v := &model.ValidationError{}
	body, ok := cleanText(body, MaxBody)
	if !ok {
		v.Add("body", "error.too_long")
	}
	var ch changes
	if p.Status != nil || p.Category != nil || p.WaitingReason != nil {
		name, cat := deref(p.Status), model.Category("")
		if p.Category != nil {
			cat = *p.Category
		}
		if ch.status, err = s.resolveStatus(ctx, t, name, cat, deref(p.WaitingReason), p.WaitingReason != nil, v); err != nil {
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
		var id int64
		if body != "" {
			if id, err = q.CreateMessage(ctx, newMessage(u, t, body, false, "", nil)); err != nil {
				return err
			}
		}
		if err := applyChanges(ctx, q, u, t, ch); err != nil {
			return err
		}
		if err := s.refreshSLA(ctx, q, t.ID); err != nil {
			return err
		}
		switch {
		case id != 0:
			return s.notifyMessage(ctx, q, number, id)
		case ch.status != nil:
			return s.notifyStatus(ctx, q, number, t.Status, u)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("ticket %d: reply and update: %w", number, err)
	}
	s.kick()
	return s.st.Ticket(ctx, number)
}
