package ticket

import (
	"context"
	"errors"
	"fmt"
	"unicode/utf8"

	"supportal/internal/model"
	"supportal/internal/plaintext"
	"supportal/internal/store"
)

// EscalateParams moves a ticket to another team (e.g. 2nd level) with a
// note for that team.
type EscalateParams struct {
	TeamID     int64
	Note       string // required; becomes an internal note of the ticket
	AssigneeID int64  // optional: an agent of the target team to take it
}

// maxEventNote is how much of an escalation note the history line keeps;
// the whole note is the internal message.
const maxEventNote = 200

// Escalate moves ticket number to p's team in one transaction: the note
// becomes an internal note, the assignee is cleared unless p names one
// of the target team, the history records an "escalated" event (New: the
// team's name, Old: the start of the note), and the target team's agents,
// or the named assignee, are told by mail. Moving back down a level is
// the same action to another team. The status stays, so the customer
// sees nothing of it: the ball stays with support.
func (s *Service) Escalate(ctx context.Context, u *model.User, number int64, p EscalateParams) (*model.Ticket, error) {
	t, acc, err := s.Get(ctx, u, number)
	if err != nil {
		return nil, err
	}
	if !acc.Edit {
		return nil, model.ErrForbidden
	}
	v := &model.ValidationError{}
	team, err := s.team(ctx, p.TeamID)
	if err != nil {
		return nil, err
	}
	switch {
	case team == nil || team.ID == 0:
		v.Add("team", "levels.error.team")
	case team.ID == t.TeamID:
		v.Add("team", "levels.error.same_team")
	}
	note, ok := cleanText(p.Note, MaxBody)
	switch {
	case !ok:
		v.Add("note", "error.too_long")
	case note == "":
		v.Add("note", "error.required")
	}
	var assignee *model.User
	if p.AssigneeID != 0 && team != nil && team.ID != 0 {
		if assignee, err = s.assignable(ctx, p.AssigneeID, team.ID, v); err != nil {
			return nil, err
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	err = s.st.InTx(ctx, func(q *store.Queries) error {
		if _, err := q.CreateMessage(ctx, store.NewMessage{TicketID: t.ID, Kind: model.KindNote, AuthorID: u.ID,
			Body: note, HTML: TextToHTML(note), Internal: true}); err != nil {
			return err
		}
		at := store.Now()
		up := store.TicketUpdate{TeamID: &team.ID, At: at}
		events := []model.Event{{TicketID: t.ID, ActorID: u.ID, Field: "escalated", Old: noteExcerpt(note), New: team.Name, CreatedAt: at}}
		var newID int64
		newName := ""
		if assignee != nil {
			newID, newName = assignee.ID, assignee.Name
		}
		if newID != t.AssigneeID {
			up.AssigneeID = &newID
			events = append(events, model.Event{TicketID: t.ID, ActorID: u.ID, Field: "assignee", Old: t.AssigneeName, New: newName, CreatedAt: at})
		}
		if err := q.UpdateTicket(ctx, t.ID, up); err != nil {
			return err
		}
		for _, e := range events {
			if err := q.AddEvent(ctx, e); err != nil {
				return err
			}
		}
		if err := s.refreshSLA(ctx, q, t.ID); err != nil {
			return err
		}
		return s.notifyStaff(ctx, q, number, func(t *model.Ticket) error { return s.mail.Escalated(ctx, q, t, u, note) })
	})
	if err != nil {
		return nil, fmt.Errorf("ticket %d: escalate: %w", number, err)
	}
	s.kick()
	return s.st.Ticket(ctx, number)
}

// assignable returns the active agent id if that agent would see a
// ticket of team without being assigned: an admin or a member of the
// team. Assigning is no way to hand a ticket to someone outside the team
// that works it. Anyone else is a validation error on "assignee_id".
func (s *Service) assignable(ctx context.Context, id, teamID int64, v *model.ValidationError) (*model.User, error) {
	a, err := s.st.User(ctx, id)
	switch {
	case errors.Is(err, model.ErrNotFound) || (err == nil && (!a.IsAgent() || !a.Active)):
		v.Add("assignee_id", "error.unknown")
		return nil, nil
	case err != nil:
		return nil, err
	case !a.IsAdmin() && !a.InTeam(teamID):
		v.Add("assignee_id", "levels.error.assignee_team")
		return nil, nil
	}
	return a, nil
}

// noteExcerpt is the start of note on one line, as the history shows it.
func noteExcerpt(note string) string {
	line := plaintext.Line(note)
	if utf8.RuneCountInString(line) <= maxEventNote {
		return line
	}
	r := []rune(line)
	return string(r[:maxEventNote]) + "…"
}
