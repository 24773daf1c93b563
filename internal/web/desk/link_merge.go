package desk

import (
	"net/http"

	"supportal/internal/web"
)

// ticketMerge merges the ticket shown into the ticket typed, and shows
// the survivor.
func (h *handler) ticketMerge(w http.ResponseWriter, r *http.Request) {
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
	into := f.Get("into")
	survivor, err := h.s.Tickets.Merge(r.Context(), web.UserOf(r), t.Number, formNumber(into))
	if err != nil {
		h.linkFailed(w, r, t, acc, err, func(lt *linkTools) { lt.Into = into }, "merge")
		return
	}
	web.Flash(w, "flash.links.merged")
	http.Redirect(w, r, ticketURL(survivor.Number), http.StatusSeeOther)
}
