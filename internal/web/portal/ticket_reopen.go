package portal

import (
	"net/http"

	"supportal/internal/model"
)

// ticketReopen moves the contact's resolved or closed ticket back to
// support. A ticket the contact may see but not reopen answers 403.
func (h *handler) ticketReopen(w http.ResponseWriter, r *http.Request) {
	h.moveTo(w, r, model.CategoryOpen, "flash.portal.reopened")
}
