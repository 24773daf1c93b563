package demo

import (
	"bytes"
	"context"
	"time"

	"supportal/internal/model"
	"supportal/internal/refnum"
	"supportal/internal/store"
	"supportal/internal/ticket"
)

// upload stores every file of the plans through the ticket service, as the
// person whose message will carry it.
func upload(ctx context.Context, d Deps, who *ids, plans []*plan) error {
	users := map[string]*model.User{}
	for _, p := range plans {
		for i := range p.steps {
			s := &p.steps[i]
			if s.file == "" {
				continue
			}
			u := users[s.author]
			if u == nil {
				var err error
				if u, err = d.Store.User(ctx, who.users[s.author]); err != nil {
					return err
				}
				users[s.author] = u
			}
			contentType, data := fileContent(s.file, p, p.created.Add(s.at))
			a, err := d.Tickets.Upload(ctx, u, s.file, contentType, bytes.NewReader(data))
			if err != nil {
				return err
			}
			s.upload = a.ID
		}
	}
	return nil
}

// ticketState is what the history events of a ticket compare against.
type ticketState struct {
	status   model.Status
	reason   string
	team     string
	assignee string
}

// writer writes planned tickets in one transaction.
type writer struct {
	q     *store.Queries
	who   *ids
	first map[model.Category]model.Status // where a move to a category lands
}

// writeTickets writes the planned tickets, their messages and their
// history with the planned times.
func writeTickets(ctx context.Context, q *store.Queries, who *ids, plans []*plan) error {
	statuses, err := q.Statuses(ctx)
	if err != nil {
		return err
	}
	w := &writer{q: q, who: who, first: map[model.Category]model.Status{}}
	for _, s := range statuses { // in order, so the lowest of a category wins
		if _, ok := w.first[s.Category]; !ok {
			w.first[s.Category] = s
		}
	}
	for _, p := range plans {
		if err := w.ticket(ctx, p); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) ticket(ctx context.Context, p *plan) error {
	q, who, first := w.q, w.who, w.first
	s := p.story
	created := p.created.UTC().Truncate(time.Microsecond)
	nt := store.NewTicket{
		Subject: s.subject, OrgID: who.orgs[p.org.key], RequesterID: who.users[p.requester.key],
		StatusID: first[model.CategoryNew].ID, Type: s.typ, Priority: s.priority, Impact: s.impact,
		Module: s.module, Version: s.version, TeamID: who.teams["1st level"], Channel: p.channel, CreatedAt: created,
	}
	for _, c := range p.participants {
		nt.Participants = append(nt.Participants, who.users[c.key])
	}
	id, _, err := q.CreateTicket(ctx, nt)
	if err != nil {
		return err
	}
	if err := q.AddEvent(ctx, model.Event{TicketID: id, ActorID: nt.RequesterID, Field: "created", New: string(p.channel), CreatedAt: created}); err != nil {
		return err
	}
	state := ticketState{status: first[model.CategoryNew], team: "1st level"}
	for _, st := range p.steps {
		at := created.Add(st.at).Truncate(time.Microsecond)
		author := who.users[st.author]
		if st.text != "" {
			if err := w.message(ctx, id, author, nt, st, at); err != nil {
				return err
			}
		}
		if err := w.changes(ctx, id, author, &state, st, at); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) message(ctx context.Context, ticketID, author int64, nt store.NewTicket, st step, at time.Time) error {
	m := store.NewMessage{TicketID: ticketID, Kind: st.kind, AuthorID: author, Body: st.text, HTML: ticket.TextToHTML(st.text),
		Internal: st.internal, CreatedAt: at}
	if !st.internal {
		m.To, m.Cc = recipients(author, st.kind == model.KindEmailOut, nt.RequesterID, nt.Participants)
	}
	if st.upload != 0 {
		m.Attachments = []int64{st.upload}
	}
	if _, err := w.q.CreateMessage(ctx, m); err != nil {
		return err
	}
	return refnum.Collect(ctx, w.q, ticketID, nt.Subject, st.text)
}

// recipients addresses a message as the ticket service does: support
// writes to the requester with the participants in copy; a customer writes
// to support with the other parties in copy.
func recipients(author int64, fromSupport bool, requester int64, participants []int64) (to, cc []model.Recipient) {
	if fromSupport {
		to = []model.Recipient{{UserID: requester}}
		for _, p := range participants {
			if p != requester {
				cc = append(cc, model.Recipient{UserID: p})
			}
		}
		return to, cc
	}
	for _, p := range append([]int64{requester}, participants...) {
		if p != author {
			cc = append(cc, model.Recipient{UserID: p})
		}
	}
	return nil, cc
}

// changes applies the status, team and assignee changes of a step and
// records one history event per changed field.
func (w *writer) changes(ctx context.Context, ticketID, actor int64, state *ticketState, st step, at time.Time) error {
	var up store.TicketUpdate
	var events []model.Event
	event := func(field, old, new string) {
		if old != new {
			events = append(events, model.Event{TicketID: ticketID, ActorID: actor, Field: field, Old: old, New: new, CreatedAt: at})
		}
	}
	if st.status != "" {
		to := w.first[st.status]
		up.StatusID, up.WaitingReason = &to.ID, &st.reason
		event("status", state.status.Name, to.Name)
		event("waiting_reason", state.reason, st.reason)
		state.status, state.reason = to, st.reason
	}
	if st.team != "" {
		tid := w.who.teams[st.team]
		up.TeamID = &tid
		event("team", state.team, st.team)
		state.team = st.team
	}
	if st.assignee != "" {
		aid := w.who.users[st.assignee]
		up.AssigneeID = &aid
		name := staffByKey(st.assignee).name
		event("assignee", state.assignee, name)
		state.assignee = name
	}
	if len(events) == 0 {
		return nil
	}
	up.At = at
	if err := w.q.UpdateTicket(ctx, ticketID, up); err != nil {
		return err
	}
	for _, e := range events {
		if err := w.q.AddEvent(ctx, e); err != nil {
			return err
		}
	}
	return nil
}
