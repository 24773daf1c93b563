package desk

import (
	"errors"
	"net/http"
	"strconv"

	"supportal/internal/authz"
	"supportal/internal/contract"
	"supportal/internal/model"
	"supportal/internal/web"
	"supportal/internal/web/contractview"
)

// The contract pages: every agent sees an organization's contracts with
// what is left of their units and books units used on a ticket or
// credited back; only admins create contracts and change their terms
// (DESIGN §1), since the terms are what the customer bought. An agent sees
// the pages without the forms for terms, and a POST of terms by an agent
// who is not an admin answers 403.

// contractPages serves the contract pages.
type contractPages struct {
	*handler
	contracts *contract.Service
}

// registerContractPages adds the contract pages.
func registerContractPages(h *handler) {
	c := &contractPages{handler: h, contracts: contract.New(h.s.Store, h.s.Config.TimeZone)}
	r := h.s.Router()
	r.Page("GET /desk/orgs/{id}/contracts", web.Agent, c.contractList)
	r.Page("POST /desk/orgs/{id}/contracts", web.Agent, c.contractCreate)
	r.Page("GET /desk/contracts/{id}", web.Agent, c.contractShow)
	r.Page("POST /desk/contracts/{id}", web.Agent, c.contractUpdate)
	r.Page("POST /desk/contracts/{id}/bookings", web.Agent, c.contractBook)
}

// contractForm is the form of a contract's terms as typed.
type contractForm struct {
	contract.Input
	Period selectField
}

// newContractForm fills the form with in, marking its errors.
func newContractForm(p *web.Page, in contract.Input) contractForm {
	choices := pick(model.Periods, in.Period, func(x model.Period) (string, string) {
		return string(x), p.T("contracts.period." + string(x))
	})
	return contractForm{Input: in, Period: selectField{Name: "period", ID: "contract-period", Label: p.T("contracts.field.period"),
		Error: p.Errors["period"], Choices: choices}}
}

// contractInput reads the terms from a submitted form.
func contractInput(f *web.Form) contract.Input {
	return contract.Input{Name: f.Get("name"), Starts: f.Get("starts"), Ends: f.Get("ends"), Period: f.Get("period"),
		Units: f.Get("units"), UnitMinutes: f.Get("unit_minutes"), Notes: f.Get("notes")}
}

// contractListPage lists an organization's contracts, with the form that
// adds one for admins.
type contractListPage struct {
	*web.Page
	Org     *model.Organization
	Cards   []contractview.Card
	CanEdit bool
	Form    contractForm
}

// contractList shows an organization's contracts.
func (h *contractPages) contractList(w http.ResponseWriter, r *http.Request) {
	o, ok := h.orgOf(w, r)
	if !ok {
		return
	}
	p := &contractListPage{Page: h.s.NewPage(r, "contracts.desk.title", "Org", o.Name), Org: o}
	in := contract.Input{Period: string(model.PeriodQuarter), UnitMinutes: "15"}
	h.renderContractList(w, r, http.StatusOK, p, in)
}

func (h *contractPages) renderContractList(w http.ResponseWriter, r *http.Request, code int, p *contractListPage, in contract.Input) {
	u := web.UserOf(r)
	list, err := h.contracts.Contracts(r.Context(), u, p.Org.ID)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	for _, c := range list {
		card := contractview.NewCard(p.Page, c)
		card.DetailPath, card.Staff = "/desk/contracts/"+id(c.ID), true
		p.Cards = append(p.Cards, card)
	}
	p.CanEdit = authz.EditContracts(u)
	p.Form = newContractForm(p.Page, in)
	h.s.Render(w, r, code, "desk/contracts", p)
}

// contractCreate adds a contract to an organization and opens it.
func (h *contractPages) contractCreate(w http.ResponseWriter, r *http.Request) {
	o, ok := h.orgOf(w, r)
	if !ok {
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	in := contractInput(f)
	cid, err := h.contracts.Create(r.Context(), web.UserOf(r), o.ID, in)
	var verr *model.ValidationError
	if errors.As(err, &verr) {
		p := &contractListPage{Page: h.s.NewPage(r, "contracts.desk.title", "Org", o.Name), Org: o}
		p.SetErrors(verr)
		h.renderContractList(w, r, http.StatusUnprocessableEntity, p, in)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.contracts.created")
	http.Redirect(w, r, "/desk/contracts/"+id(cid), http.StatusSeeOther)
}

// contractID reads the contract id of the path; 0 when it is none.
func contractID(r *http.Request) int64 {
	n, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || n <= 0 {
		return 0
	}
	return n
}
