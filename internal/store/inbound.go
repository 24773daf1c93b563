package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Outcomes of a received mail.
const (
	MailCreated  = "created"  // it opened a ticket
	MailAppended = "appended" // it joined a ticket
	MailIgnored  = "ignored"  // kept, but on no ticket (loop, flood, unthreaded bounce)
)

// InboundMail is the record of one received mail: the raw message is kept
// whatever became of it.
type InboundMail struct {
	ID          int64
	DedupKey    string // the Message-ID, or a hash of the raw message when it has none
	MessageID   string
	MailboxID   int64
	MailboxName string
	Source      string // imap, smtp, pipe
	RawKey      string
	Size        int64
	Sender      string
	Subject     string
	Outcome     string
	Reason      string // why it was ignored or not threaded
	ParseError  string // what the parser could not read; the mail was taken as well as it could be
	TicketID    int64
	Number      int64 // of the ticket
	MessageRef  int64
	ReceivedAt  time.Time
}

// InboundByDedupKey finds the mail received under key.
func (q *Queries) InboundByDedupKey(ctx context.Context, key string) (*InboundMail, error) {
	list, err := q.inboundWhere(ctx, "i.dedup_key = $1", key)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, fmt.Errorf("store: inbound mail %q: %w", key, errNotFound)
	}
	return list[0], nil
}

// InboundMail reads one received mail by id.
func (q *Queries) InboundMail(ctx context.Context, id int64) (*InboundMail, error) {
	list, err := q.inboundWhere(ctx, "i.id = $1", id)
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, fmt.Errorf("store: inbound mail %d: %w", id, errNotFound)
	}
	return list[0], nil
}

// InboundFilter selects received mails for the admin log.
type InboundFilter struct {
	Problems bool  // only ignored mails and parser failures
	Before   int64 // id to continue below; 0: from the newest
	Limit    int
}

