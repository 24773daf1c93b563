package portal

import (
	"supportal/internal/model"
	"supportal/internal/web"
)

// turn says in the customer's words whose turn a ticket is.
type turn struct {
	Ball   string // support, customer or none: the CSS class ball-<Ball>
	Label  string // translated
	Reason string // what support waits for; "" when it waits for nothing
}

// turnOf describes whose turn t is. A ticket waiting for the customer
// carries the reason support gave; a resolved one asks the customer to
// check the solution.
func turnOf(p *web.Page, t *model.Ticket) turn {
	switch t.Ball() {
	case model.BallCustomer:
		reason := t.WaitingReason
		if t.Status.Category == model.CategoryResolved {
			reason = p.T("portal.turn.resolved_hint")
		}
		return turn{Ball: string(model.BallCustomer), Label: p.T("portal.turn.customer"), Reason: reason}
	case model.BallNone:
		return turn{Ball: string(model.BallNone), Label: p.T("portal.turn.none")}
	}
	return turn{Ball: string(model.BallSupport), Label: p.T("portal.turn.support")}
}
