package portal

import (
	"net/http"
	"strconv"

	"supportal/internal/model"
	"supportal/internal/ticket"
	"supportal/internal/web"
)

// moveTo changes the category of the request's ticket through the ticket
// service, which decides whether the contact may, then goes back to the
// ticket with the notice flash.
func (h *handler) moveTo(w http.ResponseWriter, r *http.Request, c model.Category, flash string) {
	n, err := ticket.ParseNumber(r.PathValue("number"))
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	if _, err := h.s.Tickets.Update(r.Context(), web.UserOf(r), n, ticket.UpdateParams{Category: &c}); err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, flash)
	http.Redirect(w, r, "/portal/tickets/"+strconv.FormatInt(n, 10), http.StatusSeeOther)
}
