package store

import (
	"context"
	"database/sql"
	"strings"
	"sync"
)

// QueryCount counts the SQL statements run with one context: a request's,
// when a test wants to see how many statements a page costs. It keeps the
// statements' text, so that a test can show which ones were too many. It
// is safe for concurrent use.
type QueryCount struct {
	mu    sync.Mutex
	stmts []string
}

// N returns the number of statements counted so far.
func (c *QueryCount) N() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return int64(len(c.stmts))
}

// Statements returns the statements counted so far, in order, each on one
// line.
func (c *QueryCount) Statements() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.stmts...)
}

func (c *QueryCount) add(query string) {
	query = strings.Join(strings.Fields(query), " ")
	c.mu.Lock()
	c.stmts = append(c.stmts, query)
	c.mu.Unlock()
}

type queryCountKey struct{}

// WithQueryCount returns a context under which every ExecContext,
// QueryContext and QueryRowContext of Queries, on the database or in a
// transaction, adds one to the returned count. Without it, counting costs
// one context lookup per statement.
func WithQueryCount(ctx context.Context) (context.Context, *QueryCount) {
	c := &QueryCount{}
	return context.WithValue(ctx, queryCountKey{}, c), c
}

// counted is the single place every statement of Queries passes through.
type counted struct{ db dbtx }

func countQuery(ctx context.Context, query string) {
	if c, ok := ctx.Value(queryCountKey{}).(*QueryCount); ok {
		c.add(query)
	}
}

func (c counted) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	countQuery(ctx, query)
	return c.db.ExecContext(ctx, query, args...)
}

func (c counted) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	countQuery(ctx, query)
	return c.db.QueryContext(ctx, query, args...)
}

func (c counted) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	countQuery(ctx, query)
	return c.db.QueryRowContext(ctx, query, args...)
}
