package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Macro is a named set of changes applied to a ticket in one click.
// Actions is a JSON object that package macro reads and writes. OwnerID 0
// is a shared macro.
type Macro struct {
	ID        int64
	Name      string
	OwnerID   int64
	Actions   string
	CreatedAt time.Time
	UpdatedAt time.Time
}

const macroColumns = "id, name, owner_id, actions, created_at, updated_at"

func scanMacro(row interface{ Scan(...any) error }) (*Macro, error) {
	var m Macro
	var owner sql.NullInt64
	if err := row.Scan(&m.ID, &m.Name, &owner, &m.Actions, &m.CreatedAt, &m.UpdatedAt); err != nil {
		return nil, notFound(err)
	}
	m.OwnerID = idOrZero(owner)
	m.CreatedAt, m.UpdatedAt = utc(m.CreatedAt), utc(m.UpdatedAt)
	return &m, nil
}

// Macros lists the shared macros and those of agent ownerID, by name.
func (q *Queries) Macros(ctx context.Context, ownerID int64) ([]*Macro, error) {
	rows, err := q.db.QueryContext(ctx, "SELECT "+macroColumns+` FROM macros
		WHERE owner_id IS NULL OR owner_id = $1 ORDER BY name, id`, ownerID)
	if err != nil {
		return nil, fmt.Errorf("store: macros: %w", err)
	}
	defer rows.Close()
	var out []*Macro
	for rows.Next() {
		m, err := scanMacro(rows)
		if err != nil {
			return nil, fmt.Errorf("store: macros: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Macro reads one macro, whoever owns it.
func (q *Queries) Macro(ctx context.Context, id int64) (*Macro, error) {
	m, err := scanMacro(q.db.QueryRowContext(ctx, "SELECT "+macroColumns+" FROM macros WHERE id = $1", id))
	if err != nil {
		return nil, fmt.Errorf("store: macro %d: %w", id, err)
	}
	return m, nil
}

// CreateMacro adds m and returns its id.
func (q *Queries) CreateMacro(ctx context.Context, m *Macro) (int64, error) {
	now := Now()
	var id int64
	err := q.db.QueryRowContext(ctx, `INSERT INTO macros (name, owner_id, actions, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $4) RETURNING id`, m.Name, nullID(m.OwnerID), m.Actions, now).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: create macro: %w", err)
	}
	return id, nil
}

// UpdateMacro changes the name and actions of macro m.ID; its owner stays.
func (q *Queries) UpdateMacro(ctx context.Context, m *Macro) error {
	res, err := q.db.ExecContext(ctx, "UPDATE macros SET name = $1, actions = $2, updated_at = $3 WHERE id = $4",
		m.Name, m.Actions, Now(), m.ID)
	if err != nil {
		return fmt.Errorf("store: update macro: %w", err)
	}
	return rowsOrNotFound(res, "macro", m.ID)
}

// DeleteMacro removes a macro.
func (q *Queries) DeleteMacro(ctx context.Context, id int64) error {
	res, err := q.db.ExecContext(ctx, "DELETE FROM macros WHERE id = $1", id)
	if err != nil {
		return fmt.Errorf("store: delete macro: %w", err)
	}
	return rowsOrNotFound(res, "macro", id)
}
