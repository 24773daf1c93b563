package imappoll

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"supportal/internal/store"
)

// Reconnection backoff: the first wait is the smaller of firstBackoff and
// the poll interval, doubling up to maxBackoff.
const (
	firstBackoff = 5 * time.Second
	maxBackoff   = 15 * time.Minute
)

// worker polls one mailbox until its context ends.
type worker struct {
	p   *Poller
	mb  *store.Mailbox
	log *slog.Logger
}

// run takes the mailbox's lock, keeps a session open while it holds it and
// reconnects with backoff after errors.
func (w *worker) run(ctx context.Context) {
	w.log = w.p.log().With("mailbox", w.mb.Name)
	key := LockKey(w.mb.ID)
	var backoff time.Duration
	for ctx.Err() == nil {
		release, ok, err := w.p.Store.TryLock(ctx, key)
		if err != nil || !ok {
			if err != nil && ctx.Err() == nil {
				w.log.Warn("imap: cannot take the mailbox lock", "err", err)
			}
			sleep(ctx, w.p.interval())
			continue
		}
		polled, err := w.session(ctx)
		release()
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			w.log.Warn("imap: poll failed", "err", err)
			w.record(ctx, err.Error())
		}
		if polled {
			backoff = 0
		}
		backoff = next(backoff, w.p.interval())
		sleep(ctx, backoff)
	}
}

// LockKey names the lock (store.TryLock) held by the instance that polls
// the mailbox.
func LockKey(mailboxID int64) string { return fmt.Sprintf("imap-mailbox:%d", mailboxID) }

// next is the wait after prev.
func next(prev, interval time.Duration) time.Duration {
	if prev == 0 {
		return min(firstBackoff, interval)
	}
	return min(2*prev, maxBackoff)
}

// record notes the end of a poll and its error ("" for none).
func (w *worker) record(ctx context.Context, errText string) {
	if ctx.Err() != nil {
		return
	}
	if err := w.p.Store.RecordPoll(ctx, w.mb.ID, store.Now(), errText); err != nil && ctx.Err() == nil {
		w.log.Warn("imap: cannot record the poll", "err", err)
	}
}

// session signs in and polls until an error or the end of ctx. polled
// says whether at least one round went through. The error never contains
// the password.
func (w *worker) session(ctx context.Context) (polled bool, err error) {
	password, err := w.p.Keys.Decrypt(w.mb.IMAPPassword)
	if err != nil {
		return false, errors.New("the stored password cannot be decrypted; enter it again in the mailbox settings")
	}
	s := &session{w: w, newMail: make(chan struct{}, 1)}
	handler := &imapclient.UnilateralDataHandler{Mailbox: func(d *imapclient.UnilateralDataMailbox) {
		if d.NumMessages != nil {
			s.wake()
		}
	}}
	c, err := connect(ctx, w.mb, password, connectOptions{Dialer: w.p.Dialer, TLSConfig: w.p.TLSConfig, Handler: handler})
	if err != nil {
		return false, scrub(err, password)
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()

	caps := c.Caps()
	canIdle := caps.Has(imap.CapIdle) || caps.Has(imap.CapIMAP4rev2)
	s.canMove = caps.Has(imap.CapMove) || caps.Has(imap.CapIMAP4rev2)
	s.uidPlus = caps.Has(imap.CapUIDPlus) || caps.Has(imap.CapIMAP4rev2)
	var last string // what the last round that handled mail had to say
	for {
		s.drain()
		res, err := s.round(ctx, c)
		if err != nil {
			return polled, scrub(err, password)
		}
		polled = true
		// A round that found nothing to do keeps the word about the mail
		// before, so that an admin sees why a message was left behind
		// until newer mail has been handled.
		if res.handled {
			last = scrubText(res.note, password)
		}
		w.record(ctx, last)
		if res.retry || !canIdle {
			if !sleep(ctx, w.p.interval()) {
				return polled, ctx.Err()
			}
			continue
		}
		if err := s.idle(ctx, c); err != nil {
			return polled, scrub(fmt.Errorf("idle: %w", err), password)
		}
	}
}
