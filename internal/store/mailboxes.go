package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Mailbox is an address that receives support mail, with the IMAP account
// it is polled from (none when mail arrives by SMTP or pipe only). The
// password is stored encrypted (package secret); the store never sees it
// in clear.
type Mailbox struct {
	ID                int64
	Name              string
	Address           string // normalized
	TeamID            int64  // new tickets land here; 0: the default team
	TeamName          string
	IMAPHost          string
	IMAPPort          int
	IMAPSecurity      string // tls, starttls or none
	IMAPUser          string
	IMAPPassword      string // encrypted
	IMAPFolder        string
	IMAPArchiveFolder string // where a committed message is moved; "": it is flagged \Seen
	Active            bool
	LastPollAt        time.Time
	LastError         string
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// Polled reports whether the mailbox is fetched over IMAP.
func (m *Mailbox) Polled() bool { return m.Active && m.IMAPHost != "" }

const mailboxColumns = `m.id, m.name, m.address, m.team_id, COALESCE(t.name, ''), m.imap_host, m.imap_port, m.imap_security,
	m.imap_user, m.imap_password, m.imap_folder, m.imap_archive_folder, m.active, m.last_poll_at, m.last_error,
	m.created_at, m.updated_at`

const mailboxFrom = ` FROM mailboxes m LEFT JOIN teams t ON t.id = m.team_id`

func scanMailbox(row interface{ Scan(...any) error }) (*Mailbox, error) {
	var m Mailbox
	var team sql.NullInt64
	var polled sql.NullTime
	err := row.Scan(&m.ID, &m.Name, &m.Address, &team, &m.TeamName, &m.IMAPHost, &m.IMAPPort, &m.IMAPSecurity,
		&m.IMAPUser, &m.IMAPPassword, &m.IMAPFolder, &m.IMAPArchiveFolder, &m.Active, &polled, &m.LastError,
		&m.CreatedAt, &m.UpdatedAt)
	if err != nil {
		return nil, notFound(err)
	}
	m.TeamID = idOrZero(team)
	if polled.Valid {
		m.LastPollAt = utc(polled.Time)
	}
	m.CreatedAt, m.UpdatedAt = utc(m.CreatedAt), utc(m.UpdatedAt)
	return &m, nil
}

// Mailboxes lists every mailbox by name.
func (q *Queries) Mailboxes(ctx context.Context) ([]*Mailbox, error) {
	rows, err := q.db.QueryContext(ctx, "SELECT "+mailboxColumns+mailboxFrom+" ORDER BY m.name")
	if err != nil {
		return nil, fmt.Errorf("store: mailboxes: %w", err)
	}
	defer rows.Close()
	var out []*Mailbox
	for rows.Next() {
		m, err := scanMailbox(rows)
		if err != nil {
			return nil, fmt.Errorf("store: mailboxes: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Mailbox reads one mailbox by id.
func (q *Queries) Mailbox(ctx context.Context, id int64) (*Mailbox, error) {
	m, err := scanMailbox(q.db.QueryRowContext(ctx, "SELECT "+mailboxColumns+mailboxFrom+" WHERE m.id = $1", id))
	if err != nil {
		return nil, fmt.Errorf("store: mailbox %d: %w", id, err)
	}
	return m, nil
}

// MailboxByName reads one mailbox by its name.
func (q *Queries) MailboxByName(ctx context.Context, name string) (*Mailbox, error) {
	m, err := scanMailbox(q.db.QueryRowContext(ctx, "SELECT "+mailboxColumns+mailboxFrom+" WHERE m.name = $1", name))
	if err != nil {
		return nil, fmt.Errorf("store: mailbox %q: %w", name, err)
	}
	return m, nil
}

// CreateMailbox inserts a mailbox and returns its id. A name or address
// already in use is model.ErrConflict.
func (q *Queries) CreateMailbox(ctx context.Context, m *Mailbox) (int64, error) {
	now := Now()
	var id int64
	err := q.db.QueryRowContext(ctx, `INSERT INTO mailboxes (name, address, team_id, imap_host, imap_port, imap_security,
		imap_user, imap_password, imap_folder, imap_archive_folder, active, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id`,
		m.Name, NormalizeEmail(m.Address), nullID(m.TeamID), m.IMAPHost, m.IMAPPort, m.IMAPSecurity,
		m.IMAPUser, m.IMAPPassword, m.IMAPFolder, m.IMAPArchiveFolder, m.Active, now).Scan(&id)
	if err != nil {
		return 0, q.conflict(fmt.Errorf("store: create mailbox: %w", err))
	}
	return id, nil
}

// UpdateMailbox writes every field of m but the poll state.
func (q *Queries) UpdateMailbox(ctx context.Context, m *Mailbox) error {
	res, err := q.db.ExecContext(ctx, `UPDATE mailboxes SET name = $1, address = $2, team_id = $3, imap_host = $4, imap_port = $5,
		imap_security = $6, imap_user = $7, imap_password = $8, imap_folder = $9, imap_archive_folder = $10, active = $11,
		updated_at = $12 WHERE id = $13`,
		m.Name, NormalizeEmail(m.Address), nullID(m.TeamID), m.IMAPHost, m.IMAPPort, m.IMAPSecurity,
		m.IMAPUser, m.IMAPPassword, m.IMAPFolder, m.IMAPArchiveFolder, m.Active, Now(), m.ID)
	if err != nil {
		return q.conflict(fmt.Errorf("store: update mailbox: %w", err))
	}
	return rowsOrNotFound(res, "mailbox", m.ID)
}

// DeleteMailbox removes a mailbox; its tickets and mails keep their data
// and lose the reference.
func (q *Queries) DeleteMailbox(ctx context.Context, id int64) error {
	res, err := q.db.ExecContext(ctx, "DELETE FROM mailboxes WHERE id = $1", id)
	if err != nil {
		return fmt.Errorf("store: delete mailbox: %w", err)
	}
	return rowsOrNotFound(res, "mailbox", id)
}

// RecordPoll notes the end of a poll of the mailbox and its error, if any
// ("" clears it).
func (q *Queries) RecordPoll(ctx context.Context, id int64, at time.Time, errText string) error {
	_, err := q.db.ExecContext(ctx, "UPDATE mailboxes SET last_poll_at = $1, last_error = $2 WHERE id = $3", at, errText, id)
	if err != nil {
		return fmt.Errorf("store: record poll: %w", err)
	}
	return nil
}
