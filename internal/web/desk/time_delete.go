package desk

import (
	"net/http"
	"strconv"

	"supportal/internal/web"
)

// timeDelete deletes a time entry and the units it booked.
func (h *handler) timeDelete(w http.ResponseWriter, r *http.Request) {
	t, _, err := h.s.PathTicket(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	if err := h.time.Delete(r.Context(), web.UserOf(r), t.Number, entryID(r)); err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.time.deleted")
	http.Redirect(w, r, ticketURL(t.Number)+"#time", http.StatusSeeOther)
}

// entryID is the {id} of the path; 0, which names no entry, when it is
// not a number.
func entryID(r *http.Request) int64 {
	n, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || n <= 0 {
		return 0
	}
	return n
}
