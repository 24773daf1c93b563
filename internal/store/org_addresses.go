package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"supportal/internal/model"
)

// OrgAddress is one postal address of an organization: its
// correspondence, invoice or delivery address.
type OrgAddress struct {
	OrgID      int64
	Kind       string
	Company    string
	Department string // "z. Hd.": the person or department to write to
	Street     string // street and house number
	Extra      string // Adresszusatz: building, floor, post box
	PostalCode string
	City       string
	Country    string // ISO 3166-1 alpha-2
	VATID      string // USt-IdNr., for the invoice address
	Email      string // where invoices go by mail
	UpdatedAt  time.Time
	UpdatedBy  int64 // 0 once the user is gone
}

// OrgAddresses returns the addresses an organization keeps, in no
// particular order; kinds it has none of are missing.
func (q *Queries) OrgAddresses(ctx context.Context, orgID int64) ([]OrgAddress, error) {
	rows, err := q.db.QueryContext(ctx, `SELECT org_id, kind, company, department, street, extra, postal_code, city,
		country, vat_id, email, updated_at, updated_by FROM org_addresses WHERE org_id = $1`, orgID)
	if err != nil {
		return nil, fmt.Errorf("store: organization addresses: %w", err)
	}
	defer rows.Close()
	var out []OrgAddress
	for rows.Next() {
		var a OrgAddress
		var by sql.NullInt64
		if err := rows.Scan(&a.OrgID, &a.Kind, &a.Company, &a.Department, &a.Street, &a.Extra, &a.PostalCode, &a.City,
			&a.Country, &a.VATID, &a.Email, &a.UpdatedAt, &by); err != nil {
			return nil, fmt.Errorf("store: organization addresses: %w", err)
		}
		a.UpdatedAt, a.UpdatedBy = utc(a.UpdatedAt), idOrZero(by)
		out = append(out, a)
	}
	return out, rows.Err()
}

