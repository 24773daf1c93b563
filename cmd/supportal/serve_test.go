package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"supportal/internal/app"
	"supportal/internal/demo"
)

func TestServeDemoSeedsAndPrintsTheLogins(t *testing.T) {
	db := newDatabase(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut syncBuffer
	done := make(chan int)
	args := append([]string{"serve", "--demo", "--addr", "127.0.0.1:0", "--base-url", "http://demo.localhost:8080", "--log-level", "warn"}, db.args...)
	go func() { done <- run(ctx, &cli{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut}, args) }()
	const last = "michael.frei@keller-medtech.example"
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(out.String(), last) {
		if time.Now().After(deadline) {
			t.Fatalf("no logins printed:\n%s\n%s", out.String(), errOut.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Fatalf("serve ended with %d: %s", code, errOut.String())
	}
	for _, want := range []string{"http://demo.localhost:8080/login", demo.Password, "lena.hoffmann@nordwerk.example", "portal admin"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	a, _ := db.server(t)
	if ok, err := demo.Installed(context.Background(), a.Store); !ok || err != nil {
		t.Fatalf("demo data not installed: %v", err)
	}
}

// TestCommandsWorkWhileTheServerServes runs the set-up commands against
// the database of a server that is busy signing people in, as an admin
// would on a live system.
func TestCommandsWorkWhileTheServerServes(t *testing.T) {
	db := newDatabase(t)
	db.mustRun(t, password, "agent", "add", "--email", "busy@staff.example", "--name", "Busy Agent", "--password-stdin")
	base := startServer(t, db)

	stop := make(chan struct{})
	var served, failed atomic.Int64
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			for {
				select {
				case <-stop:
					return
				default:
				}
				res, err := client.PostForm(base+"/login", url.Values{"email": {"busy@staff.example"}, "password": {password}})
				if err != nil || res.StatusCode != http.StatusSeeOther {
					failed.Add(1)
				} else {
					served.Add(1)
				}
				if res != nil {
					res.Body.Close()
				}
			}
		})
	}
	for i := range 5 {
		org := db.mustRun(t, "", "org", "add", "--name", fmt.Sprintf("Busy Org %d", i)).lastLine()
		db.mustRun(t, password, "contact", "add", "--org", org, "--email", fmt.Sprintf("c%d@busy.example", i), "--name", "Contact", "--role", "colleague", "--password-stdin")
		db.mustRun(t, password, "agent", "add", "--email", fmt.Sprintf("a%d@staff.example", i), "--name", "Agent", "--team", "1st level", "--password-stdin")
		token := db.mustRun(t, "", "token", "create", "--email", fmt.Sprintf("c%d@busy.example", i)).lastLine()
		if res, body := bearerGet(t, base, "/api/v1/me", token); res.StatusCode != http.StatusOK {
			t.Fatalf("token of contact %d on the running server: %d %s", i, res.StatusCode, body)
		}
	}
	close(stop)
	wg.Wait()
	t.Logf("%d sign-ins served while the commands ran", served.Load())
	if served.Load() == 0 || failed.Load() != 0 {
		t.Fatalf("server answered %d sign-ins and failed %d while the commands ran", served.Load(), failed.Load())
	}
}

// startServer runs app.Serve on db on a free port until the test ends and
// returns its address.
func startServer(t *testing.T, db *database) string {
	t.Helper()
	cfg := db.cfg
	a, err := app.Open(context.Background(), &cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() { done <- a.Serve(ctx, func(a net.Addr) { addr <- a }) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
		a.Close()
	})
	select {
	case a := <-addr:
		return "http://" + a.String()
	case err := <-done:
		t.Fatalf("serve: %v", err)
	}
	return ""
}
