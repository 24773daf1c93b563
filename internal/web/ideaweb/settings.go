package ideaweb

import (
	"errors"
	"net/http"

	"supportal/internal/model"
	"supportal/internal/web"
)

// settingsPage is the admin page of the feature board.
type settingsPage struct {
	*web.Page
	Visibility string
}

// settings shows who sees which ideas.
func (h *handler) settings(w http.ResponseWriter, r *http.Request) {
	v, err := h.ideas.Visibility(r.Context())
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	h.s.Render(w, r, http.StatusOK, "ideas/admin", &settingsPage{Page: h.s.NewPage(r, "ideas.admin_title"), Visibility: v})
}

// settingsSave changes the visibility.
func (h *handler) settingsSave(w http.ResponseWriter, r *http.Request) {
	f, ok := h.form(w, r)
	if !ok {
		return
	}
	err := h.ideas.SetVisibility(r.Context(), web.UserOf(r), f.Get("visibility"))
	var verr *model.ValidationError
	switch {
	case errors.As(err, &verr):
		p := &settingsPage{Page: h.s.NewPage(r, "ideas.admin_title"), Visibility: f.Get("visibility")}
		p.SetErrors(verr)
		h.s.Render(w, r, http.StatusUnprocessableEntity, "ideas/admin", p)
	case err != nil:
		h.s.Error(w, r, err)
	default:
		web.Flash(w, "flash.ideas_settings")
		http.Redirect(w, r, "/admin/ideas", http.StatusSeeOther)
	}
}
