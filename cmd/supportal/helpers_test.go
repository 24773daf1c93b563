package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"supportal/internal/app"
	"supportal/internal/config"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

// database is a fresh database for the commands of one test: its flags,
// and the configuration a server on it would use.
type database struct {
	args []string
	cfg  config.Config
}

// newDatabase returns a fresh SQLite data folder, or a fresh PostgreSQL
// schema when SUPPORTAL_TEST_POSTGRES is set.
func newDatabase(t *testing.T) *database {
	t.Helper()
	target := testenv.DatabaseURL(t)
	cfg := config.Default()
	if store.IsPostgres(target) {
		cfg.DatabaseURL, cfg.DataDir = target, t.TempDir()
	} else {
		cfg.DataDir = filepath.Dir(target)
	}
	cfg.Addr = "127.0.0.1:0"
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	args := []string{"--data-dir", cfg.DataDir}
	if cfg.DatabaseURL != "" {
		args = append(args, "--database-url", cfg.DatabaseURL)
	}
	return &database{args: args, cfg: cfg}
}

// result is what a command did.
type result struct {
	code           int
	stdout, stderr string
}

// lastLine is the last line of standard output.
func (r result) lastLine() string {
	lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
	return lines[len(lines)-1]
}

// syncBuffer is a buffer that a server goroutine and the test may share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// runCommand runs a command line in-process with stdin as standard input.
func runCommand(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errOut syncBuffer
	code := run(context.Background(), &cli{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut}, args)
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

// run runs a command against db.
func (db *database) run(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	return runCommand(t, stdin, append(args, db.args...)...)
}

// mustRun runs a command against db and fails the test unless it succeeds.
func (db *database) mustRun(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	r := db.run(t, stdin, args...)
	if r.code != 0 {
		t.Fatalf("%s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r
}

// server starts the application on db over loopback, as a second process
// beside the commands would.
func (db *database) server(t *testing.T) (*app.App, *testenv.Env) {
	t.Helper()
	cfg := db.cfg
	a, err := app.Open(context.Background(), &cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	srv := httptest.NewServer(a.Handler())
	t.Cleanup(srv.Close)
	return a, &testenv.Env{App: a, Server: srv, Config: &cfg}
}

// bearerGet calls an API path of a server with a token.
func bearerGet(t *testing.T, base, path, token string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}
