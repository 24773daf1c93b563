package portal

import (
	"supportal/internal/model"
	"supportal/internal/web"
)

// contactFields are the active custom fields a contact sees (visible) or
// fills in (editable), in order.
func contactFields(p *web.Page, editable bool) []model.CustomField {
	var out []model.CustomField
	for _, f := range p.TicketModel().ActiveFields() {
		if f.ContactVisible && (!editable || f.ContactEditable) {
			out = append(out, f)
		}
	}
	return out
}

// customInputs are the custom fields of the new-ticket form: those a
// contact may fill in, marked where they must.
func customInputs(p *web.Page, values map[string]any) []web.CustomInput {
	return p.CustomInputs(contactFields(p, true), values, p.Errors, "new-", func(f model.CustomField) bool { return f.RequiredCreate })
}

// CustomFields lists the ticket's custom fields the contact may see, with
// their values; internal fields never reach the portal.
func (p *ticketPage) CustomFields() []web.CustomValue {
	return p.CustomValues(contactFields(p.Page, false), p.Ticket.CustomFields)
}
