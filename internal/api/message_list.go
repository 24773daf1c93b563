package api

import (
	"net/http"

	"supportal/internal/ticket"
	"supportal/internal/web"
)

// messageList answers GET /api/v1/tickets/{number}/messages: every
// message of the ticket the caller may read, oldest first, in one page.
func (h *handler) messageList(w http.ResponseWriter, r *http.Request) {
	u := web.UserOf(r)
	number, err := ticket.ParseNumber(r.PathValue("number"))
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	t, _, err := h.s.Tickets.Get(r.Context(), u, number)
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
		out.Items = append(out.Items, messageOf(m))
	}
	web.WriteJSON(w, http.StatusOK, out)
}
