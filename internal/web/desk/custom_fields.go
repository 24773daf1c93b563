package desk

import (
	"context"
	"maps"

	"supportal/internal/model"
	"supportal/internal/web"
)

// customParams takes the custom fields the side panel sent into e, as
// typed, and returns those that differ from the ticket's values (nil when
// none does), for the ticket service to validate.
func (h *handler) customParams(ctx context.Context, f *web.Form, t *model.Ticket, e *editForm) (map[string]any, error) {
	m, err := h.s.Tickets.Model(ctx)
	if err != nil {
		return nil, err
	}
	var changed map[string]any
	for key, val := range web.CustomValuesOf(f, m) {
		e.Custom[key] = val
		if model.CustomValueText(val) == model.CustomValueText(t.CustomFields[key]) {
			continue
		}
		if changed == nil {
			changed = map[string]any{}
		}
		changed[key] = val
	}
	return changed, nil
}

// customOf copies a ticket's custom field values for the side panel.
func customOf(t *model.Ticket) map[string]any { return maps.Clone(t.CustomFields) }

// CustomInputs are the active custom fields in the side panel, with the
// values of the form and its errors.
func (p *ticketPage) CustomInputs() []web.CustomInput {
	return p.Page.CustomInputs(p.TicketModel().ActiveFields(), p.Edit.Custom, p.EditErrors, "", nil)
}
