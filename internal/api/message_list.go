package api

import (
	"net/http"

	"supportal/internal/web"
)

// messageList answers GET /api/v1/tickets/{number}/messages: every
// message of the ticket the caller may read, oldest first, in one page.
func (h *handler) messageList(w http.ResponseWriter, r *http.Request) {
	u := web.UserOf(r)
	t, _, err := h.s.PathTicket(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	msgs, err := h.s.Tickets.Messages(r.Context(), u, t)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	out := listJSON[messageJSON]{Items: []messageJSON{}}
	for _, m := range msgs {
		out.Items = append(out.Items, messageOf(u, m))
	}
	web.WriteJSON(w, http.StatusOK, out)
}
