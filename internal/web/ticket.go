package web

import (
	"net/http"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/ticket"
)

// PathTicket loads the ticket named by the route's {number} for the
// signed-in user, with what the user may do to it. A number that is not
// one, and a ticket the user may not see, are model.ErrNotFound.
func (s *Server) PathTicket(r *http.Request) (*model.Ticket, authz.TicketAccess, error) {
	n, err := ticket.ParseNumber(r.PathValue("number"))
	if err != nil {
		return nil, authz.TicketAccess{}, err
	}
	return s.Tickets.Get(r.Context(), UserOf(r), n)
}
