package desk

import (
	"net/http"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/ticket"
	"supportal/internal/web"
)

// ticketEscalate moves a ticket to another team with a note for it. An
// agent who escalated a ticket away from their own teams no longer sees
// it and goes back to the list.
func (h *handler) ticketEscalate(w http.ResponseWriter, r *http.Request) {
	h.ticketForm(w, r, func(t *model.Ticket, f *web.Form) (done, error) {
		team := f.Int64("team")
		if team == 0 {
			v := &model.ValidationError{}
			v.Add("team", "levels.error.team")
			return done{}, v
		}
		u := web.UserOf(r)
		updated, err := h.s.Tickets.Escalate(r.Context(), u, t.Number, ticket.EscalateParams{TeamID: team, Note: f.Get("note"), AssigneeID: f.Int64("assignee_id")})
		switch {
		case err != nil:
			return done{}, err
		case !authz.Ticket(u, updated).See:
			return done{flash: "flash.levels.escalated_away", to: "/desk/tickets"}, nil
		}
		return done{flash: "flash.levels.escalated", to: ticketURL(t.Number)}, nil
	}, func(p *ticketPage, f *web.Form, v *model.ValidationError) {
		p.Levels.Note = f.Get("note")
		p.SetErrors(v)
		p.Levels.Errors, p.Errors = p.Errors, nil
	})
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
