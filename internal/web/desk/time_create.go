package desk

import (
	"errors"
	"net/http"

	"supportal/internal/model"
	"supportal/internal/web"
)

// timeCreate logs time on a ticket.
func (h *handler) timeCreate(w http.ResponseWriter, r *http.Request) {
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
	form := timeFormOf(f)
	logged, err := h.time.Log(r.Context(), web.UserOf(r), t.Number, form.input())
	var v *model.ValidationError
	if errors.As(err, &v) {
		p, err := h.newTicketPage(r, t, acc)
		if err != nil {
			h.s.Error(w, r, err)
			return
		}
		p.failTime(form, v)
		h.renderTicket(w, r, http.StatusUnprocessableEntity, p)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	switch {
	case logged.Contract != nil:
		web.Flash(w, "flash.time.booked")
	case logged.Billable:
		web.Flash(w, "flash.time.not_booked")
	default:
		web.Flash(w, "flash.time.logged")
	}
	http.Redirect(w, r, ticketURL(t.Number)+"#time", http.StatusSeeOther)
}
