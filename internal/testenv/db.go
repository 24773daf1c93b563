// Package testenv gives tests real databases: a fresh SQLite file, or a
// fresh schema on the PostgreSQL server named by SUPPORTAL_TEST_POSTGRES,
// so the same tests run on both engines. It is imported by tests only.
package testenv

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the driver for schema set-up

	"supportal/internal/store"
)

// PostgresEnv names the variable that points the tests at PostgreSQL.
const PostgresEnv = "SUPPORTAL_TEST_POSTGRES"

var skipNote sync.Once

// DatabaseURL returns the URL of a new, empty database for t: a schema of
// its own on PostgreSQL when SUPPORTAL_TEST_POSTGRES is set (dropped when
// the test ends), else a SQLite file in t's temporary folder.
func DatabaseURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		skipNote.Do(func() {
			t.Logf("testing on SQLite; set %s=postgres://user@host:5432/db?sslmode=disable to run the same tests on PostgreSQL", PostgresEnv)
		})
		return filepath.Join(t.TempDir(), "supportal.db")
	}
	schema := "t_" + randomHex(8)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("testenv: %v", err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("testenv: create schema: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer db.Close()
		_, _ = db.Exec("DROP SCHEMA " + schema + " CASCADE")
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("testenv: %s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Store opens a new, migrated database for t and closes it when t ends.
// On SQLite the database starts as a copy of a migrated file (see
// migratedSQLite), which is much cheaper than running every migration
// for every test; Migrate then finds nothing to do.
func Store(t testing.TB) *store.Store {
	t.Helper()
	target := DatabaseURL(t)
	if !store.IsPostgres(target) {
		if err := copyMigratedSQLite(target); err != nil {
			t.Fatalf("testenv: %v", err)
		}
	}
	st, err := store.Open(context.Background(), target)
	if err != nil {
		t.Fatalf("testenv: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(context.Background()); err != nil {
		t.Fatalf("testenv: migrate: %v", err)
	}
	return st
}

// migratedSQLite returns a freshly migrated, empty SQLite database file
// shared by every test process of the same schema: its name carries the
// digest of the migrations, and it is renamed into place only when
// complete, so concurrent test binaries never see half a file.
var migratedSQLite = sync.OnceValues(func() (string, error) {
	path := filepath.Join(os.TempDir(), "supportal-test-schema-"+store.MigrationsDigest()+".db")
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	dir, err := os.MkdirTemp("", "supportal-schema-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	tmp := filepath.Join(dir, "schema.db")
	st, err := store.Open(context.Background(), tmp)
	if err != nil {
		return "", err
	}
	_, err = st.Migrate(context.Background())
	if cerr := st.Close(); err == nil {
		err = cerr // closing the last connection checkpoints the WAL into the file
	}
	if err != nil {
		return "", fmt.Errorf("migrate: %w", err)
	}
	if _, err := os.Stat(tmp + "-wal"); err == nil {
		return "", fmt.Errorf("migrated schema %s kept its WAL after closing", tmp)
	}
	return path, os.Rename(tmp, path)
})

// copyMigratedSQLite writes the migrated schema to the SQLite file target.
func copyMigratedSQLite(target string) error {
	src, err := migratedSQLite()
	if err != nil {
		return err
	}
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(target, b, 0o600)
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
