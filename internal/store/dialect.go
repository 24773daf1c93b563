package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// dialect is everything that differs between SQLite and PostgreSQL. The
// rest of the package writes portable SQL: $n placeholders, RETURNING,
// ON CONFLICT, CTEs.
type dialect struct {
	name   string // "sqlite" or "postgres"
	driver string
}

var (
	sqliteDialect   = &dialect{name: "sqlite", driver: "sqlite"}
	postgresDialect = &dialect{name: "postgres", driver: "pgx"}
)

// IsPostgres reports whether url names a PostgreSQL database.
func IsPostgres(url string) bool {
	return strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://")
}

// dialectFor picks the engine for url and returns the driver's DSN.
func dialectFor(dbURL string) (*dialect, string) {
	if IsPostgres(dbURL) {
		return postgresDialect, dbURL
	}
	// Each pragma, and why:
	//   foreign_keys(1)     SQLite does not enforce REFERENCES unless asked.
	//   journal_mode(WAL)   readers never block the writer, so the CLI and
	//                       the server share one file while it serves.
	//   synchronous(FULL)   every commit is on disk before it returns: a
	//                       mail is acknowledged (250, exit 0) only after
	//                       its commit, so a power cut must not undo one.
	//   busy_timeout(10000) a writer waits up to 10 s for the lock instead
	//                       of failing at once with SQLITE_BUSY.
	// _txlock=immediate takes the write lock when a transaction begins, so
	// two transactions that read then write queue up rather than deadlock.
	// _time_format=sqlite writes times as sortable text; the store always
	// writes UTC, so text order is time order.
	q := url.Values{}
	for _, p := range []string{"foreign_keys(1)", "journal_mode(WAL)", "synchronous(FULL)", "busy_timeout(10000)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	q.Set("_time_format", "sqlite")
	return sqliteDialect, "file:" + dbURL + "?" + q.Encode()
}

// configure sizes the connection pool.
func (d *dialect) configure(db *sql.DB) {
	if d == sqliteDialect {
		// SQLite has one writer; more connections only add lock waits.
		// Readers in WAL mode proceed beside it.
		db.SetMaxOpenConns(8)
		db.SetMaxIdleConns(8)
		return
	}
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(10)
}

// isUniqueViolation reports whether err is a unique constraint violation.
func (d *dialect) isUniqueViolation(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Code == "23505"
	}
	var liteErr *sqlite.Error
	if errors.As(err, &liteErr) {
		return liteErr.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || liteErr.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

// lockMigrations serialises migrations between instances that start at the
// same time on one PostgreSQL database; SQLite's file lock does the same
// for it inside the migration transaction.
func (d *dialect) lockMigrations(ctx context.Context, conn *sql.Conn) (unlock func(), err error) {
	if d != postgresDialect {
		return func() {}, nil
	}
	const key = 7357_0001 // any constant shared by every instance
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", key); err != nil {
		return nil, err
	}
	return func() {
		_, _ = conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock($1)", key)
	}, nil
}

// param is the nth parameter of a long generated statement, typed where
// the engine cannot infer a type, as in a VALUES list. PostgreSQL needs
// the type; SQLite gets an anonymous "?", because it looks up every "$n"
// in a list of the names seen before, which makes a statement of thousands
// of parameters slow to prepare.
func (d *dialect) param(n int, pgType string) string {
	if d == postgresDialect {
		return fmt.Sprintf("CAST($%d AS %s)", n, pgType)
	}
	return "?"
}
