package api

import (
	"net/http"

	"supportal/internal/web"
)

// ticketGet answers GET /api/v1/tickets/{number}. A ticket the caller may
// not see answers exactly as a missing one.
func (h *handler) ticketGet(w http.ResponseWriter, r *http.Request) {
	u := web.UserOf(r)
	t, _, err := h.s.PathTicket(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	out, err := h.ticketOut(r.Context(), u, t)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, out)
}
