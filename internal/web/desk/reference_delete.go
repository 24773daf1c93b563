package desk

import (
	"net/http"

	"supportal/internal/web"
)

// referenceDelete removes an order or reference number of the ticket.
func (h *handler) referenceDelete(w http.ResponseWriter, r *http.Request) {
	t, _, err := h.s.PathTicket(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	if err := h.refs().Remove(r.Context(), web.UserOf(r), t.Number, entryID(r)); err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.refs.removed")
	http.Redirect(w, r, ticketURL(t.Number)+"#references", http.StatusSeeOther)
}
