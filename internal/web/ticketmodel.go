package web

import (
	"net/http"
	"sync"

	"supportal/internal/model"
)

// ticketModelOnce returns a function that reads the ticket model the
// first time a page needs a label and keeps it for the rest of the page.
// The ticket service caches the model between requests and checks its
// version with one small read, so a page costs at most that read when
// nothing changed.
func (s *Server) ticketModelOnce(r *http.Request) func() *model.TicketModel {
	return sync.OnceValue(func() *model.TicketModel {
		if s.Tickets == nil {
			return nil
		}
		m, err := s.Tickets.Model(r.Context())
		if err != nil {
			// Labels fall back to the catalogue; the page still shows.
			s.Log.Warn("ticket model", "err", err)
			return nil
		}
		return m
	})
}

// TicketModel is the ticket model as this page read it; nil if it could
// not be read.
func (p *Page) TicketModel() *model.TicketModel {
	if p.ticketModel == nil {
		return nil
	}
	return p.ticketModel()
}

// CustomFieldLabel names a custom field in the page's language; a field
// that no longer exists shows its key.
func (p *Page) CustomFieldLabel(key string) string {
	if f := p.TicketModel().Field(key); f != nil {
		return f.Label(p.Lang)
	}
	return key
}
