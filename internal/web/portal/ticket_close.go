package portal

import (
	"net/http"

	"supportal/internal/model"
)

// ticketClose closes a ticket the contact no longer needs. Only its
// requester, or a contact who may comment on the organization's tickets,
// may close it; anyone else who sees it gets 403.
func (h *handler) ticketClose(w http.ResponseWriter, r *http.Request) {
	h.moveTo(w, r, model.CategoryClosed, "flash.portal.closed")
}
