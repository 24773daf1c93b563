package routing

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"supportal/internal/model"
	"supportal/internal/store"
)

// Rules reads the stored rules in their order.
func Rules(ctx context.Context, q *store.Queries) ([]Rule, error) {
	rows, err := q.RoutingRules(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Rule, 0, len(rows))
	for _, row := range rows {
		r, err := fromRow(row)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

func fromRow(row *store.RoutingRule) (Rule, error) {
	c, a, err := Decode(row.Conditions, row.Actions)
	if err != nil {
		return Rule{}, fmt.Errorf("rule %d: %w", row.ID, err)
	}
	return Rule{ID: row.ID, Position: row.Position, Name: row.Name, Active: row.Active, Conditions: c, Actions: a,
		CreatedAt: row.CreatedAt, UpdatedAt: row.UpdatedAt}, nil
}

// Route decides where the new ticket nt goes and writes the decision into
// it, before it is stored: the rule's team replaces the team nt has (the
// mailbox's or the default team), its priority replaces the chosen one,
// its tags are added. A team or agent that no longer exists or works is
// left out rather than failing the ticket. Call it inside the
// transaction that creates the ticket, then Record.
func Route(ctx context.Context, q *store.Queries, nt *store.NewTicket) (Decision, error) {
	rules, err := Rules(ctx, q)
	if err != nil {
		return Decision{}, err
	}
	var responsible int64
	if nt.OrgID != 0 {
		if responsible, err = q.ResponsibleAgent(ctx, nt.OrgID); err != nil {
			return Decision{}, err
		}
	}
	d := Decide(rules, Facts{Module: nt.Module, Version: nt.Version, OrgID: nt.OrgID, Channel: nt.Channel, MailboxID: nt.MailboxID,
		Type: nt.Type, Priority: nt.Priority, Subject: nt.Subject}, responsible)
	if err := d.keepExisting(ctx, q, responsible); err != nil {
		return Decision{}, err
	}
	if d.TeamID != 0 {
		nt.TeamID = d.TeamID
	}
	if d.AssigneeID != 0 {
		nt.AssigneeID = d.AssigneeID
	}
	if d.Priority != "" {
		nt.Priority = d.Priority
	}
	nt.Tags = append(nt.Tags, d.Tags...)
	return d, nil
}

// keepExisting drops a team that was deleted and an assignee who is no
// longer an active agent since the rule was saved; the responsible agent
// takes the place of such an assignee.
func (d *Decision) keepExisting(ctx context.Context, q *store.Queries, responsible int64) error {
	if d.TeamID != 0 {
		teams, err := q.Teams(ctx)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(teams, func(t model.Team) bool { return t.ID == d.TeamID }) {
			d.TeamID = 0
		}
	}
	if d.AssigneeID == 0 || d.Responsible {
		return nil
	}
	u, err := q.User(ctx, d.AssigneeID)
	if errors.Is(err, model.ErrNotFound) || (err == nil && (!u.IsAgent() || !u.Active)) {
		d.AssigneeID, d.Responsible = responsible, responsible != 0
		return nil
	}
	return err
}

// Record writes the decision into the history of the stored ticket: the
// rule that matched, as field "routing" with the rule's name, and the
// responsible agent's assignment, as field "responsible".
func (d Decision) Record(ctx context.Context, q *store.Queries, ticketID int64) error {
	if d.Rule != nil {
		if err := q.AddEvent(ctx, model.Event{TicketID: ticketID, Field: "routing", New: d.Rule.Name}); err != nil {
			return err
		}
	}
	if d.Responsible {
		u, err := q.User(ctx, d.AssigneeID)
		if err != nil {
			return err
		}
		return q.AddEvent(ctx, model.Event{TicketID: ticketID, Field: "responsible", New: u.Name})
	}
	return nil
}
