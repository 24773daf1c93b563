package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// ReplyTemplate is a reply text in one language with placeholders that
// package replytpl fills in. OwnerID 0 is a shared template.
type ReplyTemplate struct {
	ID        int64
	Name      string
	Language  string
	Body      string
	OwnerID   int64
	Solution  bool // offered when resolving
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Shared reports whether every agent may use the template.
func (t *ReplyTemplate) Shared() bool { return t.OwnerID == 0 }

const replyTemplateColumns = "id, name, language, body, owner_id, solution, created_at, updated_at"

func scanReplyTemplate(row interface{ Scan(...any) error }) (*ReplyTemplate, error) {
	var t ReplyTemplate
	var owner sql.NullInt64
	if err := row.Scan(&t.ID, &t.Name, &t.Language, &t.Body, &owner, &t.Solution, &t.CreatedAt, &t.UpdatedAt); err != nil {
		return nil, notFound(err)
	}
	t.OwnerID = idOrZero(owner)
	t.CreatedAt, t.UpdatedAt = utc(t.CreatedAt), utc(t.UpdatedAt)
	return &t, nil
}

// ReplyTemplates lists the shared templates and those of agent ownerID,
// by name and language.
func (q *Queries) ReplyTemplates(ctx context.Context, ownerID int64) ([]*ReplyTemplate, error) {
	rows, err := q.db.QueryContext(ctx, "SELECT "+replyTemplateColumns+` FROM reply_templates
		WHERE owner_id IS NULL OR owner_id = $1 ORDER BY name, language, id`, ownerID)
	if err != nil {
		return nil, fmt.Errorf("store: reply templates: %w", err)
	}
	defer rows.Close()
	var out []*ReplyTemplate
	for rows.Next() {
		t, err := scanReplyTemplate(rows)
		if err != nil {
			return nil, fmt.Errorf("store: reply templates: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// ReplyTemplate reads one reply template, whoever owns it.
func (q *Queries) ReplyTemplate(ctx context.Context, id int64) (*ReplyTemplate, error) {
	t, err := scanReplyTemplate(q.db.QueryRowContext(ctx, "SELECT "+replyTemplateColumns+" FROM reply_templates WHERE id = $1", id))
	if err != nil {
		return nil, fmt.Errorf("store: reply template %d: %w", id, err)
	}
	return t, nil
}

// CreateReplyTemplate adds t and returns its id.
func (q *Queries) CreateReplyTemplate(ctx context.Context, t *ReplyTemplate) (int64, error) {
	now := Now()
	var id int64
	err := q.db.QueryRowContext(ctx, `INSERT INTO reply_templates (name, language, body, owner_id, solution, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
		t.Name, t.Language, t.Body, nullID(t.OwnerID), t.Solution, now).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: create reply template: %w", err)
	}
	return id, nil
}

// UpdateReplyTemplate changes the name, language, text and solution flag
// of template t.ID; its owner stays.
func (q *Queries) UpdateReplyTemplate(ctx context.Context, t *ReplyTemplate) error {
	res, err := q.db.ExecContext(ctx, `UPDATE reply_templates SET name = $1, language = $2, body = $3, solution = $4, updated_at = $5
		WHERE id = $6`, t.Name, t.Language, t.Body, t.Solution, Now(), t.ID)
	if err != nil {
		return fmt.Errorf("store: update reply template: %w", err)
	}
	return rowsOrNotFound(res, "reply template", t.ID)
}

// DeleteReplyTemplate removes a reply template.
func (q *Queries) DeleteReplyTemplate(ctx context.Context, id int64) error {
	res, err := q.db.ExecContext(ctx, "DELETE FROM reply_templates WHERE id = $1", id)
	if err != nil {
		return fmt.Errorf("store: delete reply template: %w", err)
	}
	return rowsOrNotFound(res, "reply template", id)
}
