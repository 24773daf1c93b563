package desk

import (
	"context"
	"fmt"
	"net/http"

	"supportal/internal/model"
	"supportal/internal/ticket"
	"supportal/internal/web"
)

// registerLevelPages adds the work of several agents and teams on tickets:
// escalation to another team, taking a ticket over, bulk changes from the
// list, and who else has a ticket open.
func registerLevelPages(h *handler) {
	r := h.s.Router()
	r.Page("POST /desk/tickets/{number}/escalate", web.Agent, h.ticketEscalate)
	r.Page("POST /desk/tickets/{number}/take", web.Agent, h.ticketTake)
	r.Page("POST /desk/tickets/{number}/presence", web.Agent, h.presenceUpdate)
	r.Page("POST /desk/tickets/bulk", web.Agent, h.ticketBulk)
}

// levelsSection is the ticket page's escalate form, the take-over button,
// who else has the ticket open, and the stale-reply guard of the reply
// form.
type levelsSection struct {
	Teams    []choice          // the teams the ticket may go to: all but its own
	Note     string            // what the agent wrote into the escalate form
	Errors   map[string]string // of the escalate form
	CanTake  bool              // the ticket is not the agent's own
	Others   []ticket.Viewer   // other agents seen on the ticket lately
	SeenID   int64             // the newest message the agent is shown
	Held     []heldBy          // newer public messages a held reply did not know
	SendAnew bool              // the reply form offers "send anyway"
}

// levelsSectionOf loads the section for agent u on t; msgs are the
// messages the page shows.
func (h *handler) levelsSectionOf(ctx context.Context, u *model.User, t *model.Ticket, msgs []*model.Message, teams []model.Team) (levelsSection, error) {
	sec := levelsSection{CanTake: t.AssigneeID != u.ID}
	for _, tm := range teams {
		if tm.ID != t.TeamID {
			sec.Teams = append(sec.Teams, choice{Value: id(tm.ID), Label: tm.Name})
		}
	}
	for _, m := range msgs {
		sec.SeenID = max(sec.SeenID, m.ID)
	}
	others, err := h.s.Tickets.Viewers(ctx, u, t)
	if err != nil {
		return sec, fmt.Errorf("desk: ticket %d viewers: %w", t.Number, err)
	}
	sec.Others = others
	return sec, nil
}

// presenceUpdate records that the agent has the ticket open (composing=1:
// writing a reply) and answers with the others who have it open:
// {"others":[{"name":…,"composing":…}]}. The page's script calls it every
// 15 seconds and when the reply box fills or empties.
func (h *handler) presenceUpdate(w http.ResponseWriter, r *http.Request) {
	n, err := ticket.ParseNumber(r.PathValue("number"))
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	others, err := h.s.Tickets.SeeTicket(r.Context(), web.UserOf(r), n, f.Get("composing") == "1")
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"others": others})
}

// levelsHistory words an escalation (New: the team, Old: the start of
// the note) or a take-over (Old: who had the ticket).
func levelsHistory(p *web.Page, actor string, e model.Event) string {
	switch {
	case e.Field == "escalated":
		return p.T("levels.history.escalated", "Actor", actor, "Team", e.New, "Note", e.Old)
	case e.Old != "":
		return p.T("levels.history.taken_over", "Actor", actor, "Previous", e.Old)
	}
	return p.T("levels.history.taken", "Actor", actor)
}
