package slaclock

import (
	"context"
	"log/slog"
	"time"

	"supportal/internal/model"
	"supportal/internal/store"
)

// WarnMail tells the people working a ticket that its due time comes
// soon or has passed, in the transaction of q.
type WarnMail func(ctx context.Context, q *store.Queries, t *model.Ticket, due time.Time) error

// Warner warns the team of every ticket whose next due time is less than
// Soon away, once per due time (a due time that moves later may warn
// again).
type Warner struct {
	Store    *store.Store
	Mail     WarnMail
	Interval time.Duration // how often to look; default a minute
	Kick     func()        // after warnings were queued: send them now (may be nil)
	Log      *slog.Logger
}

// warnBatch is how many tickets one round warns at most.
const warnBatch = 100

// Warn warns of the tickets due before now+Soon and returns how many.
func (w *Warner) Warn(ctx context.Context, now time.Time) (int, error) {
	ids, err := w.Store.SLAWarnable(ctx, now.Add(Soon), warnBatch)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, id := range ids {
		warned := false
		err := w.Store.InTx(ctx, func(q *store.Queries) error {
			won, err := q.MarkSLAWarned(ctx, id, now)
			if err != nil || !won {
				return err
			}
			t, err := q.TicketByID(ctx, id)
			if err != nil {
				return err
			}
			warned = true
			return w.Mail(ctx, q, t, t.SLA.NextDue())
		})
		if err != nil {
			return n, err
		}
		if warned {
			n++
		}
	}
	if n > 0 && w.Kick != nil {
		w.Kick()
	}
	return n, nil
}

// Run warns every Interval until ctx ends.
func (w *Warner) Run(ctx context.Context) {
	every := w.Interval
	if every <= 0 {
		every = time.Minute
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if n, err := w.Warn(ctx, store.Now()); err != nil && ctx.Err() == nil {
			w.Log.Warn("service-level warnings", "err", err)
		} else if n > 0 {
			w.Log.Info("warned of tickets soon due", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
