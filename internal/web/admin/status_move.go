package admin

import (
	"net/http"

	"supportal/internal/model"
	"supportal/internal/store"
)

// statusMove moves a status one place up or down in the order of lists
// and selects.
func (h *modelPages) statusMove(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, ok := pathID(r)
	if !ok {
		h.s.Error(w, r, model.ErrNotFound)
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	statuses, err := h.s.Store.Statuses(ctx)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	ids := make([]int64, len(statuses))
	for i, s := range statuses {
		ids[i] = s.ID
	}
	order, ok := moved(ids, id, f.Get("dir"))
	if !ok {
		h.s.Error(w, r, model.ErrNotFound)
		return
	}
	err = h.s.Store.InTx(ctx, func(q *store.Queries) error { return q.SetStatusOrder(ctx, order) })
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/statuses", http.StatusSeeOther)
}

// moved returns list with item swapped with its neighbour in direction
// dir ("up" or "down"); at an end the list stays. ok is false when item
// is not in the list.
func moved[T comparable](list []T, item T, dir string) ([]T, bool) {
	out := append([]T(nil), list...)
	for i, x := range out {
		if x != item {
			continue
		}
		switch {
		case dir == "up" && i > 0:
			out[i-1], out[i] = out[i], out[i-1]
		case dir == "down" && i < len(out)-1:
			out[i+1], out[i] = out[i], out[i+1]
		}
		return out, true
	}
	return nil, false
}
