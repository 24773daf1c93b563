package desk

import (
	"net/http"
)

// ticketView shows a ticket with its whole correspondence, internal notes
// included, its history and the forms to change and answer it.
func (h *handler) ticketView(w http.ResponseWriter, r *http.Request) {
	t, acc, err := h.s.PathTicket(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p, err := h.newTicketPage(r, t, acc)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	h.renderTicket(w, r, http.StatusOK, p)
}
