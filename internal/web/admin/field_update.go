package admin

import (
	"net/http"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/web"
)

// optionUpdate relabels a value and sets whether contacts may choose it
// and whether it is its field's default.
func (h *modelPages) optionUpdate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	f, o, _, ok := h.postedOption(w, r)
	if !ok {
		return
	}
	v := &model.ValidationError{}
	o.Labels = labelsOf(f, v)
	o.ContactSelectable, o.Default = f.Get("contact_selectable") != "", f.Get("default") != ""
	if v.Err() != nil {
		key := optionForm{Field: o.Field, Module: o.Parent, Value: o.Value}.key()
		h.renderOptions(w, r, http.StatusUnprocessableEntity, optionForm{Field: model.FieldModule, ContactSelectable: true}, key, h.translate(r, v))
		return
	}
	if err := h.s.Store.InTx(ctx, func(q *store.Queries) error { return q.UpdateOption(ctx, o) }); err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.ticketmodel.value_saved")
	http.Redirect(w, r, "/admin/fields", http.StatusSeeOther)
}

// optionMove moves a value one place up or down among its siblings.
func (h *modelPages) optionMove(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	f, o, siblings, ok := h.postedOption(w, r)
	if !ok {
		return
	}
	order, found := moved(siblings, o.Value, f.Get("dir"))
	if !found {
		h.s.Error(w, r, model.ErrNotFound)
		return
	}
	err := h.s.Store.InTx(ctx, func(q *store.Queries) error { return q.SetOptionOrder(ctx, o.Field, o.Parent, order) })
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/fields", http.StatusSeeOther)
}

// optionDelete stops offering a value. Tickets that have it keep it.
func (h *modelPages) optionDelete(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	_, o, _, ok := h.postedOption(w, r)
	if !ok {
		return
	}
	if err := h.s.Store.InTx(ctx, func(q *store.Queries) error { return q.DeleteOption(ctx, o.Field, o.Parent, o.Value) }); err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.ticketmodel.value_removed")
	http.Redirect(w, r, "/admin/fields", http.StatusSeeOther)
}