// SaveOrgAddress stores the address of its organization and kind,
// replacing the one there was; UpdatedAt is set to now.
func (q *Queries) SaveOrgAddress(ctx context.Context, a OrgAddress) error {
	_, err := q.db.ExecContext(ctx, `INSERT INTO org_addresses
		(org_id, kind, company, department, street, extra, postal_code, city, country, vat_id, email, updated_at, updated_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
		ON CONFLICT (org_id, kind) DO UPDATE SET company = excluded.company, department = excluded.department,
			street = excluded.street, extra = excluded.extra, postal_code = excluded.postal_code, city = excluded.city,
			country = excluded.country, vat_id = excluded.vat_id, email = excluded.email,
			updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
		a.OrgID, a.Kind, a.Company, a.Department, a.Street, a.Extra, a.PostalCode, a.City, a.Country, a.VATID, a.Email,
		Now(), nullID(a.UpdatedBy))
	if err != nil {
		return fmt.Errorf("store: save %s address of organization %d: %w", a.Kind, a.OrgID, err)
	}
	return nil
}

// DeleteOrgAddress removes an organization's address of kind; one it
// does not have is no error.
func (q *Queries) DeleteOrgAddress(ctx context.Context, orgID int64, kind string) error {
	if _, err := q.db.ExecContext(ctx, "DELETE FROM org_addresses WHERE org_id = $1 AND kind = $2", orgID, kind); err != nil {
		return fmt.Errorf("store: delete %s address of organization %d: %w", kind, orgID, err)
	}
	return nil
}

// NewsAddress is an address that gets an organization's product and
// update news once its owner confirmed it.
type NewsAddress struct {
	ID           int64
	OrgID        int64
	Email        string
	Language     string    // of the news and of the confirmation mail; "" for the default
	TokenExpires time.Time // zero when no confirmation link is out
	ConfirmedAt  time.Time // zero until confirmed
	CreatedAt    time.Time
	CreatedBy    int64 // 0 once the user is gone
}

// Confirmed reports whether the address gets news.
func (n *NewsAddress) Confirmed() bool { return !n.ConfirmedAt.IsZero() }

// ErrNewsAddressesFull is what AddNewsAddress returns when the
// organization has as many news addresses as it may.
var ErrNewsAddressesFull = errors.New("store: the organization has all the news addresses it may have")

const newsAddressColumns = "id, org_id, email, language, token_expires, confirmed_at, created_at, created_by"

// scanNewsAddress reads one row of newsAddressColumns.
func scanNewsAddress(row interface{ Scan(...any) error }) (*NewsAddress, error) {
	var n NewsAddress
	var expires, confirmed sql.NullTime
	var by sql.NullInt64
	if err := row.Scan(&n.ID, &n.OrgID, &n.Email, &n.Language, &expires, &confirmed, &n.CreatedAt, &by); err != nil {
		return nil, err
	}
	if expires.Valid {
		n.TokenExpires = utc(expires.Time)
	}
	if confirmed.Valid {
		n.ConfirmedAt = utc(confirmed.Time)
	}
	n.CreatedAt, n.CreatedBy = utc(n.CreatedAt), idOrZero(by)
	return &n, nil
}

// NewsAddresses lists an organization's news addresses in the order they
// were added.
func (q *Queries) NewsAddresses(ctx context.Context, orgID int64) ([]*NewsAddress, error) {
	rows, err := q.db.QueryContext(ctx, "SELECT "+newsAddressColumns+" FROM org_news_addresses WHERE org_id = $1 ORDER BY id", orgID)
	if err != nil {
		return nil, fmt.Errorf("store: news addresses: %w", err)
	}
	defer rows.Close()
	var out []*NewsAddress
	for rows.Next() {
		n, err := scanNewsAddress(rows)
		if err != nil {
			return nil, fmt.Errorf("store: news addresses: %w", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// CountNewsAddresses returns how many news addresses, confirmed or not,
// an organization has.
func (q *Queries) CountNewsAddresses(ctx context.Context, orgID int64) (int, error) {
	var n int
	if err := q.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM org_news_addresses WHERE org_id = $1", orgID).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count news addresses: %w", err)
	}
	return n, nil
}

// NewNewsAddress is what AddNewsAddress stores: an unconfirmed address
// with the hash of its confirmation link.
type NewNewsAddress struct {
	OrgID        int64
	Email        string // normalized
	Language     string
	TokenHash    string
	TokenExpires time.Time
	CreatedBy    int64
}

// AddNewsAddress adds an unconfirmed news address unless the
// organization has max of them already (ErrNewsAddressesFull). An
// address the organization has is model.ErrConflict; a missing
// organization is model.ErrNotFound.
//
// Run it inside a transaction: it first locks the organization's row, so
// that concurrent additions count one after the other and never exceed
// max (on SQLite the transaction holds the write lock anyway).
func (q *Queries) AddNewsAddress(ctx context.Context, n NewNewsAddress, max int) (int64, error) {
	res, err := q.db.ExecContext(ctx, "UPDATE organizations SET updated_at = updated_at WHERE id = $1", n.OrgID)
	if err != nil {
		return 0, fmt.Errorf("store: add news address: %w", err)
	}
	if err := rowsOrNotFound(res, "organization", n.OrgID); err != nil {
		return 0, err
	}
	var id int64
	err = q.db.QueryRowContext(ctx, `INSERT INTO org_news_addresses (org_id, email, language, token_hash, token_expires, created_at, created_by)
		SELECT $1, $2, $3, $4, $5, $6, $7
		WHERE (SELECT COUNT(*) FROM org_news_addresses WHERE org_id = $1) < $8
		RETURNING id`, n.OrgID, n.Email, n.Language, n.TokenHash, n.TokenExpires, Now(), nullID(n.CreatedBy), max).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNewsAddressesFull
	}
	if q.d.isUniqueViolation(err) {
		return 0, fmt.Errorf("store: news address %q: %w", n.Email, model.ErrConflict)
	}
	if err != nil {
		return 0, fmt.Errorf("store: add news address: %w", err)
	}
	return id, nil
}

// RenewNewsToken gives an unconfirmed news address of the organization a
// new confirmation link; the old one stops working. A confirmed or
// unknown address, or one of another organization, is model.ErrNotFound.
func (q *Queries) RenewNewsToken(ctx context.Context, orgID, id int64, hash string, expires time.Time) (*NewsAddress, error) {
	n, err := scanNewsAddress(q.db.QueryRowContext(ctx, `UPDATE org_news_addresses SET token_hash = $1, token_expires = $2
		WHERE org_id = $3 AND id = $4 AND confirmed_at IS NULL RETURNING `+newsAddressColumns, hash, expires, orgID, id))
	if err != nil {
		return nil, fmt.Errorf("store: renew news token %d: %w", id, notFound(err))
	}
	return n, nil
}

// NewsAddressByToken returns the address a valid (unused, unexpired)
// confirmation link belongs to, without spending it, or
// model.ErrNotFound.
func (q *Queries) NewsAddressByToken(ctx context.Context, hash string, now time.Time) (*NewsAddress, error) {
	n, err := scanNewsAddress(q.db.QueryRowContext(ctx, "SELECT "+newsAddressColumns+
		" FROM org_news_addresses WHERE token_hash = $1 AND token_expires > $2", hash, now))
	if err != nil {
		return nil, fmt.Errorf("store: news token: %w", notFound(err))
	}
	return n, nil
}

// ConfirmNewsAddress spends a valid confirmation link: the address is
// confirmed from now on and the link is gone. A link used, expired or
// unknown is model.ErrNotFound; of two concurrent uses one wins.
func (q *Queries) ConfirmNewsAddress(ctx context.Context, hash string, now time.Time) (*NewsAddress, error) {
	n, err := scanNewsAddress(q.db.QueryRowContext(ctx, `UPDATE org_news_addresses
		SET confirmed_at = $1, token_hash = NULL, token_expires = NULL
		WHERE token_hash = $2 AND token_expires > $1 RETURNING `+newsAddressColumns, now, hash))
	if err != nil {
		return nil, fmt.Errorf("store: confirm news address: %w", notFound(err))
	}
	return n, nil
}

// DeleteNewsAddress removes news address id of the organization; one of
// another organization, or none, is model.ErrNotFound.
func (q *Queries) DeleteNewsAddress(ctx context.Context, orgID, id int64) error {
	res, err := q.db.ExecContext(ctx, "DELETE FROM org_news_addresses WHERE org_id = $1 AND id = $2", orgID, id)
	if err != nil {
		return fmt.Errorf("store: delete news address %d: %w", id, err)
	}
	return rowsOrNotFound(res, "news address", id)
}
