package mailout

import (
	"context"

	"supportal/internal/model"
	"supportal/internal/store"
)

// Escalated queues the mail that tells staff that actor escalated ticket
// t to its team with note: t's assignee, or while nobody is assigned
// every active agent of the team but the actor. The mail links to the
// ticket in the desk; contacts are never told.
func (o *Outbox) Escalated(ctx context.Context, q *store.Queries, t *model.Ticket, actor *model.User, note string) error {
	var to []*model.User
	if t.AssigneeID != 0 {
		u, err := q.User(ctx, t.AssigneeID)
		if err != nil {
			return err
		}
		to = append(to, u)
	} else if t.TeamID != 0 {
		agents, err := q.TeamAgents(ctx, t.TeamID)
		if err != nil {
			return err
		}
		to = agents
	}
	data := o.staffData(t, actor)
	data.Team, data.Text = t.TeamName, note
	for _, u := range to {
		if u.ID == actor.ID || !u.IsAgent() {
			continue
		}
		if err := o.notify(ctx, q, TemplateEscalated, t, u, data); err != nil {
			return err
		}
	}
	return nil
}

// Assigned queues the mail that tells t's assignee that actor gave the
// ticket to them; an agent who assigns a ticket to themselves is not
// told.
func (o *Outbox) Assigned(ctx context.Context, q *store.Queries, t *model.Ticket, actor *model.User) error {
	if t.AssigneeID == 0 || t.AssigneeID == actor.ID {
		return nil
	}
	u, err := q.User(ctx, t.AssigneeID)
	if err != nil {
		return err
	}
	return o.notify(ctx, q, TemplateAssigned, t, u, o.staffData(t, actor))
}

// TakenOver queues the mail that tells previous that actor took ticket t
// over from them.
func (o *Outbox) TakenOver(ctx context.Context, q *store.Queries, t *model.Ticket, actor, previous *model.User) error {
	if previous == nil || previous.ID == actor.ID || !previous.IsAgent() {
		return nil
	}
	return o.notify(ctx, q, TemplateTakenOver, t, previous, o.staffData(t, actor))
}

// staffData is what a mail to staff about t shows: the ticket, the desk
// link and the agent who acted.
func (o *Outbox) staffData(t *model.Ticket, actor *model.User) Data {
	d := o.ticketData(t)
	d.Link = o.deskLink(t.Number)
	d.Agent = Person{Name: actor.Name}
	return d
}
