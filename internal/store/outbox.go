package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Outbox statuses: a mail waits (pending) until the relay took it (sent)
// or delivery was given up (failed).
const (
	OutboxPending = "pending"
	OutboxSent    = "sent"
	OutboxFailed  = "failed"
)

// OutboxMail is one mail to send: the complete message is a blob, the row
// holds the envelope and the delivery state.
type OutboxMail struct {
	ID            int64
	Kind          string // reply or a notification template name (received, waiting, …)
	TicketID      int64  // 0: mail about no ticket
	Number        int64  // of the ticket; read only
	MessageRef    int64  // the message sent as this mail (an agent's reply); 0 for notifications
	MailboxID     int64
	MessageID     string // without angle brackets
	Sender        string // envelope sender
	Recipients    []string
	Subject       string
	RawKey        string // blob key of the RFC 5322 message
	Status        string
	Attempts      int
	NextAttemptAt time.Time
	LockedUntil   time.Time // zero when no sender holds it
	LastError     string
	ServerReply   string // what the relay answered when it took the mail
	CreatedAt     time.Time
	SentAt        time.Time // zero until sent
}

const outboxColumns = `o.id, o.kind, o.ticket_id, COALESCE(t.number, 0), o.message_ref, o.mailbox_id, o.message_id, o.sender,
	o.recipients, o.subject, o.raw_key, o.status, o.attempts, o.next_attempt_at, o.locked_until, o.last_error, o.server_reply,
	o.created_at, o.sent_at`

const outboxFrom = ` FROM outbox o LEFT JOIN tickets t ON t.id = o.ticket_id`

func scanOutbox(row interface{ Scan(...any) error }) (*OutboxMail, error) {
	var m OutboxMail
	var ticket, msg, mailbox sql.NullInt64
	var locked, sent sql.NullTime
	var rcpts string
	err := row.Scan(&m.ID, &m.Kind, &ticket, &m.Number, &msg, &mailbox, &m.MessageID, &m.Sender,
		&rcpts, &m.Subject, &m.RawKey, &m.Status, &m.Attempts, &m.NextAttemptAt, &locked, &m.LastError, &m.ServerReply,
		&m.CreatedAt, &sent)
	if err != nil {
		return nil, notFound(err)
	}
	m.TicketID, m.MessageRef, m.MailboxID = idOrZero(ticket), idOrZero(msg), idOrZero(mailbox)
	m.Recipients = splitAddresses(rcpts)
	m.NextAttemptAt, m.CreatedAt = utc(m.NextAttemptAt), utc(m.CreatedAt)
	if locked.Valid {
		m.LockedUntil = utc(locked.Time)
	}
	if sent.Valid {
		m.SentAt = utc(sent.Time)
	}
	return &m, nil
}

// EnqueueMail inserts a pending mail, due at once (at m.CreatedAt, or now
// when that is zero), and returns its id.
func (q *Queries) EnqueueMail(ctx context.Context, m *OutboxMail) (int64, error) {
	if m.CreatedAt.IsZero() {
		m.CreatedAt = Now()
	}
	rcpts := make([]string, 0, len(m.Recipients))
	for _, r := range m.Recipients {
		rcpts = append(rcpts, NormalizeEmail(r))
	}
	var id int64
	err := q.db.QueryRowContext(ctx, `INSERT INTO outbox (kind, ticket_id, message_ref, mailbox_id, message_id, sender, recipients,
		subject, raw_key, status, attempts, next_attempt_at, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $11, $11) RETURNING id`,
		m.Kind, nullID(m.TicketID), nullID(m.MessageRef), nullID(m.MailboxID), m.MessageID, m.Sender, strings.Join(rcpts, ","),
		m.Subject, m.RawKey, OutboxPending, m.CreatedAt).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: enqueue mail: %w", err)
	}
	return id, nil
}

