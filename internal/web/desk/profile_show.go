package desk

import (
	"net/http"

	"supportal/internal/web"
)

// profilePage is the agent's own settings: the signature under replies.
type profilePage struct {
	*web.Page
	Signature string
}

// profileShow shows the agent's signature for editing.
func (h *handler) profileShow(w http.ResponseWriter, r *http.Request) {
	sig, err := h.s.Store.Signature(r.Context(), web.UserOf(r).ID)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	h.s.Render(w, r, http.StatusOK, "desk/profile", &profilePage{Page: h.s.NewPage(r, "desk.profile.title"), Signature: sig})
}
