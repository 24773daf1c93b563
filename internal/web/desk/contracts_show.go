package desk

import (
	"errors"
	"net/http"

	"supportal/internal/authz"
	"supportal/internal/contract"
	"supportal/internal/model"
	"supportal/internal/web"
	"supportal/internal/web/contractview"
)

// contractPage is one contract: its balance and ledger, the booking form
// for agents and the form of its terms for admins.
type contractPage struct {
	*web.Page
	Card    contractview.Card
	CanEdit bool
	CanBook bool
	Form    contractForm
	Book    contract.BookInput
}

// contractShow shows a contract.
func (h *contractPages) contractShow(w http.ResponseWriter, r *http.Request) {
	h.renderContract(w, r, http.StatusOK, nil, func(p *contractPage, c *contract.Summary) {
		p.Form = newContractForm(p.Page, h.contracts.InputOf(c.Contract))
	})
}

// renderContract loads the contract of the path and shows it with status
// code; verr, if not nil, marks the fields of the form that was sent, and
// fill sets the forms' values.
func (h *contractPages) renderContract(w http.ResponseWriter, r *http.Request, code int, verr *model.ValidationError,
	fill func(p *contractPage, c *contract.Summary)) {
	ctx := r.Context()
	u := web.UserOf(r)
	c, err := h.contracts.Contract(ctx, u, contractID(r))
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p := &contractPage{Page: h.s.NewPage(r, "contracts.desk.contract_title", "Name", c.Name),
		CanEdit: authz.EditContracts(u), CanBook: authz.BookUnits(u)}
	if verr != nil {
		p.SetErrors(verr)
	}
	p.Card = contractview.NewCard(p.Page, *c)
	if p.Card.Bookings, err = h.contracts.Bookings(ctx, u, c, false); err != nil {
		h.s.Error(w, r, err)
		return
	}
	p.Card.TicketPath, p.Card.Staff, p.Card.ShowBookings, p.Card.BookingsTitle = "/desk/tickets/", true, true, "contracts.bookings_all"
	fill(p, c)
	h.s.Render(w, r, code, "desk/contract", p)
}

// contractUpdate stores a contract's terms.
func (h *contractPages) contractUpdate(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	in := contractInput(f)
	cid := contractID(r)
	err = h.contracts.Update(r.Context(), web.UserOf(r), cid, in)
	var verr *model.ValidationError
	if errors.As(err, &verr) {
		h.renderContract(w, r, http.StatusUnprocessableEntity, verr, func(p *contractPage, _ *contract.Summary) {
			p.Form = newContractForm(p.Page, in)
		})
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.contracts.saved")
	http.Redirect(w, r, "/desk/contracts/"+id(cid), http.StatusSeeOther)
}

// contractBook books units on a contract or credits them back.
func (h *contractPages) contractBook(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	in := contract.BookInput{Units: f.Get("book_units"), Ticket: f.Get("ticket"), Note: f.Get("note")}
	cid := contractID(r)
	_, err = h.contracts.Book(r.Context(), web.UserOf(r), cid, in)
	var verr *model.ValidationError
	if errors.As(err, &verr) {
		h.renderContract(w, r, http.StatusUnprocessableEntity, verr, func(p *contractPage, c *contract.Summary) {
			p.Form = newContractForm(p.Page, h.contracts.InputOf(c.Contract))
			p.Book = in
		})
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.contracts.booked")
	http.Redirect(w, r, "/desk/contracts/"+id(cid), http.StatusSeeOther)
}
