package desk

import (
	"context"
	"fmt"

	"supportal/internal/model"
	"supportal/internal/ticket"
	"supportal/internal/web"
)

// The call pages: a ticket's "Phone and SMS" section logs calls (kept as
// internal messages of kind phone) and sends text messages to the
// requester; the call desk finds a contact by name, address or phone and
// opens a ticket from a call. The SMS webhook lives in package web.

// registerCallPages adds the call and SMS forms and the call desk.
func registerCallPages(h *handler) {
	r := h.s.Router()
	r.Page("POST /desk/tickets/{number}/calls", web.Agent, h.callCreate)
	r.Page("POST /desk/tickets/{number}/sms", web.Agent, h.smsCreate)
	r.Page("GET /desk/calls/new", web.Agent, h.callNew)
	r.Page("POST /desk/calls", web.Agent, h.callTicketCreate)
}

// callSection is the "Phone and SMS" section of the ticket page.
type callSection struct {
	Call           callForm
	CallErrors     map[string]string
	Direction      []choice
	Outcome        []choice
	SMS            smsForm
	SMSErrors      map[string]string
	SMSProblem     string // translated: the gateway did not take the message
	RequesterPhone string
}

// callForm is the call form as typed.
type callForm struct {
	Direction, Number, Duration, Outcome, Note string
}

func callFormOf(f *web.Form) callForm {
	return callForm{Direction: f.Trimmed("direction"), Number: f.Get("number"), Duration: f.Get("duration"),
		Outcome: f.Trimmed("outcome"), Note: f.Get("note")}
}

func (f callForm) params() ticket.CallParams {
	return ticket.CallParams{Direction: f.Direction, Number: f.Number, Duration: f.Duration, Outcome: f.Outcome, Note: f.Note}
}

// smsForm is the SMS form as typed.
type smsForm struct {
	To, Text string
}

// callSectionOf starts the section of t: an incoming call that reached
// the requester, at the requester's number.
func (h *handler) callSectionOf(ctx context.Context, p *web.Page, t *model.Ticket) (callSection, error) {
	r, err := h.s.Store.User(ctx, t.RequesterID)
	if err != nil {
		return callSection{}, fmt.Errorf("desk: requester of ticket %d: %w", t.Number, err)
	}
	sec := callSection{RequesterPhone: r.Phone}
	sec.setCall(p, callForm{Direction: ticket.CallIn, Number: r.Phone, Outcome: ticket.CallReached})
	return sec, nil
}

// setCall puts a call form into the section with its choices.
func (c *callSection) setCall(p *web.Page, f callForm) {
	c.Call = f
	c.Direction, c.Outcome = callChoices(p, f)
}

// callChoices are the direction and outcome choices of f.
func callChoices(p *web.Page, f callForm) (direction, outcome []choice) {
	direction = pick([]string{ticket.CallIn, ticket.CallOut}, f.Direction, func(d string) (string, string) { return d, p.T("calls.direction." + d) })
	outcome = pick(ticket.CallOutcomes, f.Outcome, func(o string) (string, string) { return o, p.T("calls.outcome." + o) })
	return direction, outcome
}

// failCall shows the call form's errors, keeping what the agent typed.
func (p *ticketPage) failCall(form callForm, v *model.ValidationError) {
	p.Calls.setCall(p.Page, form)
	p.SetErrors(v)
	p.Calls.CallErrors, p.Errors = p.Errors, nil
}

// failSMS shows the SMS form's errors, keeping what the agent typed.
func (p *ticketPage) failSMS(form smsForm, v *model.ValidationError) {
	p.Calls.SMS = form
	p.SetErrors(v)
	p.Calls.SMSErrors, p.Errors = p.Errors, nil
}

// CallFacts words what a call or text message adds to its message in
// the correspondence: direction, number, length and outcome of a call,
// the number of a text message; "" for other messages.
func (p *ticketPage) CallFacts(m messageView) string {
	switch m.Kind {
	case model.KindPhone:
		dir := m.CallDirection
		if dir != ticket.CallIn && dir != ticket.CallOut {
			dir = "unknown"
		}
		return p.T("calls.facts", "Direction", p.T("calls.direction."+dir), "Number", m.Phone,
			"Duration", callDuration(m.CallSeconds), "Outcome", p.translateOutcome(m.CallOutcome))
	case model.KindSMSIn:
		return p.T("calls.sms_from", "Number", m.Phone)
	case model.KindSMSOut:
		return p.T("calls.sms_to", "Number", m.Phone)
	}
	return ""
}

func (p *ticketPage) translateOutcome(o string) string {
	if s, ok := p.Lookup("calls.outcome." + o); ok {
		return s
	}
	return o
}

// callDuration writes seconds as m:ss, or h:mm:ss from an hour on.
func callDuration(seconds int64) string {
	if seconds >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", seconds/3600, seconds%3600/60, seconds%60)
	}
	return fmt.Sprintf("%d:%02d", seconds/60, seconds%60)
}

// callFields is the data of the "calls-fields" partial.
type callFields struct {
	Page      *web.Page
	Errors    map[string]string
	Form      callForm
	Direction []choice
	Outcome   []choice
}

// CallFields are the call form's fields on the ticket page.
func (p *ticketPage) CallFields() callFields {
	c := p.Calls
	return callFields{Page: p.Page, Errors: c.CallErrors, Form: c.Call, Direction: c.Direction, Outcome: c.Outcome}
}
