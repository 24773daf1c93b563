// Package testenv gives tests real databases: a fresh SQLite file, or a
// fresh schema on the PostgreSQL server named by SUPPORTAL_TEST_POSTGRES,
// so the same tests run on both engines. It is imported by tests only.
package testenv

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
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
func Store(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), DatabaseURL(t))
	if err != nil {
		t.Fatalf("testenv: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(context.Background()); err != nil {
		t.Fatalf("testenv: migrate: %v", err)
	}
	return st
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
