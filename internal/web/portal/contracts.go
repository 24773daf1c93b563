package portal

import (
	"net/http"

	"supportal/internal/contract"
	"supportal/internal/web"
	"supportal/internal/web/contractview"
)

// The contracts page shows a contact with the contracts right the support
// contracts of its organization and what is left of their units in the
// current period, with the units booked in it. For everyone else it does
// not exist (404).

// contractPages serves the contracts page.
type contractPages struct {
	s         *web.Server
	contracts *contract.Service
}

// registerContracts adds the contracts page.
func registerContracts(s *web.Server) {
	h := &contractPages{s: s, contracts: contract.New(s.Store, s.Config.TimeZone)}
	s.Router().Page("GET /portal/contracts", web.Contact, h.contractList)
}

// contractListPage is the data of the contracts page.
type contractListPage struct {
	*web.Page
	Cards []contractview.Card
}

// contractList shows the contracts of the contact's organization.
func (h *contractPages) contractList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := web.UserOf(r)
	list, err := h.contracts.Contracts(ctx, u, u.OrgID)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	bookings, err := h.contracts.CurrentBookings(ctx, u, list)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p := &contractListPage{Page: h.s.NewPage(r, "contracts.title")}
	for _, c := range list {
		card := contractview.NewCard(p.Page, c)
		card.Bookings = bookings[c.ID]
		card.TicketPath, card.ShowBookings, card.BookingsTitle = "/portal/tickets/", c.Active, "contracts.bookings_period"
		p.Cards = append(p.Cards, card)
	}
	h.s.Render(w, r, http.StatusOK, "portal/contracts", p)
}
