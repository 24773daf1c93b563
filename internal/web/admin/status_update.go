package admin

import (
	"errors"
	"net/http"

	"supportal/internal/model"
	"supportal/internal/web"
)

// statusUpdate renames, relabels or recategorises a status. The
// statuses every instance starts with keep their names (the API's keys);
// a status with tickets keeps its category, so whose turn those tickets
// are does not change behind their back; every category keeps a status.
func (h *modelPages) statusUpdate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	f, statuses, s, ok := h.postedStatus(w, r)
	if !ok {
		return
	}
	v := &model.ValidationError{}
	next := s
	next.Labels = labelsOf(f, v)
	if f.Has("name") {
		next.Name = nameOf(f, "name", v)
	}
	if isBuiltin(s.Name) && next.Name != s.Name {
		v.Add("name", "ticketmodel.error.builtin_name")
	}
	if f.Has("category") {
		next.Category = model.Category(f.Get("category"))
	}
	if next.Category != s.Category {
		if err := h.checkCategoryChange(r, statuses, s, next.Category, v); err != nil {
			h.s.Error(w, r, err)
			return
		}
	}
	if v.Err() == nil {
		err := h.s.Store.UpdateStatus(ctx, next)
		if errors.Is(err, model.ErrConflict) {
			v.Add("name", "ticketmodel.error.name_taken")
		} else if err != nil {
			h.s.Error(w, r, err)
			return
		}
	}
	if v.Err() != nil {
		h.renderStatuses(w, r, http.StatusUnprocessableEntity, statusForm{Category: string(model.CategoryOpen)}, s.ID, h.translate(r, v))
		return
	}
	web.Flash(w, "flash.ticketmodel.status_saved")
	http.Redirect(w, r, "/admin/statuses", http.StatusSeeOther)
}

// checkCategoryChange refuses moving s to category c when that leaves
// its category empty or when tickets are in it.
func (h *modelPages) checkCategoryChange(r *http.Request, statuses []model.Status, s model.Status, c model.Category, v *model.ValidationError) error {
	if !c.Valid() {
		v.Add("category", "error.category")
		return nil
	}
	if lastOfCategory(statuses, s) {
		v.Add("category", "ticketmodel.error.last_of_category")
		return nil
	}
	n, err := h.s.Store.StatusTicketCount(r.Context(), s.ID)
	if err != nil {
		return err
	}
	if n > 0 {
		v.Add("category", "ticketmodel.error.category_in_use")
	}
	return nil
}

// lastOfCategory reports whether s is the only status of its category.
func lastOfCategory(statuses []model.Status, s model.Status) bool {
	for _, o := range statuses {
		if o.Category == s.Category && o.ID != s.ID {
			return false
		}
	}
	return true
}
