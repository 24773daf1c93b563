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
	// load may return before the work is done, which wait waits for;
	// committed, if not nil, is called once it is committed, in the
	// order of the loads.
	load(ctx context.Context, tables []*table, committed func(), after ...stmt) error
	wait() error
	// reserve moves the id sequence of each table past the ids the run
	// writes itself (PostgreSQL's identity columns do not see them).
	reserve(ctx context.Context, next map[string]int64) error
	close() error
}

// sqliteLoader inserts many rows per statement inside one transaction.
type sqliteLoader struct{ db *sql.DB }

// sqliteMaxParams stays below SQLite's limit of bound parameters.
const sqliteMaxParams = 30_000

func (l *sqliteLoader) load(ctx context.Context, tables []*table, committed func(), after ...stmt) error {
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
	if committed != nil {
		committed()
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

func (l *sqliteLoader) wait() error { return nil }

func (l *sqliteLoader) reserve(context.Context, map[string]int64) error { return nil }

func (l *sqliteLoader) close() error { return nil }

// postgresLoader copies each table into a temporary table of the same
// columns and moves the rows over with one INSERT … SELECT, which may set
// the identity columns (COPY may not).
//
// It loads two batches at once, each on its own connection: PostgreSQL
// spends a core per connection on a batch (the rows, their tsvectors and
// indexes), so one connection left the second core idle. The commits
// keep the order of the loads: a load commits only after the one before
// it has, so the run record a batch commits counts only batches already
// committed, and a stopped run resumes where it says.
type postgresLoader struct {
	conns []*pgConn
	n     int     // loads started
	last  *pgLoad // the load started last
}

// pgConn is a connection of the loader with its staging tables.
type pgConn struct {
	conn    *sql.Conn
	staging map[string]bool
	last    *pgLoad // the load last started on it
}

// pgLoad is a load under way; done is closed once it has committed
// (err nil) or failed.
type pgLoad struct {
	done chan struct{}
	err  error
}

func newPostgresLoader(ctx context.Context, db *sql.DB) (*postgresLoader, error) {
	l := &postgresLoader{}
	for range 2 {
		conn, err := db.Conn(ctx)
		if err != nil {
			return nil, errors.Join(fmt.Errorf("seed: connect: %w", err), l.close())
		}
		l.conns = append(l.conns, &pgConn{conn: conn, staging: map[string]bool{}})
	}
	return l, nil
}

// load starts loading the tables and returns once a connection took the
// work, or with the error of an earlier load; wait waits for them all.
func (l *postgresLoader) load(ctx context.Context, tables []*table, committed func(), after ...stmt) error {
	c := l.conns[l.n%len(l.conns)]
	if err := c.wait(); err != nil {
		return err
	}
	prev, cur := l.last, &pgLoad{done: make(chan struct{})}
	c.last, l.last = cur, cur
	l.n++
	go func() {
		defer close(cur.done)
		if cur.err = c.load(ctx, tables, after, prev); cur.err == nil && committed != nil {
			committed()
		}
	}()
	return nil
}

// wait waits for every load started and returns the first failure.
func (l *postgresLoader) wait() error {
	for _, c := range l.conns {
		_ = c.wait()
	}
	if l.last == nil {
		return nil
	}
	return l.last.err // a failure passes on to every later load
}

func (c *pgConn) wait() error {
	if c.last == nil {
		return nil
	}
	<-c.last.done
	return c.last.err
}

// load writes the tables in one transaction and, once prev (if any) has
// committed, runs the statements after them and commits.
func (c *pgConn) load(ctx context.Context, tables []*table, after []stmt, prev *pgLoad) error {
	return c.conn.Raw(func(dc any) error {
		pc := dc.(*stdlib.Conn).Conn()
		tx, err := pc.Begin(ctx)
		if err != nil {
			return fmt.Errorf("seed: begin: %w", err)
		}
		defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
		for _, t := range tables {
			if err := c.copy(ctx, tx, t); err != nil {
				return err
			}
		}
		if prev != nil {
			<-prev.done
			if prev.err != nil {
				return prev.err
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

func (c *pgConn) copy(ctx context.Context, tx pgx.Tx, t *table) error {
	if len(t.rows) == 0 {
		return nil
	}
	stage := "seed_" + t.name
	cols := strings.Join(t.columns, ", ")
	if !c.staging[t.name] {
		// The staging table lives as long as the connection; its rows
		// only until the end of each transaction.
		_, err := tx.Exec(ctx, "CREATE TEMPORARY TABLE IF NOT EXISTS "+stage+" ON COMMIT DELETE ROWS AS SELECT "+cols+" FROM "+t.name+" WITH NO DATA")
		if err != nil {
			return fmt.Errorf("seed: staging table for %s: %w", t.name, err)
		}
		c.staging[t.name] = true
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
	if err := l.wait(); err != nil {
		return err
	}
	for name, id := range next {
		_, err := l.conns[0].conn.ExecContext(ctx, "SELECT setval(pg_get_serial_sequence($1, 'id'), GREATEST($2, (SELECT COALESCE(MAX(id), 0) FROM "+name+")))",
			name, id-1)
		if err != nil {
			return fmt.Errorf("seed: reserve ids of %s: %w", name, err)
		}
	}
	return nil
}

func (l *postgresLoader) close() error {
	errs := []error{l.wait()}
	for _, c := range l.conns {
		err := c.conn.Raw(func(dc any) error {
			for name := range c.staging {
				if _, err := dc.(*stdlib.Conn).Conn().Exec(context.Background(), "DROP TABLE IF EXISTS seed_"+name); err != nil {
					return err
				}
			}
			return nil
		})
		errs = append(errs, err, c.conn.Close())
	}
	return errors.Join(errs...)
}
