package desk

import (
	"errors"
	"net/http"

	"supportal/internal/model"
	"supportal/internal/web"
)

// referenceCreate adds an order or reference number by hand.
func (h *handler) referenceCreate(w http.ResponseWriter, r *http.Request) {
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
	value := f.Get("value")
	err = h.refs().Add(r.Context(), web.UserOf(r), t.Number, value)
	var v *model.ValidationError
	if errors.As(err, &v) {
		p, err := h.newTicketPage(r, t, acc)
		if err != nil {
			h.s.Error(w, r, err)
			return
		}
		p.failReference(value, v)
		h.renderTicket(w, r, http.StatusUnprocessableEntity, p)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.refs.added")
	http.Redirect(w, r, ticketURL(t.Number)+"#references", http.StatusSeeOther)
}