// InboundMails lists received mails newest first.
func (q *Queries) InboundMails(ctx context.Context, f InboundFilter) ([]*InboundMail, error) {
	w := &where{}
	w.add("TRUE")
	if f.Problems {
		w.add("i.outcome = ? OR i.parse_error <> ''", MailIgnored)
	}
	if f.Before > 0 {
		w.add("i.id < ?", f.Before)
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	cond := strings.TrimPrefix(w.String(), " WHERE ")
	return q.inboundWhere(ctx, cond+" ORDER BY i.id DESC LIMIT "+w.arg(f.Limit), w.args...)
}

func (q *Queries) inboundWhere(ctx context.Context, cond string, args ...any) ([]*InboundMail, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT i.id, i.dedup_key, i.message_id, i.mailbox_id, COALESCE(mb.name, ''), i.source,
		i.raw_key, i.size, i.sender, i.subject, i.outcome, i.reason, i.parse_error, i.ticket_id, COALESCE(t.number, 0),
		i.message_ref, i.received_at
		FROM inbound_mails i LEFT JOIN mailboxes mb ON mb.id = i.mailbox_id LEFT JOIN tickets t ON t.id = i.ticket_id
		WHERE `+cond, args...)
	if err != nil {
		return nil, fmt.Errorf("store: inbound mails: %w", err)
	}
	defer rows.Close()
	var out []*InboundMail
	for rows.Next() {
		var m InboundMail
		var mailbox, ticket, msg sql.NullInt64
		if err := rows.Scan(&m.ID, &m.DedupKey, &m.MessageID, &mailbox, &m.MailboxName, &m.Source, &m.RawKey, &m.Size,
			&m.Sender, &m.Subject, &m.Outcome, &m.Reason, &m.ParseError, &ticket, &m.Number, &msg, &m.ReceivedAt); err != nil {
			return nil, fmt.Errorf("store: inbound mails: %w", err)
		}
		m.MailboxID, m.TicketID, m.MessageRef = idOrZero(mailbox), idOrZero(ticket), idOrZero(msg)
		m.ReceivedAt = utc(m.ReceivedAt)
		out = append(out, &m)
	}
	return out, rows.Err()
}

// CreateInboundMail records a received mail. A second mail under the same
// dedup key is model.ErrConflict: the caller reports the first.
func (q *Queries) CreateInboundMail(ctx context.Context, m *InboundMail) (int64, error) {
	if m.ReceivedAt.IsZero() {
		m.ReceivedAt = Now()
	}
	var id int64
	err := q.db.QueryRowContext(ctx, `INSERT INTO inbound_mails (dedup_key, message_id, mailbox_id, source, raw_key, size, sender, subject,
		outcome, reason, parse_error, ticket_id, message_ref, received_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
		m.DedupKey, m.MessageID, nullID(m.MailboxID), m.Source, m.RawKey, m.Size, m.Sender, m.Subject,
		m.Outcome, m.Reason, m.ParseError, nullID(m.TicketID), nullID(m.MessageRef), m.ReceivedAt).Scan(&id)
	if err != nil {
		return 0, q.conflict(fmt.Errorf("store: record inbound mail: %w", err))
	}
	return id, nil
}

// ThreadRef is a stored Message-ID that a new mail refers to.
type ThreadRef struct {
	MessageID string
	TicketID  int64
	Number    int64
	// Who the referenced mail was from (a received message) or to (a mail
	// we sent): the sender of the new mail must be among them for the
	// reference to count.
	Addresses []string
}

// ThreadRefs finds the tickets of stored Message-IDs, both of received
// messages and of mail we sent, with the addresses each went between.
func (q *Queries) ThreadRefs(ctx context.Context, ids []string) ([]ThreadRef, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	if len(ids) > 50 {
		ids = ids[len(ids)-50:] // the newest references; a thread deeper than that still has its last ones
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	w := &where{}
	w.add("m.message_id IN ("+in(len(ids))+")", args...)
	w.add("o.message_id IN ("+in(len(ids))+")", args...)
	query := `SELECT m.message_id, t.id, t.number, m.sender FROM messages m JOIN tickets t ON t.id = m.ticket_id
		WHERE ` + w.parts[0] + `
		UNION ALL
		SELECT o.message_id, t.id, t.number, o.recipients FROM outbox o JOIN tickets t ON t.id = o.ticket_id
		WHERE ` + w.parts[1]
	rows, err := q.db.QueryContext(ctx, query, w.args...)
	if err != nil {
		return nil, fmt.Errorf("store: thread refs: %w", err)
	}
	defer rows.Close()
	var out []ThreadRef
	for rows.Next() {
		var r ThreadRef
		var addrs string
		if err := rows.Scan(&r.MessageID, &r.TicketID, &r.Number, &addrs); err != nil {
			return nil, fmt.Errorf("store: thread refs: %w", err)
		}
		r.Addresses = splitAddresses(addrs)
		out = append(out, r)
	}
	return out, rows.Err()
}

// LinkTickets records that two tickets belong together, in both
// directions. Linking again is a no-op.
func (q *Queries) LinkTickets(ctx context.Context, a, b int64, kind string) error {
	now := Now()
	for _, pair := range [][2]int64{{a, b}, {b, a}} {
		_, err := q.db.ExecContext(ctx, `INSERT INTO ticket_links (ticket_id, other_id, kind, created_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (ticket_id, other_id) DO NOTHING`, pair[0], pair[1], kind, now)
		if err != nil {
			return fmt.Errorf("store: link tickets: %w", err)
		}
	}
	return nil
}

// TicketLink is a ticket linked to another.
type TicketLink struct {
	Kind    string
	Ticket  int64 // id
	Number  int64
	Subject string
}

// TicketLinks lists the tickets linked to ticket id. Callers check each
// linked ticket through authz before showing it.
func (q *Queries) TicketLinks(ctx context.Context, id int64) ([]TicketLink, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT l.kind, t.id, t.number, t.subject FROM ticket_links l JOIN tickets t ON t.id = l.other_id
		WHERE l.ticket_id = $1 ORDER BY t.number`, id)
	if err != nil {
		return nil, fmt.Errorf("store: ticket links: %w", err)
	}
	defer rows.Close()
	var out []TicketLink
	for rows.Next() {
		var l TicketLink
		if err := rows.Scan(&l.Kind, &l.Ticket, &l.Number, &l.Subject); err != nil {
			return nil, fmt.Errorf("store: ticket links: %w", err)
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// splitAddresses reads a comma-separated address list as stored in the
// outbox, normalized.
func splitAddresses(s string) []string {
	var out []string
	for a := range strings.SplitSeq(s, ",") {
		if a = NormalizeEmail(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}
