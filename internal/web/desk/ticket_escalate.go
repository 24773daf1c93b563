package desk

import (
	"errors"
	"net/http"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/ticket"
	"supportal/internal/web"
)

// ticketEscalate moves a ticket to another team with a note for it.
func (h *handler) ticketEscalate(w http.ResponseWriter, r *http.Request) {
	u := web.UserOf(r)
	t, acc, err := h.s.PathTicket(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	note := f.Get("note")
	bad := &model.ValidationError{}
	team := f.Int64("team")
	if team == 0 {
		bad.Add("team", "levels.error.team")
	}
	if bad.Err() == nil {
		var updated *model.Ticket
		updated, err = h.s.Tickets.Escalate(r.Context(), u, t.Number, ticket.EscalateParams{TeamID: team, Note: note, AssigneeID: f.Int64("assignee_id")})
		if err == nil {
			if !authz.Ticket(u, updated).See {
				web.Flash(w, "flash.levels.escalated_away")
				http.Redirect(w, r, "/desk/tickets", http.StatusSeeOther)
				return
			}
			web.Flash(w, "flash.levels.escalated")
			http.Redirect(w, r, ticketURL(t.Number), http.StatusSeeOther)
			return
		}
		if !errors.As(err, &bad) {
			h.s.Error(w, r, err)
			return
		}
	}
	h.escalateFailed(w, r, t, acc, note, bad)
}

// escalateFailed shows the ticket again with the escalate form's errors
// and the note the agent wrote; nothing was changed.
func (h *handler) escalateFailed(w http.ResponseWriter, r *http.Request, t *model.Ticket, acc authz.TicketAccess, note string, v *model.ValidationError) {
	p, err := h.newTicketPage(r, t, acc)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p.Levels.Note = note
	p.SetErrors(v)
	p.Levels.Errors, p.Errors = p.Errors, nil
	h.renderTicket(w, r, http.StatusUnprocessableEntity, p)
}

// ticketTake assigns the ticket to the signed-in agent; from the list
// (back=list) it returns to the list with its filters.
func (h *handler) ticketTake(w http.ResponseWriter, r *http.Request) {
	t, _, err := h.s.PathTicket(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	if _, err := h.s.Tickets.Take(r.Context(), web.UserOf(r), t.Number); err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.levels.taken")
	if f.Has("list") {
		http.Redirect(w, r, listURLOf(f.Get("list")), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, ticketURL(t.Number), http.StatusSeeOther)
}
