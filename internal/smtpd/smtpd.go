// Package smtpd is the built-in SMTP listener for incoming support mail:
// an MX-style server that accepts mail for the addresses of our mailboxes
// only (it never relays and offers no AUTH) and answers 250 only once the
// ingest pipeline has committed the mail, so a sender's server keeps the
// mail and retries whenever we could not store it.
package smtpd

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-smtp"

	"supportal/internal/inbound"
	"supportal/internal/store"
)

// Limits of the listener.
const (
	MaxRecipients = 50
	Timeout       = 60 * time.Second // per read and per write
	// ingestTimeout bounds the storing of one mail; a sender waits up to
	// ten minutes for the answer to its data (RFC 5321 4.5.3.2.6).
	ingestTimeout = 5 * time.Minute
	// reloadEvery is how long the list of mailbox addresses is trusted.
	reloadEvery = 5 * time.Second
)

// IngestFunc stores one received mail. It returns nil only once the mail
// is committed (or was already there); inbound.Permanent errors must not
// be retried.
type IngestFunc func(ctx context.Context, raw []byte, src inbound.Source) (*inbound.Result, error)

// Server receives mail over SMTP.
type Server struct {
	Addr    string // host:port to listen on, for ListenAndServe
	Store   *store.Store
	Ingest  IngestFunc
	MaxSize int64  // largest mail accepted, bytes (config.Mail.MaxSize)
	Domain  string // the name in the greeting; "localhost" when empty
	Log     *slog.Logger
	TLS     *tls.Config // when set, STARTTLS is offered
}

// ListenAndServe listens on s.Addr and serves until ctx ends; it returns
// once the listener and every connection are closed.
func (s *Server) ListenAndServe(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.Addr)
	if err != nil {
		return fmt.Errorf("smtpd: %w", err)
	}
	return s.Serve(ctx, ln)
}

// Serve accepts connections on ln until ctx ends, then closes ln and every
// connection and returns when the mails being stored are done.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	if s.Ingest == nil || s.Store == nil {
		ln.Close()
		return errors.New("smtpd: Store and Ingest must be set")
	}
	if s.MaxSize <= 0 {
		ln.Close()
		return errors.New("smtpd: MaxSize must be positive")
	}
	b := &backend{s: s, ctx: ctx, log: s.log()}
	srv := smtp.NewServer(b)
	srv.Domain = s.Domain
	if srv.Domain == "" {
		srv.Domain = "localhost"
	}
	// The library's data reader refuses to read on once its budget is
	// spent, even when only the end-of-data mark is left, so a mail of
	// exactly MaxSize bytes needs one byte more; Data enforces MaxSize.
	srv.MaxMessageBytes = s.MaxSize + 1
	srv.MaxRecipients = MaxRecipients
	srv.ReadTimeout = Timeout
	srv.WriteTimeout = Timeout
	srv.TLSConfig = s.TLS
	srv.ErrorLog = logAdapter{b.log}

	stopped := make(chan struct{})
	closed := make(chan struct{})
	go func() {
		defer close(closed)
		select {
		case <-ctx.Done():
		case <-stopped:
		}
		srv.Close()
		// Close does not reach a listener that Serve has not registered
		// yet when ctx ends early.
		ln.Close()
	}()
	b.log.Debug("smtp: listening", "addr", ln.Addr().String())
	err := srv.Serve(ln)
	close(stopped)
	<-closed
	b.drain()
	if ctx.Err() != nil {
		return nil
	}
	if err != nil {
		return fmt.Errorf("smtpd: %w", err)
	}
	return nil
}

func (s *Server) log() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.New(slog.DiscardHandler)
}

// backend is the state of one Serve: the cached mailbox addresses and the
// mails being stored.
type backend struct {
	s   *Server
	ctx context.Context
	log *slog.Logger

	mu       sync.Mutex
	loadedAt time.Time
	boxes    map[string]int64 // address → mailbox id, active mailboxes
	anyBox   bool             // at least one mailbox exists
	closing  bool
	inflight sync.WaitGroup
}

// NewSession starts the dialogue with one client.
func (b *backend) NewSession(c *smtp.Conn) (smtp.Session, error) {
	return &session{b: b, remote: c.Conn().RemoteAddr().String()}, nil
}

// begin registers a mail being stored; false means the server is closing.
func (b *backend) begin() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closing {
		return false
	}
	b.inflight.Add(1)
	return true
}

// drain waits for the mails being stored.
func (b *backend) drain() {
	b.mu.Lock()
	b.closing = true
	b.mu.Unlock()
	b.inflight.Wait()
}

// mailbox finds the mailbox an address belongs to. A plus suffix
// ("support+anything@example.com") is ignored when the full address is not
// a mailbox. With no mailbox at all every address is accepted (id 0: the
// default team).
func (b *backend) mailbox(ctx context.Context, addr string) (id int64, ok bool, err error) {
	if err := b.load(ctx); err != nil {
		return 0, false, err
	}
	addr = store.NormalizeEmail(addr)
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.anyBox {
		return 0, true, nil
	}
	if id, ok := b.boxes[addr]; ok {
		return id, true, nil
	}
	local, domain, found := strings.Cut(addr, "@")
	if base, _, plus := strings.Cut(local, "+"); found && plus {
		id, ok := b.boxes[base+"@"+domain]
		return id, ok, nil
	}
	return 0, false, nil
}

// load reads the mailbox addresses when the cached list is stale.
func (b *backend) load(ctx context.Context) error {
	b.mu.Lock()
	fresh := !b.loadedAt.IsZero() && time.Since(b.loadedAt) < reloadEvery
	b.mu.Unlock()
	if fresh {
		return nil
	}
	list, err := b.s.Store.Mailboxes(ctx)
	if err != nil {
		return err
	}
	boxes := make(map[string]int64, len(list))
	for _, mb := range list {
		if mb.Active {
			boxes[store.NormalizeEmail(mb.Address)] = mb.ID
		}
	}
	b.mu.Lock()
	b.boxes, b.anyBox, b.loadedAt = boxes, len(list) > 0, time.Now()
	b.mu.Unlock()
	return nil
}

// logAdapter sends the library's complaints to the structured log.
type logAdapter struct{ log *slog.Logger }

func (l logAdapter) Printf(format string, v ...any) { l.log.Warn("smtp: " + fmt.Sprintf(format, v...)) }
func (l logAdapter) Println(v ...any) {
	l.log.Warn("smtp: " + strings.TrimSuffix(fmt.Sprintln(v...), "\n"))
}
