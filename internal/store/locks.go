package store

import (
	"context"
	"database/sql/driver"
	"fmt"
	"sync"
	"time"
)

// sqliteLocks holds the locks taken on SQLite databases. SQLite means one
// server process per database file, so a lock inside this process is a
// lock for the whole installation. Keys are prefixed with the path of the
// database file: stores open on one file share their locks, stores on
// different files (tests) do not.
var sqliteLocks sync.Map // string → struct{}

// TryLock takes the named lock if no one holds it, for work that only one
// instance may do at a time (polling one mailbox). ok is false when someone
// else holds it. The lock is held until release is called; release may be
// called more than once.
//
// On SQLite the lock lives in this process (see sqliteLocks). On
// PostgreSQL it is a session advisory lock on a connection of its own,
// taken from the pool (it counts against the pool's limit) and closed on
// release, so the lock ends if this process dies. The lock is scoped to the current schema, so installations
// that share a database in separate schemas do not block each other. If
// the connection breaks, the server drops the lock; the holder does not
// notice, so work done under it must stay safe when done twice (received
// mail is deduplicated).
func (s *Store) TryLock(ctx context.Context, key string) (release func(), ok bool, err error) {
	if s.d != postgresDialect {
		var file string
		err := s.sql.QueryRowContext(ctx, "SELECT file FROM pragma_database_list WHERE name = 'main'").Scan(&file)
		if err != nil {
			return nil, false, fmt.Errorf("store: lock %q: %w", key, err)
		}
		name := file + "\x00" + key
		if _, held := sqliteLocks.LoadOrStore(name, struct{}{}); held {
			return nil, false, nil
		}
		var once sync.Once
		return func() { once.Do(func() { sqliteLocks.Delete(name) }) }, true, nil
	}

	conn, err := s.sql.Conn(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("store: lock %q: %w", key, err)
	}
	var id int64
	err = conn.QueryRowContext(ctx, `SELECT k, pg_try_advisory_lock(k)
		FROM (SELECT hashtextextended(current_schema() || '/' || $1, 0) AS k) AS lock_key`, key).Scan(&id, &ok)
	if err != nil || !ok {
		conn.Close()
		if err != nil {
			return nil, false, fmt.Errorf("store: lock %q: %w", key, err)
		}
		return nil, false, nil
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_, _ = conn.ExecContext(ctx, "SELECT pg_advisory_unlock($1)", id)
			// The connection is closed rather than returned to the pool:
			// should the unlock have failed, the lock ends with the
			// session instead of staying with a pooled connection.
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
			conn.Close()
		})
	}, true, nil
}
