package store

import (
	"container/list"
	"context"
	"database/sql"
	"sync"
)

// preparedDB runs the statements of Queries outside transactions as
// prepared statements it keeps, on SQLite. Preparing (parsing and
// planning) every statement anew was a fifth of the CPU of a desk ticket
// view; database/sql prepares a kept statement once on each connection
// that runs it. PostgreSQL's driver keeps prepared statements per
// connection by itself, and transactions (writes, mostly) prepare as
// before.
type preparedDB struct {
	db *sql.DB

	mu    sync.Mutex
	max   int
	stmts map[string]*list.Element // of *keptStmt
	lru   list.List                // most recently used first
}

// keptStmt is a statement of the cache; users counts the callers between
// taking it and starting their query, so that an evicted statement is
// closed only once none is about to use it (a query under way holds it
// open by itself).
type keptStmt struct {
	query   string
	stmt    *sql.Stmt
	users   int
	evicted bool
}

// preparedStatements is how many statements preparedDB keeps: more than
// the distinct statements of the hot pages, few enough that eight
// connections' copies stay a few megabytes.
const preparedStatements = 400

func newPreparedDB(db *sql.DB) *preparedDB {
	return &preparedDB{db: db, max: preparedStatements, stmts: map[string]*list.Element{}}
}

func (p *preparedDB) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	k, err := p.take(ctx, query)
	if err != nil {
		return nil, err
	}
	defer p.release(k)
	return k.stmt.ExecContext(ctx, args...)
}

func (p *preparedDB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	k, err := p.take(ctx, query)
	if err != nil {
		return nil, err
	}
	defer p.release(k)
	return k.stmt.QueryContext(ctx, args...)
}

func (p *preparedDB) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	k, err := p.take(ctx, query)
	if err != nil {
		// A statement that does not prepare fails the same way unprepared;
		// the Row carries the error.
		return p.db.QueryRowContext(ctx, query, args...)
	}
	defer p.release(k)
	return k.stmt.QueryRowContext(ctx, args...)
}

// take returns the kept statement for query, preparing it if need be.
func (p *preparedDB) take(ctx context.Context, query string) (*keptStmt, error) {
	p.mu.Lock()
	if e, ok := p.stmts[query]; ok {
		p.lru.MoveToFront(e)
		k := e.Value.(*keptStmt)
		k.users++
		p.mu.Unlock()
		return k, nil
	}
	p.mu.Unlock()
	stmt, err := p.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if e, ok := p.stmts[query]; ok { // prepared meanwhile by another caller
		_ = stmt.Close()
		p.lru.MoveToFront(e)
		k := e.Value.(*keptStmt)
		k.users++
		return k, nil
	}
	k := &keptStmt{query: query, stmt: stmt, users: 1}
	p.stmts[query] = p.lru.PushFront(k)
	for p.lru.Len() > p.max {
		old := p.lru.Remove(p.lru.Back()).(*keptStmt)
		delete(p.stmts, old.query)
		old.evicted = true
		if old.users == 0 {
			_ = old.stmt.Close()
		}
	}
	return k, nil
}

// release ends a caller's use of k, closing it if it was evicted meanwhile.
func (p *preparedDB) release(k *keptStmt) {
	p.mu.Lock()
	defer p.mu.Unlock()
	k.users--
	if k.evicted && k.users == 0 {
		_ = k.stmt.Close()
	}
}
