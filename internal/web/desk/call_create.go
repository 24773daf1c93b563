package desk

import (
	"errors"
	"net/http"

	"supportal/internal/model"
	"supportal/internal/web"
)

// callCreate logs a phone call on a ticket.
func (h *handler) callCreate(w http.ResponseWriter, r *http.Request) {
	t, acc, err := h.s.PathTicket(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	form := callFormOf(f)
	_, err = h.s.Tickets.LogCall(r.Context(), web.UserOf(r), t.Number, form.params())
	var v *model.ValidationError
	if errors.As(err, &v) {
		p, err := h.newTicketPage(r, t, acc)
		if err != nil {
			h.s.Error(w, r, err)
			return
		}
		p.failCall(form, v)
		h.renderTicket(w, r, http.StatusUnprocessableEntity, p)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.calls.logged")
	http.Redirect(w, r, ticketURL(t.Number)+"#calls", http.StatusSeeOther)
}
