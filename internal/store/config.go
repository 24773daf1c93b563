package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"supportal/internal/model"
)

// Statuses lists the statuses in order.
func (q *Queries) Statuses(ctx context.Context) ([]model.Status, error) {
	rows, err := q.db.QueryContext(ctx, "SELECT id, name, category, position, labels FROM statuses ORDER BY position, id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Status
	for rows.Next() {
		var s model.Status
		var labels string
		if err := rows.Scan(&s.ID, &s.Name, &s.Category, &s.Position, &labels); err != nil {
			return nil, err
		}
		if s.Labels, err = parseLabels(labels); err != nil {
			return nil, fmt.Errorf("store: labels of status %s: %w", s.Name, err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// Options lists the allowed values of every option-backed ticket field.
func (q *Queries) Options(ctx context.Context) ([]model.Option, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT field, parent, value, position, contact_selectable, is_default, labels
		FROM field_options ORDER BY field, parent, position, value`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.Option
	for rows.Next() {
		var o model.Option
		var labels string
		if err := rows.Scan(&o.Field, &o.Parent, &o.Value, &o.Position, &o.ContactSelectable, &o.Default, &labels); err != nil {
			return nil, err
		}
		if o.Labels, err = parseLabels(labels); err != nil {
			return nil, fmt.Errorf("store: labels of %s %s: %w", o.Field, o.Value, err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// AddOption adds an allowed value to a field; an existing one is kept.
func (q *Queries) AddOption(ctx context.Context, o model.Option) error {
	_, err := q.db.ExecContext(ctx, `INSERT INTO field_options (field, parent, value, position, contact_selectable, is_default)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
		o.Field, o.Parent, o.Value, o.Position, o.ContactSelectable, o.Default)
	if err != nil {
		return err
	}
	return q.touchTicketModel(ctx)
}

// Setting reads a setting; a missing one is "" without error.
func (q *Queries) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := q.db.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = $1", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: setting %s: %w", key, err)
	}
	return v, nil
}

// SetSetting writes a setting.
func (q *Queries) SetSetting(ctx context.Context, key, value string) error {
	_, err := q.db.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("store: set setting %s: %w", key, err)
	}
	return nil
}

// DeleteSetting removes a setting.
func (q *Queries) DeleteSetting(ctx context.Context, key string) error {
	_, err := q.db.ExecContext(ctx, "DELETE FROM settings WHERE key = $1", key)
	return err
}

// nextTicketNumber takes the next human ticket number. Inside a
// transaction the counter row stays locked until commit, so numbers are
// unique and, barring rollbacks, without gaps.
func (q *Queries) nextTicketNumber(ctx context.Context) (int64, error) {
	var n int64
	err := q.db.QueryRowContext(ctx, "UPDATE counters SET value = value + 1 WHERE name = 'ticket_number' RETURNING value").Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: next ticket number: %w", err)
	}
	return n, nil
}
