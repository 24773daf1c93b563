package desk

import (
	"errors"
	"net/http"
	"strconv"
	"unicode/utf8"

	"supportal/internal/model"
	"supportal/internal/ticket"
	"supportal/internal/web"
)

// callNewPage is the call desk: find the caller, then open a ticket with
// the call as its first message.
type callNewPage struct {
	*web.Page
	Q           string
	Searched    bool
	Contacts    []*model.User
	RequesterID int64 // the contact chosen
	Subject     string
	Call        callForm
	Direction   []choice
	Outcome     []choice
}

// callNew finds contacts by name, address or phone number for a new
// ticket from a call.
func (h *handler) callNew(w http.ResponseWriter, r *http.Request) {
	p := h.callNewPage(r, r.URL.Query().Get("q"), callForm{Direction: ticket.CallIn, Outcome: ticket.CallReached})
	if utf8.RuneCountInString(p.Q) > maxQuery {
		p.SetErrors(model.Invalid("q", "error.too_long"))
		h.s.Render(w, r, http.StatusUnprocessableEntity, "desk/call_new", p)
		return
	}
	if err := h.findCallers(r, p); err != nil {
		h.s.Error(w, r, err)
		return
	}
	if len(p.Contacts) == 1 {
		p.RequesterID = p.Contacts[0].ID
		p.Call.Number = p.Contacts[0].Phone
	}
	h.s.Render(w, r, http.StatusOK, "desk/call_new", p)
}

// callTicketCreate opens a ticket of channel phone for the chosen
// contact, with the call as its first message.
func (h *handler) callTicketCreate(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p := h.callNewPage(r, f.Get("q"), callFormOf(f))
	p.Subject = f.Get("subject")
	p.RequesterID, _ = strconv.ParseInt(f.Trimmed("requester_id"), 10, 64)
	t, err := h.s.Tickets.CreateFromCall(r.Context(), web.UserOf(r), ticket.CallTicketParams{
		RequesterID: p.RequesterID, Subject: p.Subject, Call: p.Call.params(),
	})
	var v *model.ValidationError
	if errors.As(err, &v) {
		if utf8.RuneCountInString(p.Q) > maxQuery {
			p.Q = ""
		}
		if err := h.findCallers(r, p); err != nil {
			h.s.Error(w, r, err)
			return
		}
		p.SetErrors(v)
		h.s.Render(w, r, http.StatusUnprocessableEntity, "desk/call_new", p)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.calls.ticket_created")
	http.Redirect(w, r, ticketURL(t.Number), http.StatusSeeOther)
}

func (h *handler) callNewPage(r *http.Request, q string, call callForm) *callNewPage {
	p := &callNewPage{Page: h.s.NewPage(r, "calls.new.title"), Q: q, Call: call}
	p.Direction, p.Outcome = callChoices(p.Page, call)
	return p
}

// findCallers searches the contacts for p.Q; an empty query finds none.
func (h *handler) findCallers(r *http.Request, p *callNewPage) error {
	if p.Q == "" {
		return nil
	}
	var err error
	p.Contacts, err = h.s.Store.FindContacts(r.Context(), p.Q, contactsShown)
	p.Searched = true
	return err
}

// CallFields are the call form's fields on the call desk.
func (p *callNewPage) CallFields() callFields {
	return callFields{Page: p.Page, Errors: p.Errors, Form: p.Call, Direction: p.Direction, Outcome: p.Outcome}
}
