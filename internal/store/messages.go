package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"supportal/internal/model"
)

// NewMessage is what CreateMessage stores. Attachments are ids of uploads
// by the author that are not attached yet.
type NewMessage struct {
	TicketID    int64
	Kind        model.MessageKind
	AuthorID    int64
	To, Cc      []model.Recipient
	Body        string
	HTML        string
	Internal    bool
	MessageID   string
	InReplyTo   string
	Sender      string
	RawKey      string
	Auto        bool
	Flags       string
	Attachments []int64
	CreatedAt   time.Time
	// A phone call or text message (see model.Message).
	Phone         string
	CallDirection string
	CallSeconds   int64
	CallOutcome   string
}

// CreateMessage inserts a message with its recipients, attaches the
// uploads and records the activity on the ticket. An upload that is not
// the author's, or already attached, is a validation error on
// "attachments".
func (q *Queries) CreateMessage(ctx context.Context, n NewMessage) (int64, error) {
	if n.CreatedAt.IsZero() {
		n.CreatedAt = Now()
	}
	var id int64
	err := q.db.QueryRowContext(ctx, `INSERT INTO messages (ticket_id, kind, author_id, body, html, internal, message_id, in_reply_to, created_at,
			sender, raw_key, auto, flags, phone, call_direction, call_seconds, call_outcome)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
		n.TicketID, n.Kind, nullID(n.AuthorID), n.Body, n.HTML, n.Internal, n.MessageID, n.InReplyTo, n.CreatedAt,
		n.Sender, n.RawKey, n.Auto, n.Flags, n.Phone, n.CallDirection, n.CallSeconds, n.CallOutcome).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: create message: %w", err)
	}
	if err := q.markFirstResponse(ctx, n.TicketID, id, n.AuthorID, n.Internal, n.CreatedAt); err != nil {
		return 0, err
	}
	for field, list := range map[string][]model.Recipient{"to": n.To, "cc": n.Cc} {
		for i, r := range list {
			// A recipient given by user id takes the user's address and name.
			_, err := q.db.ExecContext(ctx, `INSERT INTO message_recipients (message_id, field, position, email, name, user_id)
				VALUES ($1, $2, $3,
					COALESCE(NULLIF($4, ''), (SELECT email FROM users WHERE id = $6), ''),
					COALESCE(NULLIF($5, ''), (SELECT name FROM users WHERE id = $6), ''), $6)`,
				id, field, i, NormalizeEmail(r.Email), r.Name, nullID(r.UserID))
			if err != nil {
				return 0, fmt.Errorf("store: message recipient: %w", err)
			}
		}
	}
	for _, aid := range n.Attachments {
		res, err := q.db.ExecContext(ctx, "UPDATE attachments SET message_id = $1 WHERE id = $2 AND uploader_id = $3 AND message_id IS NULL",
			id, aid, n.AuthorID)
		if err != nil {
			return 0, fmt.Errorf("store: attach %d: %w", aid, err)
		}
		if k, _ := res.RowsAffected(); k != 1 {
			return 0, model.Invalid("attachments", "error.upload_unknown")
		}
	}
	return id, q.TouchTicket(ctx, n.TicketID, n.CreatedAt)
}

const messageColumns = `m.id, m.ticket_id, m.kind, m.author_id, COALESCE(u.name, ''), COALESCE(u.kind, ''),
	m.body, m.html, m.internal, m.message_id, m.in_reply_to, m.created_at,
	m.sender, m.raw_key, m.auto, m.flags, m.phone, m.call_direction, m.call_seconds, m.call_outcome`

func scanMessage(row interface{ Scan(...any) error }) (*model.Message, error) {
	var m model.Message
	var author sql.NullInt64
	err := row.Scan(&m.ID, &m.TicketID, &m.Kind, &author, &m.AuthorName, &m.AuthorKind,
		&m.Body, &m.HTML, &m.Internal, &m.MessageID, &m.InReplyTo, &m.CreatedAt,
		&m.Sender, &m.RawKey, &m.Auto, &m.Flags, &m.Phone, &m.CallDirection, &m.CallSeconds, &m.CallOutcome)
	if err != nil {
		return nil, notFound(err)
	}
	m.AuthorID = idOrZero(author)
	m.CreatedAt = utc(m.CreatedAt)
	return &m, nil
}

// Messages lists every message of a ticket, oldest first, with recipients
// and attachments, in three queries whatever the count. Callers filter
// them through authz.Message.
func (q *Queries) Messages(ctx context.Context, ticketID int64) ([]*model.Message, error) {
	rows, err := q.db.QueryContext(ctx, "SELECT "+messageColumns+
		" FROM messages m LEFT JOIN users u ON u.id = m.author_id WHERE m.ticket_id = $1 ORDER BY m.created_at, m.id", ticketID)
	if err != nil {
		return nil, fmt.Errorf("store: messages: %w", err)
	}
	defer rows.Close()
	var out []*model.Message
	byID := map[int64]*model.Message{}
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, fmt.Errorf("store: messages: %w", err)
		}
		out = append(out, m)
		byID[m.ID] = m
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: messages: %w", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	if err := q.loadRecipients(ctx, ticketID, byID); err != nil {
		return nil, err
	}
	atts, err := q.attachmentsWhere(ctx, "a.message_id IN (SELECT id FROM messages WHERE ticket_id = $1)", ticketID)
	if err != nil {
		return nil, err
	}
	for _, a := range atts {
		if m := byID[a.MessageID]; m != nil {
			m.Attachments = append(m.Attachments, *a)
		}
	}
	return out, nil
}

// Message reads one message with its recipients and attachments.
func (q *Queries) Message(ctx context.Context, id int64) (*model.Message, error) {
	m, err := scanMessage(q.db.QueryRowContext(ctx, "SELECT "+messageColumns+
		" FROM messages m LEFT JOIN users u ON u.id = m.author_id WHERE m.id = $1", id))
	if err != nil {
		return nil, fmt.Errorf("store: message %d: %w", id, err)
	}
	if err := q.loadRecipients(ctx, m.TicketID, map[int64]*model.Message{m.ID: m}); err != nil {
		return nil, err
	}
	atts, err := q.attachmentsWhere(ctx, "a.message_id = $1", id)
	if err != nil {
		return nil, err
	}
	for _, a := range atts {
		m.Attachments = append(m.Attachments, *a)
	}
	return m, nil
}

func (q *Queries) loadRecipients(ctx context.Context, ticketID int64, byID map[int64]*model.Message) error {
	rows, err := q.db.QueryContext(ctx, `SELECT r.message_id, r.field, r.email, r.name, r.user_id
		FROM message_recipients r JOIN messages m ON m.id = r.message_id
		WHERE m.ticket_id = $1 ORDER BY r.message_id, r.field, r.position`, ticketID)
	if err != nil {
		return fmt.Errorf("store: recipients: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var mid int64
		var field string
		var r model.Recipient
		var uid sql.NullInt64
		if err := rows.Scan(&mid, &field, &r.Email, &r.Name, &uid); err != nil {
			return fmt.Errorf("store: recipients: %w", err)
		}
		r.UserID = idOrZero(uid)
		m := byID[mid]
		switch {
		case m == nil:
		case field == "to":
			m.To = append(m.To, r)
		default:
			m.Cc = append(m.Cc, r)
		}
	}
	return rows.Err()
}

// AddEvent records one change in a ticket's history.
func (q *Queries) AddEvent(ctx context.Context, e model.Event) error {
	if e.CreatedAt.IsZero() {
		e.CreatedAt = Now()
	}
	_, err := q.db.ExecContext(ctx, `INSERT INTO ticket_events (ticket_id, actor_id, field, old_value, new_value, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, e.TicketID, nullID(e.ActorID), e.Field, e.Old, e.New, e.CreatedAt)
	if err != nil {
		return fmt.Errorf("store: add event: %w", err)
	}
	return nil
}

// Events lists a ticket's history, oldest first.
func (q *Queries) Events(ctx context.Context, ticketID int64) ([]model.Event, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT e.id, e.ticket_id, e.actor_id, COALESCE(u.name, ''), e.field, e.old_value, e.new_value, e.created_at
		FROM ticket_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.ticket_id = $1 ORDER BY e.created_at, e.id`, ticketID)
	if err != nil {
		return nil, fmt.Errorf("store: events: %w", err)
	}
	defer rows.Close()
	var out []model.Event
	for rows.Next() {
		var e model.Event
		var actor sql.NullInt64
		if err := rows.Scan(&e.ID, &e.TicketID, &actor, &e.ActorName, &e.Field, &e.Old, &e.New, &e.CreatedAt); err != nil {
			return nil, fmt.Errorf("store: events: %w", err)
		}
		e.ActorID = idOrZero(actor)
		e.CreatedAt = utc(e.CreatedAt)
		out = append(out, e)
	}
	return out, rows.Err()
}
