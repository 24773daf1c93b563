package store

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"supportal/internal/model"
)

// ticketModelKey is the setting that changes with every change of
// statuses, option values and custom fields, so that every server
// instance on the database notices with one cheap read.
const ticketModelKey = "ticket_model_version"

// TicketModelVersion returns the current version of the ticket model; ""
// before the first change.
func (q *Queries) TicketModelVersion(ctx context.Context) (string, error) {
	return q.Setting(ctx, ticketModelKey)
}

// touchTicketModel gives the ticket model a new version. Called in the
// transaction of the change, so a reader that sees the new version also
// sees the change.
func (q *Queries) touchTicketModel(ctx context.Context) error {
	return q.SetSetting(ctx, ticketModelKey, rand.Text())
}

// TicketModel reads statuses, option values and custom fields with the
// version they belong to. The version is read first: a change in between
// makes the snapshot newer than its version, never older, so a cache
// reloads once too often rather than keeping stale data.
func (q *Queries) TicketModel(ctx context.Context) (*model.TicketModel, error) {
	var m model.TicketModel
	var err error
	if m.Version, err = q.TicketModelVersion(ctx); err != nil {
		return nil, err
	}
	if m.Statuses, err = q.Statuses(ctx); err != nil {
		return nil, fmt.Errorf("store: statuses: %w", err)
	}
	if m.Options, err = q.Options(ctx); err != nil {
		return nil, fmt.Errorf("store: options: %w", err)
	}
	if m.Fields, err = q.CustomFields(ctx); err != nil {
		return nil, err
	}
	return &m, nil
}

func parseLabels(s string) (model.Labels, error) {
	l := model.Labels{}
	if s == "" {
		return l, nil
	}
	if err := json.Unmarshal([]byte(s), &l); err != nil {
		return nil, err
	}
	return l, nil
}

// labelsJSON writes labels without the empty ones.
func labelsJSON(l model.Labels) string {
	out := map[string]string{}
	for lang, s := range l {
		if s != "" {
			out[lang] = s
		}
	}
	b, _ := json.Marshal(out) // a map of strings always marshals
	return string(b)
}

// CreateStatus adds a status after the others and returns its id; a
// taken name is model.ErrConflict.
func (q *Queries) CreateStatus(ctx context.Context, s model.Status) (int64, error) {
	var id int64
	err := q.db.QueryRowContext(ctx, `INSERT INTO statuses (name, category, position, labels)
		VALUES ($1, $2, (SELECT COALESCE(MAX(position), 0) + 10 FROM statuses), $3) RETURNING id`,
		s.Name, s.Category, labelsJSON(s.Labels)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: create status: %w", q.conflict(err))
	}
	return id, q.touchTicketModel(ctx)
}

// UpdateStatus changes a status's name, category and labels; a taken
// name is model.ErrConflict.
func (q *Queries) UpdateStatus(ctx context.Context, s model.Status) error {
	var old string
	if err := q.db.QueryRowContext(ctx, "SELECT name FROM statuses WHERE id = $1", s.ID).Scan(&old); err != nil {
		return fmt.Errorf("store: status %d: %w", s.ID, notFound(err))
	}
	if old != s.Name {
		if err := q.renameMacroStatus(ctx, old, s.Name); err != nil {
			return err
		}
	}
	res, err := q.db.ExecContext(ctx, "UPDATE statuses SET name = $1, category = $2, labels = $3 WHERE id = $4",
		s.Name, s.Category, labelsJSON(s.Labels), s.ID)
	if err != nil {
		return fmt.Errorf("store: update status: %w", q.conflict(err))
	}
	if err := rowsOrNotFound(res, "status", s.ID); err != nil {
		return err
	}
	return q.touchTicketModel(ctx)
}

// renameMacroStatus makes the macros that set status from set status to,
// so that renaming a status keeps the macros working. Macros are few; the
// JSON is read and written here rather than matched in SQL, which SQLite
// and PostgreSQL spell differently.
func (q *Queries) renameMacroStatus(ctx context.Context, from, to string) error {
	rows, err := q.db.QueryContext(ctx, "SELECT id, actions FROM macros")
	if err != nil {
		return fmt.Errorf("store: macros: %w", err)
	}
	changed := map[int64]string{}
	for rows.Next() {
		var id int64
		var actions string
		if err := rows.Scan(&id, &actions); err != nil {
			rows.Close()
			return err
		}
		var a map[string]any
		if json.Unmarshal([]byte(actions), &a) != nil || a["status"] != from {
			continue
		}
		a["status"] = to
		b, err := json.Marshal(a)
		if err != nil {
			rows.Close()
			return err
		}
		changed[id] = string(b)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for id, actions := range changed {
		if _, err := q.db.ExecContext(ctx, "UPDATE macros SET actions = $1 WHERE id = $2", actions, id); err != nil {
			return fmt.Errorf("store: macro %d: %w", id, err)
		}
	}
	return nil
}

// StatusTicketCount counts the tickets in a status.
func (q *Queries) StatusTicketCount(ctx context.Context, id int64) (int64, error) {
	var n int64
	if err := q.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM tickets WHERE status_id = $1", id).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: tickets in status %d: %w", id, err)
	}
	return n, nil
}

