package admin

import (
	"errors"
	"net/http"

	"supportal/internal/model"
	"supportal/internal/web"
)

// statusCreate adds a status at the end; a taken name is refused.
func (h *modelPages) statusCreate(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	v := &model.ValidationError{}
	in := statusForm{Name: nameOf(f, "name", v), Category: f.Get("category"), Labels: labelsOf(f, v)}
	if !model.Category(in.Category).Valid() {
		v.Add("category", "error.category")
	}
	if v.Err() == nil {
		_, err = h.s.Store.CreateStatus(r.Context(), model.Status{Name: in.Name, Category: model.Category(in.Category), Labels: in.Labels})
		if errors.Is(err, model.ErrConflict) {
			v.Add("name", "ticketmodel.error.name_taken")
		} else if err != nil {
			h.s.Error(w, r, err)
			return
		}
	}
	if v.Err() != nil {
		h.renderStatuses(w, r, http.StatusUnprocessableEntity, in, 0, h.translate(r, v))
		return
	}
	web.Flash(w, "flash.ticketmodel.status_added")
	http.Redirect(w, r, "/admin/statuses", http.StatusSeeOther)
}
