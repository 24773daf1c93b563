// Package store keeps Supportal's data in SQLite or PostgreSQL through
// database/sql. The SQL is written once for both engines; the few real
// differences live in dialect.go. Methods are named by the noun they read
// or write and are defined on Queries, so the same method runs inside a
// transaction or on its own.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"supportal/internal/model"
)

// dbtx is what both *sql.DB and *sql.Tx offer.
type dbtx interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Queries holds every read and write; it runs on the database or inside a
// transaction.
type Queries struct {
	db dbtx
	d  *dialect
}

// Store is an open database.
type Store struct {
	Queries
	sql *sql.DB
}

// Open connects to the database named by url: a postgres:// URL, or else
// the path of a SQLite file (created if missing). It does not migrate.
func Open(ctx context.Context, url string) (*Store, error) {
	d, dsn := dialectFor(url)
	db, err := sql.Open(d.driver, dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open: %w", err)
	}
	d.configure(db)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: connect to %s: %w", d.name, err)
	}
	return &Store{Queries: Queries{db: counted{db}, d: d}, sql: db}, nil
}

// Close closes the connection pool.
func (s *Store) Close() error { return s.sql.Close() }

// Dialect names the engine: "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.d.name }

// DB returns the connection pool, for health checks and metrics.
func (s *Store) DB() *sql.DB { return s.sql }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.sql.PingContext(ctx) }

// InTx runs fn in a transaction, committing if it returns nil and rolling
// back otherwise. On SQLite the transaction takes the write lock at once,
// so two writers queue instead of failing on upgrade.
func (s *Store) InTx(ctx context.Context, fn func(q *Queries) error) error {
	tx, err := s.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	if err := fn(&Queries{db: counted{tx}, d: s.d}); err != nil {
		if rbErr := tx.Rollback(); rbErr != nil && !errors.Is(rbErr, sql.ErrTxDone) {
			return errors.Join(err, fmt.Errorf("store: rollback: %w", rbErr))
		}
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// notFound turns sql.ErrNoRows into model.ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return errNotFound
	}
	return err
}

// nullID maps 0 to NULL for optional references.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// idOrZero reads an optional reference.
func idOrZero(n sql.NullInt64) int64 {
	if n.Valid {
		return n.Int64
	}
	return 0
}

// utc normalises a time read from either engine.
func utc(t time.Time) time.Time { return t.UTC() }

// Now is the current time as the store keeps it: UTC, to the microsecond
// (PostgreSQL's precision), so that a time written and read back compares
// equal on both engines and keyset cursors are exact.
func Now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }

// conflict marks a unique violation in err as model.ErrConflict.
func (q *Queries) conflict(err error) error {
	if err != nil && q.d.isUniqueViolation(err) {
		return fmt.Errorf("%w: %w", err, model.ErrConflict)
	}
	return err
}

// rowsOrNotFound turns an update or delete that touched no row into
// model.ErrNotFound.
func rowsOrNotFound(res sql.Result, what string, id int64) error {
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("store: %s %d: %w", what, id, errNotFound)
	}
	return nil
}
