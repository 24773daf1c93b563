package api

import (
	"context"

	"supportal/internal/model"
	"supportal/internal/refnum"
)

// ticketsOut shapes tickets the caller u sees, with their order and
// reference numbers, read in one query for the whole list. Contacts get
// the numbers too: they are the customer's own.
func (h *handler) ticketsOut(ctx context.Context, u *model.User, ts ...*model.Ticket) ([]ticketJSON, error) {
	refs, err := refnum.New(h.s.Store).Values(ctx, ts)
	if err != nil {
		return nil, err
	}
	out := make([]ticketJSON, 0, len(ts))
	for _, t := range ts {
		j := ticketOf(u, t, h.s.Config.BaseURL)
		if v := refs[t.ID]; v != nil {
			j.References = v
		}
		out = append(out, j)
	}
	return out, nil
}

// ticketOut shapes one ticket as ticketsOut does.
func (h *handler) ticketOut(ctx context.Context, u *model.User, t *model.Ticket) (ticketJSON, error) {
	out, err := h.ticketsOut(ctx, u, t)
	if err != nil {
		return ticketJSON{}, err
	}
	return out[0], nil
}
