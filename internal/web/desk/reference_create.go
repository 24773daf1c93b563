package desk

import (
	"net/http"

	"supportal/internal/model"
	"supportal/internal/web"
)

// referenceCreate adds an order or reference number by hand.
func (h *handler) referenceCreate(w http.ResponseWriter, r *http.Request) {
	h.ticketForm(w, r, func(t *model.Ticket, f *web.Form) (done, error) {
		err := h.refs().Add(r.Context(), web.UserOf(r), t.Number, f.Get("value"))
		return done{flash: "flash.refs.added", to: ticketURL(t.Number) + "#references"}, err
	}, func(p *ticketPage, f *web.Form, v *model.ValidationError) { p.failReference(f.Get("value"), v) })
}
