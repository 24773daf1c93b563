package admin

import (
	"errors"
	"net/http"
	"strconv"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/web"
)

// customFieldCreate defines a custom field at the end of the list; a
// taken key is refused.
func (h *modelPages) customFieldCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	v := &model.ValidationError{}
	in, c := readCustomField(f, nil, v)
	var id int64
	if v.Err() == nil {
		err = h.s.Store.InTx(ctx, func(q *store.Queries) error {
			id, err = q.CreateCustomField(ctx, c)
			return err
		})
		if errors.Is(err, model.ErrConflict) {
			v.Add("key", "ticketmodel.error.key_taken")
		} else if err != nil {
			h.s.Error(w, r, err)
			return
		}
	}
	if v.Err() != nil {
		h.renderCustomFields(w, r, http.StatusUnprocessableEntity, in, v)
		return
	}
	web.Flash(w, "flash.ticketmodel.field_added")
	http.Redirect(w, r, "/admin/custom-fields/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}
