package desk

import (
	"net/http"
	"strconv"

	"supportal/internal/ticket"
	"supportal/internal/web"
)

// technicalCreate opens an internal ticket at a technical team for the
// ticket shown, which goes on hold until the technical ticket is resolved.
func (h *handler) technicalCreate(w http.ResponseWriter, r *http.Request) {
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
	form := technicalForm{Team: f.Get("team"), Subject: f.Get("subject"), Note: f.Get("note")}
	team, _ := strconv.ParseInt(form.Team, 10, 64)
	_, err = h.s.Tickets.OpenTechnical(r.Context(), web.UserOf(r), t.Number, ticket.TechnicalParams{TeamID: team, Subject: form.Subject, Note: form.Note})
	if err != nil {
		h.linkFailed(w, r, t, acc, err, func(lt *linkTools) { lt.Technical = form }, "technical")
		return
	}
	web.Flash(w, "flash.links.technical_opened")
	http.Redirect(w, r, ticketURL(t.Number)+"#links", http.StatusSeeOther)
}
