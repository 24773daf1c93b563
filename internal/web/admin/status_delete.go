package admin

import (
	"net/http"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/web"
)

// statusDelete removes a status. The last status of a category stays; a
// status with tickets goes only when the admin names another status of
// the same category to move them to.
func (h *modelPages) statusDelete(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	f, statuses, s, ok := h.postedStatus(w, r)
	if !ok {
		return
	}
	lang := web.LangOf(r)
	errs := map[string]string{}
	n, err := h.s.Store.StatusTicketCount(ctx, s.ID)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	var moveTo int64
	switch target, found := statusOf(statuses, f.Int64("move_to")); {
	case lastOfCategory(statuses, s):
		errs["delete"] = h.s.Catalog.T(lang, "ticketmodel.error.last_of_category")
	case n > 0 && (!found || target.Category != s.Category || target.ID == s.ID):
		errs["delete"] = h.s.Catalog.T(lang, "ticketmodel.error.in_use", "Count", n)
	case n > 0:
		moveTo = target.ID
	}
	if len(errs) > 0 {
		h.renderStatuses(w, r, http.StatusUnprocessableEntity, statusForm{Category: string(model.CategoryOpen)}, s.ID, errs)
		return
	}
	if err := h.s.Store.InTx(ctx, func(q *store.Queries) error { return q.DeleteStatus(ctx, s.ID, moveTo) }); err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.ticketmodel.status_deleted")
	http.Redirect(w, r, "/admin/statuses", http.StatusSeeOther)
}
