package ideaweb

import (
	"errors"
	"fmt"
	"net/http"

	"supportal/internal/ideas"
	"supportal/internal/model"
	"supportal/internal/web"
)

// newPage is the data of the form for a new idea.
type newPage struct {
	*web.Page
	Form map[string]string
}

// newForm shows the form for a new idea.
func (h *handler) newForm(w http.ResponseWriter, r *http.Request) {
	p := &newPage{Page: h.s.NewPage(r, "ideas.new_title"), Form: map[string]string{}}
	h.s.Render(w, r, http.StatusOK, "ideas/new", p)
}

// create submits a new idea with its files.
func (h *handler) create(w http.ResponseWriter, r *http.Request) {
	f, ok := h.form(w, r)
	if !ok {
		return
	}
	u := web.UserOf(r)
	v, err := h.ideas.Create(r.Context(), u, ideas.CreateParams{Title: f.Get("title"), Body: f.Get("body"), Attachments: f.UploadIDs()})
	var verr *model.ValidationError
	switch {
	case errors.As(err, &verr):
		p := &newPage{Page: h.s.NewPage(r, "ideas.new_title"), Form: map[string]string{"title": f.Get("title"), "body": f.Get("body")}}
		p.SetErrors(verr)
		h.s.Render(w, r, http.StatusUnprocessableEntity, "ideas/new", p)
	case err != nil:
		h.s.Error(w, r, err)
	default:
		web.Flash(w, "flash.idea_created")
		http.Redirect(w, r, fmt.Sprintf("/portal/ideas/%d", v.ID), http.StatusSeeOther)
	}
}
