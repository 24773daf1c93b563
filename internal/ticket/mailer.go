package ticket

import (
	"context"

	"supportal/internal/model"
	"supportal/internal/store"
)

// Mailer writes the mail a ticket change causes into the outbox. It is
// called inside the change's transaction with the ticket as it is after
// the change, so a mail is queued if and only if the change commits.
// The Mailer decides who is told and whether at all (internal notes and
// auto-replies tell no one).
type Mailer interface {
	// TicketCreated: a ticket was opened; first is its first message
	// (nil when it has none). copyToSender: the creator asked for a copy
	// of what they wrote.
	TicketCreated(ctx context.Context, q *store.Queries, t *model.Ticket, first *model.Message, copyToSender bool) error
	// MessageAdded: a message was added. A public reply by support is
	// sent as mail to its recipients; a contact's message is copied to the
	// other parties. A status change made together with the reply is
	// already in t and goes into the same mail.
	MessageAdded(ctx context.Context, q *store.Queries, t *model.Ticket, m *model.Message) error
	// StatusChanged: support changed the status without writing (e.g. to
	// waiting for the customer with a reason, or resolved).
	StatusChanged(ctx context.Context, q *store.Queries, t *model.Ticket, from model.Status, actor *model.User) error
	// Escalated: actor moved t to its team with note (see Escalate).
	// Staff only are told: t's assignee, or while nobody is assigned
	// the team's agents other than the actor.
	Escalated(ctx context.Context, q *store.Queries, t *model.Ticket, actor *model.User, note string) error
	// Assigned: actor gave t to its assignee, who is told unless it is
	// the actor.
	Assigned(ctx context.Context, q *store.Queries, t *model.Ticket, actor *model.User) error
	// TakenOver: actor took t over from previous, who is told.
	TakenOver(ctx context.Context, q *store.Queries, t *model.Ticket, actor, previous *model.User) error
	// Kick says that a transaction that may have queued mail committed,
	// so delivery can start at once.
	Kick()
}

// kick wakes the Mailer after a commit.
func (s *Service) kick() {
	if s.mail != nil {
		s.mail.Kick()
	}
}

// SetMailer makes the service queue mail through m. Without a Mailer no
// mail is written (tools that only read).
func (s *Service) SetMailer(m Mailer) { s.mail = m }

// notifyCreated, notifyMessage and notifyStatus load the ticket and
// message as committed so far in q and hand them to the Mailer.
func (s *Service) notifyCreated(ctx context.Context, q *store.Queries, number, messageID int64, copyToSender bool) error {
	if s.mail == nil {
		return nil
	}
	t, err := q.Ticket(ctx, number)
	if err != nil {
		return err
	}
	var first *model.Message
	if messageID != 0 {
		if first, err = q.Message(ctx, messageID); err != nil {
			return err
		}
	}
	return s.mail.TicketCreated(ctx, q, t, first, copyToSender)
}

func (s *Service) notifyMessage(ctx context.Context, q *store.Queries, number, messageID int64) error {
	if s.mail == nil {
		return nil
	}
	t, err := q.Ticket(ctx, number)
	if err != nil {
		return err
	}
	m, err := q.Message(ctx, messageID)
	if err != nil {
		return err
	}
	return s.mail.MessageAdded(ctx, q, t, m)
}

func (s *Service) notifyStatus(ctx context.Context, q *store.Queries, number int64, from model.Status, actor *model.User) error {
	if s.mail == nil {
		return nil
	}
	t, err := q.Ticket(ctx, number)
	if err != nil {
		return err
	}
	if t.Status.ID == from.ID {
		return nil
	}
	return s.mail.StatusChanged(ctx, q, t, from, actor)
}

// notifyStaff loads the ticket as committed so far in q and hands it to
// send, which tells staff of an escalation or assignment.
func (s *Service) notifyStaff(ctx context.Context, q *store.Queries, number int64, send func(t *model.Ticket) error) error {
	if s.mail == nil {
		return nil
	}
	t, err := q.Ticket(ctx, number)
	if err != nil {
		return err
	}
	return send(t)
}
