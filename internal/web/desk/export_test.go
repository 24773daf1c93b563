package desk

import (
	"net/http"
	"sync"

	"supportal/internal/timelog"
	"supportal/internal/web"
)

// TicketRenderPath is where RegisterTicketRender serves the desk ticket
// page; the ticket's number follows.
const TicketRenderPath = "/bench/desk/tickets/"

// RegisterTicketRender adds a route that loads the desk page of a ticket
// on its first request and afterwards only renders it, so that a
// benchmark measures the template. It exists in tests only.
func RegisterTicketRender(s *web.Server) {
	h := &handler{s: s, time: timelog.New(s.Store, s.Config.TimeZone)}
	var mu sync.Mutex
	var p *ticketPage
	s.Router().Page("GET "+TicketRenderPath+"{number}", web.Agent, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if p == nil {
			t, acc, err := s.PathTicket(r)
			if err != nil {
				s.Error(w, r, err)
				return
			}
			if p, err = h.newTicketPage(r, t, acc); err != nil {
				s.Error(w, r, err)
				return
			}
		}
		h.renderTicket(w, r, http.StatusOK, p)
	})
}
