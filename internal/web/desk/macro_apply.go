package desk

import (
	"errors"
	"maps"
	"net/http"
	"slices"
	"strings"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/web"
)

// macroApply applies a macro to a ticket: its reply, status, fields, team
// and assignee together, through the ticket service.
func (h *tplHandler) macroApply(w http.ResponseWriter, r *http.Request) {
	u := web.UserOf(r)
	t, acc, err := h.s.PathTicket(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	n, err := pathID(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	updated, err := h.macros.Apply(r.Context(), u, t.Number, n)
	var bad *model.ValidationError
	switch {
	case errors.As(err, &bad):
		p, err := h.newTicketPage(r, t, acc)
		if err != nil {
			h.s.Error(w, r, err)
			return
		}
		var msgs []string
		for _, field := range slices.Sorted(maps.Keys(bad.Fields)) {
			msgs = append(msgs, p.T(bad.Fields[field]))
		}
		p.FormError = p.T("replytpl.macro.error.failed", "Problems", strings.Join(msgs, " "))
		h.renderTicket(w, r, http.StatusUnprocessableEntity, p)
		return
	case err != nil:
		h.s.Error(w, r, err)
		return
	}
	if !authz.Ticket(u, updated).See {
		web.Flash(w, "flash.desk.moved_away")
		http.Redirect(w, r, "/desk/tickets", http.StatusSeeOther)
		return
	}
	web.Flash(w, "flash.replytpl.macro_applied")
	http.Redirect(w, r, ticketURL(t.Number), http.StatusSeeOther)
}
