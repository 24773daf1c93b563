package admin

import (
	"net/http"
	"slices"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/web"
)

// optionCreate adds a value to a field (a version to a module) at the
// end of its list.
func (h *modelPages) optionCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	v := &model.ValidationError{}
	in := optionForm{Field: f.Get("field"), Module: f.Get("module"), Value: nameOf(f, "value", v), Labels: labelsOf(f, v),
		ContactSelectable: f.Get("contact_selectable") != "", Default: f.Get("default") != ""}
	opts, err := h.s.Store.Options(ctx)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	has := func(field, parent, value string) bool {
		return slices.ContainsFunc(opts, func(o model.Option) bool { return o.Field == field && o.Parent == parent && o.Value == value })
	}
	switch {
	case !slices.Contains(model.OptionFields, in.Field):
		v.Add("field", "error.option")
	case in.Field != model.FieldVersion:
		in.Module = ""
	case in.Module == "" || !has(model.FieldModule, "", in.Module):
		v.Add("module", "error.version_module")
	}
	if v.Err() == nil && has(in.Field, in.Module, in.Value) {
		v.Add("value", "ticketmodel.error.value_taken")
	}
	if v.Err() != nil {
		h.renderOptions(w, r, http.StatusUnprocessableEntity, in, "", h.translate(r, v))
		return
	}
	last := 0
	for _, o := range opts {
		if o.Field == in.Field && o.Parent == in.Module {
			last = max(last, o.Position)
		}
	}
	o := model.Option{Field: in.Field, Parent: in.Module, Value: in.Value, Position: last + 10,
		ContactSelectable: in.ContactSelectable, Default: in.Default, Labels: in.Labels}
	err = h.s.Store.InTx(ctx, func(q *store.Queries) error {
		if err := q.AddOption(ctx, o); err != nil {
			return err
		}
		return q.UpdateOption(ctx, o)
	})
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.ticketmodel.value_added")
	http.Redirect(w, r, "/admin/fields", http.StatusSeeOther)
}
