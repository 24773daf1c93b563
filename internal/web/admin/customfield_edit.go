package admin

import (
	"net/http"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/web"
)

// customFieldPage is the form of one custom field.
type customFieldPage struct {
	modelPage
	Form      customFieldForm
	Kind      string // in the page's language
	Languages []string
}

// customFieldOf loads the field of the request's {id}.
func (h *modelPages) customFieldOf(r *http.Request) (*model.CustomField, error) {
	id, ok := pathID(r)
	if !ok {
		return nil, model.ErrNotFound
	}
	fields, err := h.s.Store.CustomFields(r.Context())
	if err != nil {
		return nil, err
	}
	for _, f := range fields {
		if f.ID == id {
			return &f, nil
		}
	}
	return nil, model.ErrNotFound
}

func (h *modelPages) customFieldEdit(w http.ResponseWriter, r *http.Request) {
	c, err := h.customFieldOf(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	h.renderCustomField(w, r, http.StatusOK, customFieldFormOf(*c), nil)
}

func (h *modelPages) renderCustomField(w http.ResponseWriter, r *http.Request, code int, f customFieldForm, v *model.ValidationError) {
	p := &customFieldPage{modelPage: modelPage{h.s.NewPage(r, "ticketmodel.custom.edit_title", "Key", f.Key)}, Form: f, Languages: labelLanguages}
	p.Kind = p.T("ticketmodel.kind." + f.Kind)
	if v != nil {
		p.SetErrors(v)
	}
	h.s.Render(w, r, code, "admin/custom_field", p)
}

// customFieldUpdate saves the labels, options and flags of a field;
// unticking "active" retires it (values stay on tickets).
func (h *modelPages) customFieldUpdate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := h.customFieldOf(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	v := &model.ValidationError{}
	in, next := readCustomField(f, c, v)
	if v.Err() != nil {
		h.renderCustomField(w, r, http.StatusUnprocessableEntity, in, v)
		return
	}
	if err := h.s.Store.InTx(ctx, func(q *store.Queries) error { return q.UpdateCustomField(ctx, next) }); err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.ticketmodel.field_saved")
	http.Redirect(w, r, "/admin/custom-fields", http.StatusSeeOther)
}

// customFieldMove moves a field one place up or down in forms.
func (h *modelPages) customFieldMove(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := h.customFieldOf(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	fields, err := h.s.Store.CustomFields(ctx)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	ids := make([]int64, len(fields))
	for i, x := range fields {
		ids[i] = x.ID
	}
	order, _ := moved(ids, c.ID, f.Get("dir"))
	if err := h.s.Store.InTx(ctx, func(q *store.Queries) error { return q.SetCustomFieldOrder(ctx, order) }); err != nil {
		h.s.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/custom-fields", http.StatusSeeOther)
}
