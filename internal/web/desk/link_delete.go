package desk

import (
	"net/http"

	"supportal/internal/ticket"
	"supportal/internal/web"
)

// linkDelete removes the link between the ticket shown and {other}.
func (h *handler) linkDelete(w http.ResponseWriter, r *http.Request) {
	t, acc, err := h.s.PathTicket(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	other, err := ticket.ParseNumber(r.PathValue("other"))
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	if err := h.s.Tickets.Unlink(r.Context(), web.UserOf(r), t.Number, other); err != nil {
		h.linkFailed(w, r, t, acc, err, func(*linkTools) {}, "link")
		return
	}
	web.Flash(w, "flash.links.unlinked")
	http.Redirect(w, r, ticketURL(t.Number)+"#links", http.StatusSeeOther)
}
