package desk

import (
	"net/http"

	"supportal/internal/model"
	"supportal/internal/web"
)

// timeCreate logs time on a ticket.
func (h *handler) timeCreate(w http.ResponseWriter, r *http.Request) {
	h.ticketForm(w, r, func(t *model.Ticket, f *web.Form) (done, error) {
		logged, err := h.time.Log(r.Context(), web.UserOf(r), t.Number, timeFormOf(f).input())
		if err != nil {
			return done{}, err
		}
		d := done{flash: "flash.time.logged", to: ticketURL(t.Number) + "#time"}
		switch {
		case logged.Contract != nil:
			d.flash = "flash.time.booked"
		case logged.Billable:
			d.flash = "flash.time.not_booked"
		}
		return d, nil
	}, func(p *ticketPage, f *web.Form, v *model.ValidationError) { p.failTime(timeFormOf(f), v) })
}
