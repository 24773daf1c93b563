package desk

import (
	"errors"
	"net/http"

	"supportal/internal/model"
	"supportal/internal/sms"
	"supportal/internal/ticket"
	"supportal/internal/web"
)

// smsCreate sends a text message from a ticket. When the gateway does
// not take it, the page answers 502 with the typed text kept, and
// nothing is stored.
func (h *handler) smsCreate(w http.ResponseWriter, r *http.Request) {
	t, acc, err := h.s.PathTicket(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	form := smsForm{To: f.Get("to"), Text: f.Get("text")}
	_, err = h.s.Tickets.SendSMS(r.Context(), web.UserOf(r), t.Number, ticket.SMSParams{To: form.To, Text: form.Text})
	var v *model.ValidationError
	var problem string
	switch {
	case err == nil:
		web.Flash(w, "flash.calls.sms_sent")
		http.Redirect(w, r, ticketURL(t.Number)+"#calls", http.StatusSeeOther)
		return
	case errors.As(err, &v):
	case errors.Is(err, sms.ErrNotConfigured):
		problem = "calls.error.sms_unconfigured"
	case errors.Is(err, sms.ErrGateway):
		h.s.Log.Warn("sms gateway", "ticket", t.Number, "err", err)
		problem = "calls.error.sms_gateway"
	default:
		h.s.Error(w, r, err)
		return
	}
	p, perr := h.newTicketPage(r, t, acc)
	if perr != nil {
		h.s.Error(w, r, perr)
		return
	}
	code := http.StatusUnprocessableEntity
	if v != nil {
		p.failSMS(form, v)
	} else {
		p.Calls.SMS = form
		p.Calls.SMSProblem = p.T(problem)
		code = http.StatusBadGateway
		if problem == "calls.error.sms_unconfigured" {
			code = http.StatusServiceUnavailable
		}
	}
	h.renderTicket(w, r, code, p)
}
