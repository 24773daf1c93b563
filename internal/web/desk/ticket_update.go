package desk

import (
	"errors"
	"net/http"
	"strconv"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/web"
)

// ticketUpdate changes a ticket's status, waiting reason and fields with
// what the side panel sent, writing only what changed.
func (h *handler) ticketUpdate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := web.UserOf(r)
	t, acc, err := h.s.PathTicket(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	n := t.Number
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	statuses, err := h.s.Tickets.Statuses(ctx)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	form := editFormOf(t).merge(f)
	params, changed, bad := form.params(t, statuses)
	if params.CustomFields, err = h.customParams(ctx, f, t, &form); err != nil {
		h.s.Error(w, r, err)
		return
	}
	changed = changed || params.CustomFields != nil
	if bad.Err() != nil {
		h.editFailed(w, r, t, acc, form, bad)
		return
	}
	if !changed {
		web.Flash(w, "flash.desk.unchanged")
		http.Redirect(w, r, ticketURL(n), http.StatusSeeOther)
		return
	}
	updated, err := h.s.Tickets.Update(ctx, u, n, params)
	var verr *model.ValidationError
	switch {
	case errors.As(err, &verr):
		h.editFailed(w, r, t, acc, form, verr)
		return
	case err != nil:
		h.s.Error(w, r, err)
		return
	}
	if !authz.Ticket(u, updated).See { // moved to a team the agent is not in
		web.Flash(w, "flash.desk.moved_away")
		http.Redirect(w, r, "/desk/tickets", http.StatusSeeOther)
		return
	}
	web.Flash(w, "flash.desk.updated")
	http.Redirect(w, r, ticketURL(n), http.StatusSeeOther)
}

// editFailed shows the ticket again with the side panel's errors and the
// values the agent chose; nothing was changed.
func (h *handler) editFailed(w http.ResponseWriter, r *http.Request, t *model.Ticket, acc authz.TicketAccess, form editForm, v *model.ValidationError) {
	p, err := h.newTicketPage(r, t, acc)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p.failEdit(form, v)
	h.renderTicket(w, r, http.StatusUnprocessableEntity, p)
}

// ticketURL is the desk's address of a ticket.
func ticketURL(n int64) string { return "/desk/tickets/" + strconv.FormatInt(n, 10) }
