package desk

import (
	"net/http"

	"supportal/internal/model"
	"supportal/internal/web"
)

// callCreate logs a phone call on a ticket.
func (h *handler) callCreate(w http.ResponseWriter, r *http.Request) {
	h.ticketForm(w, r, func(t *model.Ticket, f *web.Form) (done, error) {
		_, err := h.s.Tickets.LogCall(r.Context(), web.UserOf(r), t.Number, callFormOf(f).params())
		return done{flash: "flash.calls.logged", to: ticketURL(t.Number) + "#calls"}, err
	}, func(p *ticketPage, f *web.Form, v *model.ValidationError) { p.failCall(callFormOf(f), v) })
}
