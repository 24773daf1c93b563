package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// MailTemplate is an administrator's version of a notification template
// in one language; without one the built-in default is used.
type MailTemplate struct {
	Name      string
	Language  string
	Subject   string
	Body      string
	UpdatedBy int64 // 0 when the user was deleted
	UpdatedAt time.Time
}

const mailTemplateColumns = "name, language, subject, body, updated_by, updated_at"

func scanMailTemplate(row interface{ Scan(...any) error }) (*MailTemplate, error) {
	var t MailTemplate
	var by sql.NullInt64
	if err := row.Scan(&t.Name, &t.Language, &t.Subject, &t.Body, &by, &t.UpdatedAt); err != nil {
		return nil, notFound(err)
	}
	t.UpdatedBy = idOrZero(by)
	t.UpdatedAt = utc(t.UpdatedAt)
	return &t, nil
}

// MailTemplate reads the override of template name in lang, or
// model.ErrNotFound when the default applies.
func (q *Queries) MailTemplate(ctx context.Context, name, lang string) (*MailTemplate, error) {
	t, err := scanMailTemplate(q.db.QueryRowContext(ctx,
		"SELECT "+mailTemplateColumns+" FROM mail_templates WHERE name = $1 AND language = $2", name, lang))
	if err != nil {
		return nil, fmt.Errorf("store: mail template %s.%s: %w", name, lang, err)
	}
	return t, nil
}

// SaveMailTemplate writes the override of a template, replacing an
// earlier one.
func (q *Queries) SaveMailTemplate(ctx context.Context, t *MailTemplate) error {
	if t.UpdatedAt.IsZero() {
		t.UpdatedAt = Now()
	}
	_, err := q.db.ExecContext(ctx, `INSERT INTO mail_templates (name, language, subject, body, updated_by, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (name, language) DO UPDATE SET subject = excluded.subject, body = excluded.body,
			updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		t.Name, t.Language, t.Subject, t.Body, nullID(t.UpdatedBy), t.UpdatedAt)
	if err != nil {
		return fmt.Errorf("store: save mail template %s.%s: %w", t.Name, t.Language, err)
	}
	return nil
}

// DeleteMailTemplate removes the override of a template, so the default
// applies again. Removing one that does not exist is not an error.
func (q *Queries) DeleteMailTemplate(ctx context.Context, name, lang string) error {
	_, err := q.db.ExecContext(ctx, "DELETE FROM mail_templates WHERE name = $1 AND language = $2", name, lang)
	if err != nil {
		return fmt.Errorf("store: delete mail template %s.%s: %w", name, lang, err)
	}
	return nil
}

// MailTemplates lists every override by name and language.
func (q *Queries) MailTemplates(ctx context.Context) ([]*MailTemplate, error) {
	rows, err := q.db.QueryContext(ctx, "SELECT "+mailTemplateColumns+" FROM mail_templates ORDER BY name, language")
	if err != nil {
		return nil, fmt.Errorf("store: mail templates: %w", err)
	}
	defer rows.Close()
	var out []*MailTemplate
	for rows.Next() {
		t, err := scanMailTemplate(rows)
		if err != nil {
			return nil, fmt.Errorf("store: mail templates: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
