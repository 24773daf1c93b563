package mailout

import (
	"context"
	"time"

	"supportal/internal/i18n"
	"supportal/internal/model"
	"supportal/internal/store"
)

// SLAWarning queues the mail that tells the people working ticket t that
// its next due time, due, comes within the hour or has passed: its
// assignee, or, while nobody is assigned, every active agent of its team.
// The time is written in each recipient's language and in loc.
func (o *Outbox) SLAWarning(ctx context.Context, q *store.Queries, t *model.Ticket, due time.Time, loc *time.Location) error {
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
	data := o.ticketData(t)
	data.Link = o.deskLink(t.Number)
	for _, u := range to {
		d := data
		d.Due = i18n.DateTime(supportedLanguage(u.Language, o.lang), due.In(loc))
		d.Overdue = !o.now().Before(due)
		if err := o.notify(ctx, q, TemplateSLAWarning, t, u, d); err != nil {
			return err
		}
	}
	return nil
}
