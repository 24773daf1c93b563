package ticket

import (
	"context"
	"fmt"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/plaintext"
	"supportal/internal/store"
)

// Kinds of links (see store.LinkPair): what the other ticket is to one.
const (
	LinkTechnical = "technical" // the internal ticket a customer ticket waits for
	LinkCustomer  = "customer"  // the customer ticket a technical ticket works for
	LinkRelated   = "related"
	LinkDuplicate = "duplicate" // the other ticket duplicates this one
	LinkOriginal  = "original"  // this ticket duplicates the other one
	LinkParent    = "parent"
	LinkChild     = "child"
)

// TechnicalParams is an internal ticket an agent opens at a technical team
// for a customer ticket.
type TechnicalParams struct {
	TeamID  int64
	Subject string
	Note    string // what the technical team is asked, its first (internal) message
}

// OpenTechnical opens an internal ticket in p's team for customer ticket
// number, for the same requester, and links the two. The customer ticket
// goes on hold until the technical ticket is resolved (see
// technicalDone). Contacts never see the internal ticket.
func (s *Service) OpenTechnical(ctx context.Context, u *model.User, number int64, p TechnicalParams) (*model.Ticket, error) {
	t, acc, err := s.Get(ctx, u, number)
	if err != nil {
		return nil, err
	}
	if !acc.Edit {
		return nil, model.ErrForbidden
	}
	v := &model.ValidationError{}
	switch {
	case t.Internal:
		v.Add("team", "links.error.technical_internal")
	case t.Status.Category.Done():
		v.Add("team", "links.error.technical_done")
	}
	team, err := s.team(ctx, p.TeamID)
	if err != nil {
		return nil, err
	}
	if team == nil || team.ID == 0 {
		v.Add("team", "links.error.team")
	}
	subject := plaintext.Line(p.Subject)
	switch {
	case subject == "":
		v.Add("subject", "error.required")
	case len(subject) > MaxSubject:
		v.Add("subject", "error.too_long")
	}
	note, ok := cleanText(p.Note, MaxBody)
	switch {
	case !ok:
		v.Add("note", "error.too_long")
	case note == "":
		v.Add("note", "error.required")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	statuses, err := s.st.Statuses(ctx)
	if err != nil {
		return nil, err
	}
	var techNumber int64
	err = s.st.InTx(ctx, func(q *store.Queries) error {
		id, n, err := q.CreateTicket(ctx, store.NewTicket{
			Subject: subject, OrgID: t.OrgID, RequesterID: t.RequesterID, StatusID: firstStatus(statuses, model.CategoryNew).ID,
			Type: t.Type, Priority: t.Priority, Impact: t.Impact, Module: t.Module, Version: t.Version,
			TeamID: team.ID, Channel: model.ChannelDesk, Internal: true,
		})
		if err != nil {
			return err
		}
		techNumber = n
		mid, err := q.CreateMessage(ctx, store.NewMessage{TicketID: id, Kind: model.KindNote, AuthorID: u.ID, Body: note, HTML: TextToHTML(note), Internal: true})
		if err != nil {
			return err
		}
		if err := q.LinkPair(ctx, t.ID, id, LinkTechnical, LinkCustomer); err != nil {
			return err
		}
		for _, e := range []model.Event{
			{TicketID: id, ActorID: u.ID, Field: "created", New: string(model.ChannelDesk)},
			{TicketID: id, ActorID: u.ID, Field: "link.technical_for", New: fmt.Sprint(t.Number)},
			{TicketID: t.ID, ActorID: u.ID, Field: "link.technical_opened", New: fmt.Sprint(n)},
		} {
			if err := q.AddEvent(ctx, e); err != nil {
				return err
			}
		}
		held := t.Status.Category != model.CategoryOnHold
		if held {
			hold := &statusChange{to: firstStatus(statuses, model.CategoryOnHold)}
			if err := applyChanges(ctx, q, u, t, changes{status: hold}); err != nil {
				return err
			}
		}
		for _, tid := range []int64{id, t.ID} {
			if err := s.refreshSLA(ctx, q, tid); err != nil {
				return err
			}
		}
		if err := s.notifyCreated(ctx, q, n, mid, false); err != nil {
			return err
		}
		if held {
			return s.notifyStatus(ctx, q, number, t.Status, u)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("ticket %d: open technical ticket: %w", number, err)
	}
	s.kick()
	return s.st.Ticket(ctx, techNumber)
}

// InTechnicalAnalysis reports whether t, which u sees, is on hold while a
// technical ticket works on it. It says nothing of the technical ticket.
func (s *Service) InTechnicalAnalysis(ctx context.Context, u *model.User, t *model.Ticket) (bool, error) {
	if !authz.Ticket(u, t).See || t.Status.Category != model.CategoryOnHold {
		return false, nil
	}
	return s.st.OpenLinked(ctx, t.ID, LinkTechnical, 0)
}

// technicalDone follows a status change of t made by u in q: when a
// technical ticket is resolved or closed, each of its customer tickets
// gets an internal note and a history entry, and one still on hold for
// no other open technical ticket returns to the first open status, so
// that its agent picks it up again.
func (s *Service) technicalDone(ctx context.Context, q *store.Queries, u *model.User, t *model.Ticket, c *statusChange) error {
	if c == nil || !t.Internal || !c.to.Category.Done() || t.Status.Category.Done() {
		return nil
	}
	customers, err := q.LinkedIDs(ctx, t.ID, LinkCustomer)
	if err != nil {
		return err
	}
	for _, id := range customers {
		if err := s.technicalDoneFor(ctx, q, u, t, id); err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) technicalDoneFor(ctx context.Context, q *store.Queries, u *model.User, tech *model.Ticket, customerID int64) error {
	c, err := q.TicketByID(ctx, customerID)
	if err != nil {
		return err
	}
	body := fmt.Sprintf("Technical ticket #%d resolved.", tech.Number)
	if _, err := q.CreateMessage(ctx, store.NewMessage{TicketID: c.ID, Kind: model.KindNote, AuthorID: u.ID, Body: body, HTML: TextToHTML(body), Internal: true}); err != nil {
		return err
	}
	if err := q.AddEvent(ctx, model.Event{TicketID: c.ID, ActorID: u.ID, Field: "link.technical_resolved", New: fmt.Sprint(tech.Number)}); err != nil {
		return err
	}
	if err := q.TouchTicket(ctx, c.ID, store.Now()); err != nil {
		return err
	}
	if c.Status.Category != model.CategoryOnHold {
		return nil
	}
	waiting, err := q.OpenLinked(ctx, c.ID, LinkTechnical, tech.ID)
	if err != nil || waiting {
		return err
	}
	statuses, err := q.Statuses(ctx)
	if err != nil {
		return err
	}
	if err := applyChanges(ctx, q, u, c, changes{status: &statusChange{to: firstStatus(statuses, model.CategoryOpen)}}); err != nil {
		return err
	}
	if err := s.refreshSLA(ctx, q, c.ID); err != nil {
		return err
	}
	return s.notifyStatus(ctx, q, c.Number, c.Status, u)
}
