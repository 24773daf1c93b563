package seed

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// table is the rows of one table that a batch writes.
type table struct {
	name    string
	columns []string
	rows    [][]any
}

func (t *table) add(row ...any) { t.rows = append(t.rows, row) }

// stmt is one statement with its arguments.
type stmt struct {
	query string
	args  []any
}

// loader writes tables and then runs statements in one transaction: all
// of it, or nothing. It is the one place where the engines differ: SQLite
// takes long multi-row INSERTs, PostgreSQL takes COPY.
type loader interface {
	load(ctx context.Context, tables []*table, after ...stmt) error
	// reserve moves the id sequence of each table past the ids the run
	// writes itself (PostgreSQL's identity columns do not see them).
	reserve(ctx context.Context, next map[string]int64) error
	close() error
}

// sqliteLoader inserts many rows per statement inside one transaction.
type sqliteLoader struct{ db *sql.DB }

// sqliteMaxParams stays below SQLite's limit of bound parameters.
const sqliteMaxParams = 30_000

func (l *sqliteLoader) load(ctx context.Context, tables []*table, after ...stmt) error {
	tx, err := l.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("seed: begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	for _, t := range tables {
		if err := l.insert(ctx, tx, t); err != nil {
			return err
		}
	}
	for _, s := range after {
		if _, err := tx.ExecContext(ctx, s.query, s.args...); err != nil {
			return fmt.Errorf("seed: %s: %w", s.query, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("seed: commit: %w", err)
	}
	return nil
}

// insert writes t in statements of up to per rows; the statement for a
// full chunk is prepared once.
func (l *sqliteLoader) insert(ctx context.Context, tx *sql.Tx, t *table) error {
	if len(t.rows) == 0 {
		return nil
	}
	per := max(1, min(500, sqliteMaxParams/len(t.columns)))
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	args := make([]any, 0, per*len(t.columns))
	for start := 0; start < len(t.rows); start += per {
		chunk := t.rows[start:min(start+per, len(t.rows))]
		args = args[:0]
		for _, r := range chunk {
			args = append(args, r...)
		}
		var err error
		if len(chunk) == per {
			if full == nil {
				if full, err = tx.PrepareContext(ctx, insertSQL(t, per)); err != nil {
					return fmt.Errorf("seed: prepare %s: %w", t.name, err)
				}
			}
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = tx.ExecContext(ctx, insertSQL(t, len(chunk)), args...)
		}
		if err != nil {
			return fmt.Errorf("seed: insert %s: %w", t.name, err)
		}
	}
	return nil
}

// insertSQL is an INSERT of n rows with anonymous parameters.
func insertSQL(t *table, n int) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(t.columns)), ", ") + ")"
	var b strings.Builder
	b.Grow(40 + n*(len(one)+2))
	b.WriteString("INSERT INTO " + t.name + " (" + strings.Join(t.columns, ", ") + ") VALUES ")
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(one)
	}
	return b.String()
}

func (l *sqliteLoader) reserve(context.Context, map[string]int64) error { return nil }

func (l *sqliteLoader) close() error { return nil }

// postgresLoader copies each table into a temporary table of the same
// columns and moves the rows over with one INSERT … SELECT, which may set
// the identity columns (COPY may not).
type postgresLoader struct {
	conn    *sql.Conn
	staging map[string]bool
}

func newPostgresLoader(ctx context.Context, db *sql.DB) (*postgresLoader, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("seed: connect: %w", err)
	}
	return &postgresLoader{conn: conn, staging: map[string]bool{}}, nil
}

func (l *postgresLoader) load(ctx context.Context, tables []*table, after ...stmt) error {
	return l.conn.Raw(func(dc any) error {
		c := dc.(*stdlib.Conn).Conn()
		tx, err := c.Begin(ctx)
		if err != nil {
			return fmt.Errorf("seed: begin: %w", err)
		}
		defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
		for _, t := range tables {
			if err := l.copy(ctx, tx, t); err != nil {
				return err
			}
		}
		for _, s := range after {
			if _, err := tx.Exec(ctx, s.query, s.args...); err != nil {
				return fmt.Errorf("seed: %s: %w", s.query, err)
			}
		}
		if err := tx.Commit(ctx); err != nil {
			return fmt.Errorf("seed: commit: %w", err)
		}
		return nil
	})
}

func (l *postgresLoader) copy(ctx context.Context, tx pgx.Tx, t *table) error {
	if len(t.rows) == 0 {
		return nil
	}
	stage := "seed_" + t.name
	cols := strings.Join(t.columns, ", ")
	if !l.staging[t.name] {
		// The staging table lives as long as the connection; its rows
		// only until the end of each transaction.
		_, err := tx.Exec(ctx, "CREATE TEMPORARY TABLE IF NOT EXISTS "+stage+" ON COMMIT DELETE ROWS AS SELECT "+cols+" FROM "+t.name+" WITH NO DATA")
		if err != nil {
			return fmt.Errorf("seed: staging table for %s: %w", t.name, err)
		}
		l.staging[t.name] = true
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{stage}, t.columns, pgx.CopyFromRows(t.rows)); err != nil {
		return fmt.Errorf("seed: copy %s: %w", t.name, err)
	}
	overriding := ""
	if t.columns[0] == "id" {
		overriding = " OVERRIDING SYSTEM VALUE"
	}
	if _, err := tx.Exec(ctx, "INSERT INTO "+t.name+" ("+cols+")"+overriding+" SELECT "+cols+" FROM "+stage); err != nil {
		return fmt.Errorf("seed: insert %s: %w", t.name, err)
	}
	return nil
}

func (l *postgresLoader) reserve(ctx context.Context, next map[string]int64) error {
	for name, id := range next {
		_, err := l.conn.ExecContext(ctx, "SELECT setval(pg_get_serial_sequence($1, 'id'), GREATEST($2, (SELECT COALESCE(MAX(id), 0) FROM "+name+")))",
			name, id-1)
		if err != nil {
			return fmt.Errorf("seed: reserve ids of %s: %w", name, err)
		}
	}
	return nil
}

func (l *postgresLoader) close() error {
	err := l.conn.Raw(func(dc any) error {
		for name := range l.staging {
			if _, err := dc.(*stdlib.Conn).Conn().Exec(context.Background(), "DROP TABLE IF EXISTS seed_"+name); err != nil {
				return err
			}
		}
		return nil
	})
	return errors.Join(err, l.conn.Close())
}
