package desk

import (
	"context"
	"errors"
	"fmt"

	"supportal/internal/model"
	"supportal/internal/web"
)

// linkView is a ticket linked to the one shown.
type linkView struct {
	Number  int64
	Subject string
	Kind    string // translated
}

// links lists the tickets linked to t that u may see: each is loaded
// through the ticket service, and one the agent may not see is left out
// as if there were no link.
func (h *handler) links(ctx context.Context, p *web.Page, u *model.User, t *model.Ticket) ([]linkView, error) {
	all, err := h.s.Store.TicketLinks(ctx, t.ID)
	if err != nil {
		return nil, fmt.Errorf("desk: ticket %d links: %w", t.Number, err)
	}
	var out []linkView
	for _, l := range all {
		other, _, err := h.s.Tickets.Get(ctx, u, l.Number)
		if errors.Is(err, model.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("desk: ticket %d link to %d: %w", t.Number, l.Number, err)
		}
		out = append(out, linkView{Number: other.Number, Subject: other.Subject, Kind: linkKind(p, l.Kind)})
	}
	return out, nil
}
