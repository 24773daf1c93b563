package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"net/smtp"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"supportal/internal/store"
)

// The crash test runs the real binary and kills it with SIGKILL 30 times
// at random moments while mail pours in over SMTP and through "mail
// ingest". Senders behave like MTAs: a mail counts as delivered only on
// 250 or exit 0, and anything else is tried again. At the end every mail
// must be stored exactly once.

// runAsCommand is the environment variable that makes the test binary
// behave as the supportal command.
const runAsCommand = "SUPPORTAL_TEST_RUN_COMMAND"

// buildDir holds the binary built by commandBinary, removed after the tests.
var buildDir string

func TestMain(m *testing.M) {
	if os.Getenv(runAsCommand) == "1" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := run(ctx, &cli{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}, os.Args[1:])
		stop()
		os.Exit(code)
	}
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// commandBinary is the supportal command as users build it: `go build` of
// this package, without the race detector, which would make each of the
// crash test's hundreds of process starts many times slower and is not
// what runs in production. Where no go command is found, the test binary
// itself, re-executed as the command, stands in.
var commandBinary = sync.OnceValues(func() (string, error) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		return os.Executable()
	}
	if buildDir, err = os.MkdirTemp("", "supportal-cmd-"); err != nil {
		return "", err
	}
	exe := filepath.Join(buildDir, "supportal")
	out, err := exec.Command(goCmd, "build", "-o", exe, ".").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return exe, nil
})

// selfCommand returns the command line of the supportal command.
func selfCommand(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	bin, err := commandBinary()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), runAsCommand+"=1")
	return cmd
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// crashServer is the server process the test kills and restarts.
type crashServer struct {
	t        *testing.T
	args     []string
	smtpAddr string
	mu       sync.Mutex
	cmd      *exec.Cmd
	kills    int
}

func (s *crashServer) start() {
	s.t.Helper()
	cmd := selfCommand(s.t, append([]string{"serve", "--addr", "127.0.0.1:0", "--smtp-addr", s.smtpAddr,
		"--log-level", "error"}, s.args...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	// Ready when the SMTP port answers.
	for deadline := time.Now().Add(60 * time.Second); ; {
		c, err := net.DialTimeout("tcp", s.smtpAddr, time.Second)
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			s.t.Fatalf("server did not start: %s", out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.mu.Lock()
	s.cmd = cmd
	s.mu.Unlock()
}

func (s *crashServer) kill() {
	s.mu.Lock()
	cmd := s.cmd
	s.mu.Unlock()
	if cmd == nil {
		return
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	s.kills++
}

func crashMail(i int) []byte {
	return fmt.Appendf(nil, "From: Sender %d <sender%d@crash.example>\r\nTo: support@localhost\r\nSubject: crash %d\r\n"+
		"Message-ID: <crash-%d@crash.example>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n"+
		"Content-Type: text/plain; charset=utf-8\r\n\r\nMail number %d.\r\n", i%50, i%50, i, i, i)
}

func TestCrashLosesNoMail(t *testing.T) {
	if testing.Short() {
		t.Skip("kills and restarts the server for a while")
	}
	// Thirty kills at random moments cover every step of a delivery many
	// times over; after them the rest of the mail arrives undisturbed, so
	// the test's length stays bounded under the race detector.
	const total, byPipe, maxKills = 1000, 200, 30
	db := newDatabase(t)
	srv := &crashServer{t: t, args: db.args, smtpAddr: freePort(t)}
	// Migrate once, so that every start is quick.
	db.mustRun(t, "", "migrate")
	srv.start()

	var delivered atomic.Int64
	var smtpRetries, pipeRetries atomic.Int64
	next := make(chan int)
	go func() {
		for i := range total {
			next <- i
		}
		close(next)
	}()
	var senders sync.WaitGroup
	sendSMTP := func(i int) {
		for {
			if err := smtp.SendMail(srv.smtpAddr, nil, fmt.Sprintf("sender%d@crash.example", i%50), []string{"support@localhost"}, crashMail(i)); err == nil {
				return
			}
			smtpRetries.Add(1)
			time.Sleep(20 * time.Millisecond)
		}
	}
	sendPipe := func(i int) {
		for {
			cmd := selfCommand(t, append([]string{"mail", "ingest"}, db.args...)...)
			cmd.Stdin = bytes.NewReader(crashMail(i))
			if err := cmd.Start(); err != nil {
				t.Error(err)
				return
			}
			if rand.IntN(4) == 0 { // kill one pipe in four at a random moment
				time.AfterFunc(time.Duration(rand.IntN(300))*time.Millisecond, func() { cmd.Process.Signal(syscall.SIGKILL) })
			}
			if err := cmd.Wait(); err == nil {
				return
			}
			pipeRetries.Add(1)
		}
	}
	for range 6 {
		senders.Go(func() {
			for i := range next {
				if i%(total/byPipe) == 0 {
					sendPipe(i)
				} else {
					sendSMTP(i)
				}
				delivered.Add(1)
			}
		})
	}
	done := make(chan struct{})
	go func() { senders.Wait(); close(done) }()
	for killing := true; killing; {
		select {
		case <-done:
			killing = false
		case <-time.After(time.Duration(300+rand.IntN(900)) * time.Millisecond):
			if srv.kills < maxKills {
				srv.kill()
				srv.start()
			}
		}
	}
	srv.kill()
	t.Logf("%d mails delivered; server killed %d times; %d SMTP and %d pipe deliveries retried",
		delivered.Load(), srv.kills, smtpRetries.Load(), pipeRetries.Load())

	st, err := store.Open(context.Background(), db.cfg.DatabaseTarget())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	counts := map[string]int{}
	rows, err := st.DB().Query("SELECT message_id FROM messages WHERE message_id LIKE 'crash-%'")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		counts[id]++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for i := range total {
		id := fmt.Sprintf("crash-%d@crash.example", i)
		if counts[id] != 1 {
			t.Errorf("%s stored %d times, want exactly once", id, counts[id])
		}
	}
	if len(counts) != total {
		t.Errorf("%d distinct mails stored, want %d", len(counts), total)
	}
}
