package desk

import (
	"net/http"

	"supportal/internal/ticket"
	"supportal/internal/web"
)

// linkCreate links another ticket to the one shown.
func (h *handler) linkCreate(w http.ResponseWriter, r *http.Request) {
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
	form := linkForm{Other: f.Get("other"), Kind: f.Get("kind")}
	err = h.s.Tickets.Link(r.Context(), web.UserOf(r), t.Number, ticket.LinkParams{Other: formNumber(form.Other), Kind: form.Kind})
	if err != nil {
		h.linkFailed(w, r, t, acc, err, func(lt *linkTools) { lt.Link = form }, "link")
		return
	}
	web.Flash(w, "flash.links.linked")
	http.Redirect(w, r, ticketURL(t.Number)+"#links", http.StatusSeeOther)
}
