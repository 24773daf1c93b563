package desk

import (
	"errors"
	"net/http"

	"supportal/internal/model"
	"supportal/internal/web"
)

// done is where a form posted on the ticket page leads after it worked:
// the notice to flash and the address to go to.
type done struct {
	flash, to string
}

// ticketForm runs a form posted on the ticket page: act makes the change
// to the path's ticket with the posted form. On a validation error the
// page is shown again (422) with keep putting back what the agent typed
// and the errors; nothing was changed. Any other error is the error page.
func (h *handler) ticketForm(w http.ResponseWriter, r *http.Request,
	act func(t *model.Ticket, f *web.Form) (done, error),
	keep func(p *ticketPage, f *web.Form, v *model.ValidationError)) {
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
	d, err := act(t, f)
	var v *model.ValidationError
	if errors.As(err, &v) {
		p, err := h.newTicketPage(r, t, acc)
		if err != nil {
			h.s.Error(w, r, err)
			return
		}
		keep(p, f, v)
		h.renderTicket(w, r, http.StatusUnprocessableEntity, p)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, d.flash)
	http.Redirect(w, r, d.to, http.StatusSeeOther)
}
