package desk

import (
	"context"
	"fmt"

	"supportal/internal/model"
	"supportal/internal/refnum"
	"supportal/internal/web"
)

// The references section of a ticket: its order and reference numbers,
// each linked to the shop or ERP when an admin set a URL template, with
// the forms that add one by hand and remove one (package refnum).

// registerReferencePages adds the forms of the references section.
func registerReferencePages(h *handler) {
	r := h.s.Router()
	r.Page("POST /desk/tickets/{number}/references", web.Agent, h.referenceCreate)
	r.Page("POST /desk/tickets/{number}/references/{id}/delete", web.Agent, h.referenceDelete)
}

// refSection is the references section of the ticket page.
type refSection struct {
	Items []refnum.Reference
	Value string // the value typed into the add form, kept when refused
	Error string // translated
}

// refs is the service behind the section.
func (h *handler) refs() *refnum.Service { return refnum.New(h.s.Store) }

// referenceSectionOf lists the references of t for the agent u.
func (h *handler) referenceSectionOf(ctx context.Context, u *model.User, t *model.Ticket) (refSection, error) {
	items, err := h.refs().List(ctx, u, t)
	if err != nil {
		return refSection{}, fmt.Errorf("desk: references of ticket %d: %w", t.Number, err)
	}
	return refSection{Items: items}, nil
}

// failReference shows the add form's error, keeping what the agent typed.
func (p *ticketPage) failReference(value string, v *model.ValidationError) {
	p.References.Value = value
	p.SetErrors(v)
	p.References.Error, p.Errors = p.Errors["value"], nil
}
