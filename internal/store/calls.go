package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"supportal/internal/model"
)

// phoneDigitsSQL is users.phone without the separators people type, for
// LIKE on digits; it is the same expression in both dialects.
const phoneDigitsSQL = `REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(u.phone, ' ', ''), '-', ''), '/', ''), '(', ''), ')', ''), '.', ''), '+', '')`

// FindContacts lists up to limit active contacts whose name or address
// contains query, or whose phone number contains its digits (at least
// four; leading zeros of a national or "00" prefix are ignored, so
// "0170 1234567" finds "+49 170 1234567"). Ordered by name.
func (q *Queries) FindContacts(ctx context.Context, query string, limit int) ([]*model.User, error) {
	text := strings.ToLower(strings.TrimSpace(query))
	if text == "" {
		return nil, nil
	}
	like := "%" + escapeLike(text) + "%"
	digits := strings.TrimLeft(strings.TrimPrefix(model.PhoneDigits(text), "+"), "0")
	phoneLike := "-" // matches no digits-only value
	if len(digits) >= 4 {
		phoneLike = "%" + digits + "%"
	}
	return q.users(ctx, "SELECT "+userColumns+userFrom+`WHERE u.kind = 'contact' AND u.active AND (
		LOWER(u.name) LIKE $1 ESCAPE '\' OR u.email LIKE $1 ESCAPE '\' OR `+phoneDigitsSQL+` LIKE $2)
		ORDER BY u.name, u.id LIMIT $3`, like, phoneLike, limit)
}

// ContactsByPhone lists the active contacts whose phone number is phone
// (model.SamePhone), by id.
func (q *Queries) ContactsByPhone(ctx context.Context, phone string) ([]*model.User, error) {
	digits := strings.TrimPrefix(model.PhoneDigits(phone), "+")
	if len(digits) < 6 {
		return nil, nil
	}
	// The last six digits narrow the candidates; SamePhone decides.
	tail := "%" + digits[len(digits)-6:]
	list, err := q.users(ctx, "SELECT "+userColumns+userFrom+`WHERE u.kind = 'contact' AND u.active AND `+phoneDigitsSQL+` LIKE $1
		ORDER BY u.id`, tail)
	if err != nil {
		return nil, err
	}
	out := list[:0]
	for _, u := range list {
		if model.SamePhone(u.Phone, phone) {
			out = append(out, u)
		}
	}
	return out, nil
}

// NewestOpenTicket is the number of the public ticket that requesterID
// asked most recently about (by last activity) and that is neither
// resolved, closed nor merged into another; model.ErrNotFound if none.
func (q *Queries) NewestOpenTicket(ctx context.Context, requesterID int64) (int64, error) {
	var n int64
	err := q.db.QueryRowContext(ctx, `SELECT t.number FROM tickets t JOIN statuses s ON s.id = t.status_id
		WHERE t.requester_id = $1 AND NOT t.internal AND t.merged_into_id IS NULL AND s.category NOT IN ('resolved', 'closed')
		ORDER BY t.last_activity_at DESC, t.id DESC LIMIT 1`, requesterID).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("store: open ticket of %d: %w", requesterID, model.ErrNotFound)
	}
	if err != nil {
		return 0, fmt.Errorf("store: open ticket of %d: %w", requesterID, err)
	}
	return n, nil
}
