package mailout

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"

	"supportal/internal/model"
	"supportal/internal/plaintext"
	"supportal/internal/store"
)

// Delivery timing.
const (
	lease      = 5 * time.Minute // how long a sender holds a mail it claimed
	minBackoff = time.Minute     // wait after the first failed attempt, doubled after each
	maxBackoff = time.Hour
	maxErrText = 1000 // bytes of an error kept in the outbox and the ticket history
)

var (
	mailSent = promauto.NewCounter(prometheus.CounterOpts{
		Name: "supportal_mail_sent_total",
		Help: "Mails the SMTP relay accepted.",
	})
	mailFailed = promauto.NewCounter(prometheus.CounterOpts{
		Name: "supportal_mail_failed_total",
		Help: "Mails given up: refused for good by the relay, or not delivered in time.",
	})
)

// Run delivers due mail until ctx ends: at once, whenever Kick is called,
// and otherwise every poll interval. Several instances may run it on one
// database; each mail is claimed by one. Without a relay it returns at
// once and mail stays in the outbox, where the admin pages show it.
func (o *Outbox) Run(ctx context.Context) {
	if o.relay == nil {
		o.log.Info("no SMTP relay configured: outgoing mail stays in the outbox")
		return
	}
	o.log.Info("delivering mail", "relay", o.relay.String(), "dkim", o.dkim != nil)
	tick := time.NewTicker(o.poll)
	defer tick.Stop()
	for {
		if _, err := o.DeliverDue(ctx); err != nil && ctx.Err() == nil {
			o.log.Error("mail delivery", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-o.kick:
		}
	}
}

// DeliverDue delivers the mails that are due now, one after another, and
// returns how many it attempted. Without a relay it does nothing. Only
// database errors are returned; a mail that fails is retried later or
// given up as its error demands.
func (o *Outbox) DeliverDue(ctx context.Context) (int, error) {
	if o.relay == nil {
		return 0, nil
	}
	n := 0
	for ctx.Err() == nil {
		m, err := o.st.ClaimDueMail(ctx, o.now(), lease)
		if errors.Is(err, model.ErrNotFound) {
			return n, nil
		}
		if err != nil {
			return n, fmt.Errorf("mailout: %w", err)
		}
		n++
		if err := o.deliver(ctx, m); err != nil {
			return n, err
		}
	}
	return n, ctx.Err()
}

// deliver makes one attempt at a claimed mail and records its outcome.
func (o *Outbox) deliver(ctx context.Context, m *store.OutboxMail) error {
	log := o.log.With("mail", m.ID, "kind", m.Kind, "ticket", m.Number, "attempt", m.Attempts)
	msg, err := o.readRaw(ctx, m.RawKey)
	if err != nil {
		if ctx.Err() != nil {
			return o.release(m)
		}
		log.Error("mail cannot be read", "err", err)
		return o.fail(ctx, m, fmt.Sprintf("reading the message: %v", err), m.Recipients)
	}
	if o.dkim != nil {
		if msg, err = o.dkim.sign(msg); err != nil {
			return o.retry(ctx, m, log, err)
		}
	}
	// A session must end well within the lease, or another sender could
	// claim the mail while this one still sends it.
	sendCtx, cancel := context.WithTimeout(ctx, lease/2)
	res, err := o.relay.send(sendCtx, m.Sender, m.Recipients, msg)
	cancel()
	if err != nil && ctx.Err() != nil {
		return o.release(m)
	}
	// What the relay answered is recorded even when shutdown begins now:
	// a mail it took must not stay claimed and go out twice.
	rec, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	switch {
	case err == nil:
	case permanent(err):
		log.Warn("mail refused", "err", err)
		return o.fail(rec, m, err.Error(), m.Recipients)
	case o.now().Sub(m.CreatedAt) >= o.giveUp:
		log.Warn("mail given up", "err", err, "since", m.CreatedAt)
		return o.fail(rec, m, fmt.Sprintf("not delivered after %d attempts since %s: %v", m.Attempts,
			m.CreatedAt.Format(time.RFC3339), err), m.Recipients)
	default:
		return o.retry(rec, m, log, err)
	}
	if err := o.st.MarkMailSent(rec, m.ID, clip(res.reply), o.now()); err != nil {
		return fmt.Errorf("mailout: %w", err)
	}
	mailSent.Inc()
	log.Info("mail sent", "recipients", len(m.Recipients)-len(res.rejected), "reply", clip(res.reply))
	if len(res.rejected) > 0 {
		log.Warn("mail refused for some recipients", "refused", len(res.rejected))
		return o.failEvent(rec, &o.st.Queries, m, strings.Join(res.rejected, "; "))
	}
	return nil
}

// readRaw reads the message of a mail from the blob store.
func (o *Outbox) readRaw(ctx context.Context, key string) ([]byte, error) {
	f, err := o.blobs.Open(ctx, key)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// retry puts a mail back to be tried again after the backoff.
func (o *Outbox) retry(ctx context.Context, m *store.OutboxMail, log *slog.Logger, cause error) error {
	next := o.now().Add(backoff(m.Attempts))
	log.Warn("mail not delivered; will retry", "err", cause, "next", next)
	if err := o.st.RetryMailLater(ctx, m.ID, clip(cause.Error()), next); err != nil {
		return fmt.Errorf("mailout: %w", err)
	}
	return nil
}

// release hands back a mail whose attempt was cut short by shutdown, due
// at once for whichever sender runs next.
func (o *Outbox) release(m *store.OutboxMail) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := o.st.RetryMailLater(ctx, m.ID, "interrupted by shutdown", o.now()); err != nil {
		return fmt.Errorf("mailout: %w", err)
	}
	return nil
}

// fail gives a mail up and writes into the ticket's history that it did
// not reach addrs, so that agents see it.
func (o *Outbox) fail(ctx context.Context, m *store.OutboxMail, reason string, addrs []string) error {
	err := o.st.InTx(ctx, func(q *store.Queries) error {
		if err := q.MarkMailFailed(ctx, m.ID, clip(reason)); err != nil {
			return err
		}
		return o.failEvent(ctx, q, m, strings.Join(addrs, ", ")+": "+reason)
	})
	if err != nil {
		return fmt.Errorf("mailout: %w", err)
	}
	mailFailed.Inc()
	return nil
}

// failEvent records on the mail's ticket, if any, which addresses a mail
// did not reach and why.
func (o *Outbox) failEvent(ctx context.Context, q *store.Queries, m *store.OutboxMail, what string) error {
	if m.TicketID == 0 {
		return nil
	}
	return q.AddEvent(ctx, model.Event{TicketID: m.TicketID, Field: "mail_failed", New: clip(what), CreatedAt: o.now()})
}

// backoff is the wait after the given number of failed attempts: 1, 2, 4
// … minutes up to an hour, stretched by up to a quarter at random so that
// mails that failed together do not all come back together.
func backoff(attempts int) time.Duration {
	d := minBackoff
	for i := 1; i < attempts && d < maxBackoff; i++ {
		d *= 2
	}
	d = min(d, maxBackoff)
	return d + rand.N(d/4+1)
}

// clip shortens an error text for storage.
func clip(s string) string {
	s = plaintext.Line(s)
	if len(s) <= maxErrText {
		return s
	}
	cut := maxErrText
	for cut > 0 && (s[cut]&0xC0) == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}