// DeleteStatus removes a status; with moveTo its tickets move to that
// status first (callers check it is of the same category, so whose turn
// it is does not change).
func (q *Queries) DeleteStatus(ctx context.Context, id, moveTo int64) error {
	if moveTo != 0 {
		if _, err := q.db.ExecContext(ctx, "UPDATE tickets SET status_id = $1 WHERE status_id = $2", moveTo, id); err != nil {
			return fmt.Errorf("store: move tickets of status %d: %w", id, err)
		}
	}
	res, err := q.db.ExecContext(ctx, "DELETE FROM statuses WHERE id = $1", id)
	if err != nil {
		return fmt.Errorf("store: delete status %d: %w", id, err)
	}
	if err := rowsOrNotFound(res, "status", id); err != nil {
		return err
	}
	return q.touchTicketModel(ctx)
}

// SetStatusOrder numbers the statuses in the order of ids.
func (q *Queries) SetStatusOrder(ctx context.Context, ids []int64) error {
	for i, id := range ids {
		if _, err := q.db.ExecContext(ctx, "UPDATE statuses SET position = $1 WHERE id = $2", (i+1)*10, id); err != nil {
			return fmt.Errorf("store: order statuses: %w", err)
		}
	}
	return q.touchTicketModel(ctx)
}

// UpdateOption changes the labels and flags of an option value. A new
// default replaces the field's old one.
func (q *Queries) UpdateOption(ctx context.Context, o model.Option) error {
	if o.Default {
		if _, err := q.db.ExecContext(ctx, "UPDATE field_options SET is_default = FALSE WHERE field = $1 AND parent = $2",
			o.Field, o.Parent); err != nil {
			return fmt.Errorf("store: option default: %w", err)
		}
	}
	res, err := q.db.ExecContext(ctx, `UPDATE field_options SET labels = $1, contact_selectable = $2, is_default = $3
		WHERE field = $4 AND parent = $5 AND value = $6`,
		labelsJSON(o.Labels), o.ContactSelectable, o.Default, o.Field, o.Parent, o.Value)
	if err != nil {
		return fmt.Errorf("store: update option: %w", err)
	}
	if err := rowsOrNotFound(res, "option "+o.Field+" "+o.Value, 0); err != nil {
		return err
	}
	return q.touchTicketModel(ctx)
}

// DeleteOption stops offering a value; tickets keep it. Removing a module
// removes its versions.
func (q *Queries) DeleteOption(ctx context.Context, field, parent, value string) error {
	res, err := q.db.ExecContext(ctx, "DELETE FROM field_options WHERE field = $1 AND parent = $2 AND value = $3", field, parent, value)
	if err != nil {
		return fmt.Errorf("store: delete option: %w", err)
	}
	if err := rowsOrNotFound(res, "option "+field+" "+value, 0); err != nil {
		return err
	}
	if field == model.FieldModule {
		if _, err := q.db.ExecContext(ctx, "DELETE FROM field_options WHERE field = $1 AND parent = $2", model.FieldVersion, value); err != nil {
			return fmt.Errorf("store: delete versions of %s: %w", value, err)
		}
	}
	return q.touchTicketModel(ctx)
}

// SetOptionOrder numbers the values of a field (of one module, for
// versions) in the order given.
func (q *Queries) SetOptionOrder(ctx context.Context, field, parent string, values []string) error {
	for i, v := range values {
		if _, err := q.db.ExecContext(ctx, "UPDATE field_options SET position = $1 WHERE field = $2 AND parent = $3 AND value = $4",
			(i+1)*10, field, parent, v); err != nil {
			return fmt.Errorf("store: order options: %w", err)
		}
	}
	return q.touchTicketModel(ctx)
}

const customFieldColumns = `id, key, kind, labels, options, position, contact_visible, contact_editable,
	required_create, required_resolve, active, created_at, updated_at`

