// Package imappoll fetches support mail from IMAP mailboxes. One worker per
// active mailbox signs in, hands each unread message to the ingest
// pipeline and only after the pipeline has committed it marks the message
// read or moves it to the archive folder, so a crash at any point loses
// nothing (at worst a message is fetched again and recognised as a
// duplicate). Between rounds the worker waits in IDLE when the server
// offers it. On PostgreSQL several instances may run: a lock per mailbox
// lets one of them poll it.
package imappoll

import (
	"context"
	"crypto/tls"
	"log/slog"
	"time"

	"supportal/internal/inbound"
	"supportal/internal/netguard"
	"supportal/internal/secret"
	"supportal/internal/store"
)

// Defaults for the Poller's durations.
const (
	DefaultInterval = time.Minute
	DefaultReload   = 30 * time.Second
	// DefaultIdle is how long one IDLE lasts before the worker polls anyway;
	// servers drop IDLE connections after 30 minutes (RFC 2177).
	DefaultIdle = 25 * time.Minute
)

// IngestFunc stores one received mail. It returns nil only once the mail
// is committed (or was already there); inbound.Permanent errors must not
// be retried.
type IngestFunc func(ctx context.Context, raw []byte, src inbound.Source) (*inbound.Result, error)

// Poller keeps one worker running for every mailbox that is fetched over
// IMAP (store.Mailbox.Polled).
type Poller struct {
	Store  *store.Store
	Keys   *secret.Keys     // decrypts the stored IMAP passwords
	Dialer *netguard.Dialer // every connection goes through it
	Ingest IngestFunc
	// MaxSize is the largest message fetched (config.Mail.MaxSize); larger
	// ones are flagged on the server and left there. Zero means no limit.
	MaxSize int64
	// Interval is the pause between polls of a server without IDLE, after
	// a failed ingest, and between attempts to take a mailbox's lock.
	Interval time.Duration
	// Reload is how often the list of mailboxes is read again.
	Reload time.Duration
	// Idle is the longest IDLE before the worker polls anyway.
	Idle time.Duration
	// TLSConfig, if set, is used for TLS and STARTTLS (custom roots); the
	// server name is always the mailbox's host.
	TLSConfig *tls.Config
	Log       *slog.Logger
}

// running is a worker and how to stop it.
type running struct {
	updated time.Time // the mailbox's UpdatedAt the worker was started with
	cancel  context.CancelFunc
	done    chan struct{}
}

// Run keeps the workers in line with the mailboxes until ctx ends, then
// stops them all and returns.
func (p *Poller) Run(ctx context.Context) {
	if p.Store == nil || p.Keys == nil || p.Dialer == nil || p.Ingest == nil {
		p.log().Error("imap: poller not started: Store, Keys, Dialer and Ingest must be set")
		return
	}
	workers := make(map[int64]*running)
	defer func() {
		for id, w := range workers {
			w.cancel()
			<-w.done
			delete(workers, id)
		}
	}()
	tick := time.NewTicker(p.reload())
	defer tick.Stop()
	for {
		p.sync(ctx, workers)
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// sync starts workers for new and changed mailboxes and stops those of
// removed, changed or deactivated ones. When the list cannot be read the
// workers keep going.
func (p *Poller) sync(ctx context.Context, workers map[int64]*running) {
	list, err := p.Store.Mailboxes(ctx)
	if err != nil {
		if ctx.Err() == nil {
			p.log().Warn("imap: cannot read the mailboxes", "err", err)
		}
		return
	}
	want := make(map[int64]*store.Mailbox)
	for _, mb := range list {
		if mb.Polled() {
			want[mb.ID] = mb
		}
	}
	var stopping []*running
	for id, w := range workers {
		if mb, ok := want[id]; !ok || !mb.UpdatedAt.Equal(w.updated) {
			p.log().Info("imap: mailbox changed or removed; stopping its poller", "mailbox_id", id)
			w.cancel()
			stopping = append(stopping, w)
			delete(workers, id)
		}
	}
	// Wait for the old workers, so that a changed mailbox is never polled
	// by two of them at once.
	for _, w := range stopping {
		<-w.done
	}
	for id, mb := range want {
		if _, ok := workers[id]; ok {
			continue
		}
		p.log().Info("imap: polling mailbox", "mailbox", mb.Name, "server", addr(mb), "folder", folder(mb))
		wctx, cancel := context.WithCancel(ctx)
		w := &running{updated: mb.UpdatedAt, cancel: cancel, done: make(chan struct{})}
		workers[id] = w
		go func() {
			defer close(w.done)
			(&worker{p: p, mb: mb}).run(wctx)
		}()
	}
}

// log returns the logger, discarding when none is set.
func (p *Poller) log() *slog.Logger {
	if p.Log != nil {
		return p.Log
	}
	return slog.New(slog.DiscardHandler)
}

func (p *Poller) interval() time.Duration {
	if p.Interval > 0 {
		return p.Interval
	}
	return DefaultInterval
}

func (p *Poller) reload() time.Duration {
	if p.Reload > 0 {
		return p.Reload
	}
	return DefaultReload
}

func (p *Poller) idle() time.Duration {
	if p.Idle > 0 && p.Idle < DefaultIdle {
		return p.Idle
	}
	return DefaultIdle
}

// sleep waits for d or until ctx ends; it reports whether ctx is still
// live.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
