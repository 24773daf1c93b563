package kbweb

import (
	"net/http"

	"supportal/internal/web"
)

// sectionFollow starts (follow=1) or ends following a section from its
// heading on /kb. A section none of whose articles the contact may read
// is 404, as it does not show on /kb either.
func (h *handler) sectionFollow(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	if err := h.kb.Follow(r.Context(), web.UserOf(r), 0, id, f.Get("follow") == "1"); err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.kb.follow")
	http.Redirect(w, r, "/kb#section-"+itoa(id), http.StatusSeeOther)
}