// CustomFields lists every custom field, active or not, in order.
func (q *Queries) CustomFields(ctx context.Context) ([]model.CustomField, error) {
	rows, err := q.db.QueryContext(ctx, "SELECT "+customFieldColumns+" FROM custom_fields ORDER BY position, id")
	if err != nil {
		return nil, fmt.Errorf("store: custom fields: %w", err)
	}
	defer rows.Close()
	var out []model.CustomField
	for rows.Next() {
		var f model.CustomField
		var labels, options string
		if err := rows.Scan(&f.ID, &f.Key, &f.Kind, &labels, &options, &f.Position, &f.ContactVisible, &f.ContactEditable,
			&f.RequiredCreate, &f.RequiredResolve, &f.Active, &f.CreatedAt, &f.UpdatedAt); err != nil {
			return nil, fmt.Errorf("store: custom fields: %w", err)
		}
		if f.Labels, err = parseLabels(labels); err != nil {
			return nil, fmt.Errorf("store: labels of custom field %s: %w", f.Key, err)
		}
		if err := json.Unmarshal([]byte(options), &f.Options); err != nil {
			return nil, fmt.Errorf("store: options of custom field %s: %w", f.Key, err)
		}
		f.CreatedAt, f.UpdatedAt = utc(f.CreatedAt), utc(f.UpdatedAt)
		out = append(out, f)
	}
	return out, rows.Err()
}

func optionsJSON(o []string) string {
	b, _ := json.Marshal(slices.Concat([]string{}, o)) // a list of strings always marshals; nil as []
	return string(b)
}

// CreateCustomField adds a custom field after the others and returns its
// id; a taken key is model.ErrConflict.
func (q *Queries) CreateCustomField(ctx context.Context, f model.CustomField) (int64, error) {
	now := Now()
	var id int64
	err := q.db.QueryRowContext(ctx, `INSERT INTO custom_fields (key, kind, labels, options, position, contact_visible,
		contact_editable, required_create, required_resolve, active, created_at, updated_at)
		VALUES ($1, $2, $3, $4, (SELECT COALESCE(MAX(position), 0) + 10 FROM custom_fields), $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
		f.Key, f.Kind, labelsJSON(f.Labels), optionsJSON(f.Options), f.ContactVisible, f.ContactEditable,
		f.RequiredCreate, f.RequiredResolve, f.Active, now).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: create custom field: %w", q.conflict(err))
	}
	return id, q.touchTicketModel(ctx)
}

// UpdateCustomField changes a custom field's labels, options and flags;
// its key and kind stay.
func (q *Queries) UpdateCustomField(ctx context.Context, f model.CustomField) error {
	res, err := q.db.ExecContext(ctx, `UPDATE custom_fields SET labels = $1, options = $2, contact_visible = $3,
		contact_editable = $4, required_create = $5, required_resolve = $6, active = $7, updated_at = $8 WHERE id = $9`,
		labelsJSON(f.Labels), optionsJSON(f.Options), f.ContactVisible, f.ContactEditable, f.RequiredCreate,
		f.RequiredResolve, f.Active, Now(), f.ID)
	if err != nil {
		return fmt.Errorf("store: update custom field: %w", err)
	}
	if err := rowsOrNotFound(res, "custom field", f.ID); err != nil {
		return err
	}
	return q.touchTicketModel(ctx)
}

// SetCustomFieldOrder numbers the custom fields in the order of ids.
func (q *Queries) SetCustomFieldOrder(ctx context.Context, ids []int64) error {
	for i, id := range ids {
		if _, err := q.db.ExecContext(ctx, "UPDATE custom_fields SET position = $1 WHERE id = $2", (i+1)*10, id); err != nil {
			return fmt.Errorf("store: order custom fields: %w", err)
		}
	}
	return q.touchTicketModel(ctx)
}

// SetTicketCustomFields replaces a ticket's custom field values.
func (q *Queries) SetTicketCustomFields(ctx context.Context, ticketID int64, values map[string]any, at time.Time) error {
	b, err := json.Marshal(orEmpty(values))
	if err != nil {
		return fmt.Errorf("store: custom fields of ticket %d: %w", ticketID, err)
	}
	res, err := q.db.ExecContext(ctx, "UPDATE tickets SET custom_fields = $1, updated_at = $2 WHERE id = $3", string(b), at, ticketID)
	if err != nil {
		return fmt.Errorf("store: custom fields of ticket %d: %w", ticketID, err)
	}
	return rowsOrNotFound(res, "ticket", ticketID)
}
