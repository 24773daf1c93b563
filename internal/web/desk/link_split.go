package desk

import (
	"net/http"
	"strconv"

	"supportal/internal/model"
	"supportal/internal/ticket"
	"supportal/internal/web"
)

// messageSplit makes message {id} of the ticket shown the first message
// of a new ticket, and shows the new ticket.
func (h *handler) messageSplit(w http.ResponseWriter, r *http.Request) {
	t, acc, err := h.s.PathTicket(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.s.Error(w, r, model.ErrNotFound)
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	form := splitForm{Message: r.PathValue("id"), Subject: f.Get("subject")}
	split, err := h.s.Tickets.Split(r.Context(), web.UserOf(r), t.Number, ticket.SplitParams{MessageID: id, Subject: form.Subject})
	if err != nil {
		h.linkFailed(w, r, t, acc, err, func(lt *linkTools) { lt.Split = form }, "split")
		return
	}
	web.Flash(w, "flash.links.split")
	http.Redirect(w, r, ticketURL(split.Number), http.StatusSeeOther)
}
