package store

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
)

//go:embed migrations
var migrationFS embed.FS

// migration is one numbered SQL file of a dialect.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations reads the dialect's embedded migrations in version order.
func (d *dialect) migrations() ([]migration, error) {
	dir := path.Join("migrations", d.name)
	entries, err := fs.ReadDir(migrationFS, dir)
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(e.Name(), ".sql") {
			return nil, fmt.Errorf("store: migration %s/%s is not named NNNN_name.sql", dir, e.Name())
		}
		b, err := fs.ReadFile(migrationFS, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(b)})
	}
	slices.SortFunc(out, func(a, b migration) int { return a.version - b.version })
	return out, nil
}

// Migrate brings the schema up to date. Each migration runs in its own
// transaction together with the record of it, so a crash leaves the
// database at a version boundary. It returns the versions it applied.
func (s *Store) Migrate(ctx context.Context) ([]int, error) {
	all, err := s.d.migrations()
	if err != nil {
		return nil, err
	}
	conn, err := s.sql.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: migrate: %w", err)
	}
	defer conn.Close()
	unlock, err := s.d.lockMigrations(ctx, conn)
	if err != nil {
		return nil, fmt.Errorf("store: migrate: lock: %w", err)
	}
	defer unlock()

	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		name TEXT NOT NULL
	)`); err != nil {
		return nil, fmt.Errorf("store: migrate: %w", err)
	}
	var applied []int
	for _, m := range all {
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return applied, fmt.Errorf("store: migrate: %w", err)
		}
		var done int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM schema_migrations WHERE version = $1", m.version).Scan(&done); err != nil {
			tx.Rollback()
			return applied, fmt.Errorf("store: migrate: %w", err)
		}
		if done > 0 {
			tx.Rollback()
			continue
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			tx.Rollback()
			return applied, fmt.Errorf("store: migration %s: %w", m.name, err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", m.version, m.name); err != nil {
			tx.Rollback()
			return applied, fmt.Errorf("store: migration %s: %w", m.name, err)
		}
		if err := tx.Commit(); err != nil {
			return applied, fmt.Errorf("store: migration %s: %w", m.name, err)
		}
		applied = append(applied, m.version)
	}
	return applied, nil
}

// Pending reports how many migrations have not been applied yet.
func (s *Store) Pending(ctx context.Context) (int, error) {
	all, err := s.d.migrations()
	if err != nil {
		return 0, err
	}
	var n int
	err = s.sql.QueryRowContext(ctx, "SELECT COUNT(*) FROM schema_migrations").Scan(&n)
	if err != nil {
		return len(all), nil // no table yet: nothing applied
	}
	return len(all) - n, nil
}

// MigrationsDigest is a short hash of every embedded migration of both
// dialects: two builds with the same digest create the same schema. Tests
// use it to reuse one migrated database file.
func MigrationsDigest() string {
	h := sha256.New()
	_ = fs.WalkDir(migrationFS, "migrations", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(migrationFS, p)
		fmt.Fprintf(h, "%s %d\n", p, len(b))
		h.Write(b)
		return err
	})
	return hex.EncodeToString(h.Sum(nil)[:8])
}