// ClaimDueMail takes the oldest pending mail that is due at now and held
// by no sender, holds it until now+lease and counts the attempt. With none
// due it returns model.ErrNotFound. Claims are atomic: on PostgreSQL the
// row lock is taken with SKIP LOCKED, so several instances share the queue
// without waiting on each other; SQLite runs the one statement under its
// write lock. A sender that dies with a mail lets the hold expire and the
// mail is claimed again.
func (q *Queries) ClaimDueMail(ctx context.Context, now time.Time, lease time.Duration) (*OutboxMail, error) {
	lock := ""
	if q.d.name == "postgres" {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	var id int64
	err := q.db.QueryRowContext(ctx, `UPDATE outbox SET locked_until = $1, attempts = attempts + 1
		WHERE id = (SELECT id FROM outbox
			WHERE status = 'pending' AND next_attempt_at <= $2 AND (locked_until IS NULL OR locked_until <= $2)
			ORDER BY next_attempt_at, id LIMIT 1`+lock+`)
		RETURNING id`, now.Add(lease), now).Scan(&id)
	if err != nil {
		return nil, fmt.Errorf("store: claim mail: %w", notFound(err))
	}
	return q.OutboxMail(ctx, id)
}

// MarkMailSent records that the relay accepted the mail with reply.
func (q *Queries) MarkMailSent(ctx context.Context, id int64, serverReply string, at time.Time) error {
	res, err := q.db.ExecContext(ctx, `UPDATE outbox SET status = $1, server_reply = $2, sent_at = $3, locked_until = NULL
		WHERE id = $4`, OutboxSent, serverReply, at, id)
	if err != nil {
		return fmt.Errorf("store: mark mail %d sent: %w", id, err)
	}
	return rowsOrNotFound(res, "outbox mail", id)
}

// RetryMailLater releases a mail whose delivery failed for now, to be
// tried again at next.
func (q *Queries) RetryMailLater(ctx context.Context, id int64, errText string, next time.Time) error {
	res, err := q.db.ExecContext(ctx, `UPDATE outbox SET last_error = $1, next_attempt_at = $2, locked_until = NULL
		WHERE id = $3 AND status = $4`, errText, next, id, OutboxPending)
	if err != nil {
		return fmt.Errorf("store: retry mail %d: %w", id, err)
	}
	return rowsOrNotFound(res, "outbox mail", id)
}

// MarkMailFailed gives up on a mail with the reason.
func (q *Queries) MarkMailFailed(ctx context.Context, id int64, errText string) error {
	res, err := q.db.ExecContext(ctx, `UPDATE outbox SET status = $1, last_error = $2, locked_until = NULL WHERE id = $3`,
		OutboxFailed, errText, id)
	if err != nil {
		return fmt.Errorf("store: mark mail %d failed: %w", id, err)
	}
	return rowsOrNotFound(res, "outbox mail", id)
}

// RequeueMail sends a failed or pending mail again from now on with a
// fresh count of attempts, as an admin's "retry"; the last error stays
// until the next attempt replaces it. A mail already sent, or none, is
// model.ErrNotFound.
func (q *Queries) RequeueMail(ctx context.Context, id int64) error {
	res, err := q.db.ExecContext(ctx, `UPDATE outbox SET status = $1, next_attempt_at = $2, attempts = 0
		WHERE id = $3 AND status <> $4`, OutboxPending, Now(), id, OutboxSent)
	if err != nil {
		return fmt.Errorf("store: requeue mail %d: %w", id, err)
	}
	return rowsOrNotFound(res, "unsent outbox mail", id)
}

// OutboxMail reads one mail of the outbox.
func (q *Queries) OutboxMail(ctx context.Context, id int64) (*OutboxMail, error) {
	m, err := scanOutbox(q.db.QueryRowContext(ctx, "SELECT "+outboxColumns+outboxFrom+" WHERE o.id = $1", id))
	if err != nil {
		return nil, fmt.Errorf("store: outbox mail %d: %w", id, err)
	}
	return m, nil
}

// OutboxFilter selects mails of the outbox for the admin view.
type OutboxFilter struct {
	Status string // pending, sent or failed; "": all
	Before int64  // id to continue below; 0: from the newest
	Limit  int    // default 50
}

// OutboxMails lists mails of the outbox newest first.
func (q *Queries) OutboxMails(ctx context.Context, f OutboxFilter) ([]*OutboxMail, error) {
	w := &where{}
	if f.Status != "" {
		w.add("o.status = ?", f.Status)
	}
	if f.Before > 0 {
		w.add("o.id < ?", f.Before)
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	rows, err := q.db.QueryContext(ctx, "SELECT "+outboxColumns+outboxFrom+w.String()+" ORDER BY o.id DESC LIMIT "+w.arg(f.Limit), w.args...)
	if err != nil {
		return nil, fmt.Errorf("store: outbox: %w", err)
	}
	defer rows.Close()
	var out []*OutboxMail
	for rows.Next() {
		m, err := scanOutbox(rows)
		if err != nil {
			return nil, fmt.Errorf("store: outbox: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// OutboxCounts counts the mails of the outbox per status; every status is
// in the map, zero included.
func (q *Queries) OutboxCounts(ctx context.Context) (map[string]int, error) {
	out := map[string]int{OutboxPending: 0, OutboxSent: 0, OutboxFailed: 0}
	rows, err := q.db.QueryContext(ctx, "SELECT status, COUNT(*) FROM outbox GROUP BY status")
	if err != nil {
		return nil, fmt.Errorf("store: outbox counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var status string
		var n int
		if err := rows.Scan(&status, &n); err != nil {
			return nil, fmt.Errorf("store: outbox counts: %w", err)
		}
		out[status] = n
	}
	return out, rows.Err()
}

// MailThread is what a new mail about a ticket refers to.
type MailThread struct {
	InReplyTo  string   // the newest Message-ID of a mail received on the ticket; "" if none
	References []string // the last Message-IDs of the ticket, received and sent, oldest first
}

// TicketMailThread collects the Message-IDs a new mail about ticket id
// refers to: at most max references.
func (q *Queries) TicketMailThread(ctx context.Context, id int64, max int) (MailThread, error) {
	var th MailThread
	err := q.db.QueryRowContext(ctx, `SELECT COALESCE((SELECT message_id FROM messages
		WHERE ticket_id = $1 AND kind = 'email_in' AND message_id <> '' ORDER BY created_at DESC, id DESC LIMIT 1), '')`,
		id).Scan(&th.InReplyTo)
	if err != nil {
		return th, fmt.Errorf("store: mail thread of ticket %d: %w", id, err)
	}
	// An agent's reply is both a message and an outbox mail under one
	// Message-ID; twice max rows leave enough after removing those twins.
	rows, err := q.db.QueryContext(ctx, `SELECT message_id, created_at, id, 0 FROM messages WHERE ticket_id = $1 AND message_id <> ''
		UNION ALL
		SELECT message_id, created_at, id, 1 FROM outbox WHERE ticket_id = $1 AND message_id <> ''
		ORDER BY 2 DESC, 4 DESC, 3 DESC LIMIT $2`, id, 2*max)
	if err != nil {
		return th, fmt.Errorf("store: mail thread of ticket %d: %w", id, err)
	}
	defer rows.Close()
	seen := map[string]bool{}
	var newestFirst []string
	for rows.Next() {
		var mid string
		var at time.Time
		var rowID, src int64
		if err := rows.Scan(&mid, &at, &rowID, &src); err != nil {
			return th, fmt.Errorf("store: mail thread of ticket %d: %w", id, err)
		}
		if !seen[mid] && len(newestFirst) < max {
			seen[mid] = true
			newestFirst = append(newestFirst, mid)
		}
	}
	if err := rows.Err(); err != nil {
		return th, fmt.Errorf("store: mail thread of ticket %d: %w", id, err)
	}
	for i := len(newestFirst) - 1; i >= 0; i-- {
		th.References = append(th.References, newestFirst[i])
	}
	return th, nil
}

// SetMessageMailID records the Message-ID under which a message was sent
// as mail.
func (q *Queries) SetMessageMailID(ctx context.Context, messageID int64, mailID string) error {
	res, err := q.db.ExecContext(ctx, "UPDATE messages SET message_id = $1 WHERE id = $2", mailID, messageID)
	if err != nil {
		return fmt.Errorf("store: set Message-ID of message %d: %w", messageID, err)
	}
	return rowsOrNotFound(res, "message", messageID)
}
