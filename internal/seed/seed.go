// Package seed fills a database with a large, realistic data set for
// measuring: organizations of very different sizes, their contacts, agents
// in the three teams, and tickets in every status with German and English
// correspondence, internal notes, attachments and history.
//
// Everything is derived from the options and a random seed, ticket by
// ticket, so a run is reproducible and may stop at any batch: each batch
// commits together with the count of tickets written, and a second run
// with the same options continues there.
package seed

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"supportal/internal/account"
	"supportal/internal/blob"
	"supportal/internal/store"
)

// ProgressKey is the settings row that records a run.
const ProgressKey = "seed.progress"

// DefaultPassword is the password of every seeded account unless another is
// given.
const DefaultPassword = "supportal-seed"

// AdminEmail is the seeded administrator, the agent the load tool signs in
// as.
const AdminEmail = "admin@seed-support.example"

// Options says what to seed.
type Options struct {
	Orgs              int
	Contacts          int
	Tickets           int
	MessagesPerTicket int
	Attachments       bool
	Password          string
	Seed              uint64
	Batch             int // tickets per transaction
	// Progress, if set, is told how many tickets of how many are written:
	// once before the first batch and after every batch.
	Progress func(done, total int)
}

// Result is what a run did.
type Result struct {
	Total   int  // tickets of the whole data set
	Written int  // tickets this run wrote
	Resumed bool // an earlier run had started the data set
}

// ErrOtherRun means the database holds a data set seeded with other
// options.
var ErrOtherRun = errors.New("seed: the database was seeded with other options")

// run is the record kept in the settings row: the options that shape the
// data, where its ids start and how far it got.
type run struct {
	Orgs        int       `json:"orgs"`
	Contacts    int       `json:"contacts"`
	Tickets     int       `json:"tickets"`
	Messages    int       `json:"messages_per_ticket"`
	Attachments bool      `json:"attachments"`
	Seed        uint64    `json:"seed"`
	End         time.Time `json:"end"` // the newest ticket's time
	OrgBase     int64     `json:"org_base"`
	UserBase    int64     `json:"user_base"`
	TicketBase  int64     `json:"ticket_base"`
	MessageBase int64     `json:"message_base"`
	NumberBase  int64     `json:"number_base"`
	Done        int       `json:"done"` // tickets written
}

func (r *run) sameOptions(o *Options) bool {
	return r.Orgs == o.Orgs && r.Contacts == o.Contacts && r.Tickets == o.Tickets &&
		r.Messages == o.MessagesPerTicket && r.Attachments == o.Attachments && r.Seed == o.Seed
}

func (r *run) describe() string {
	return fmt.Sprintf("--orgs %d --contacts %d --tickets %d --messages-per-ticket %d --attachments=%t --seed %d",
		r.Orgs, r.Contacts, r.Tickets, r.Messages, r.Attachments, r.Seed)
}

// Validate checks the options.
func (o *Options) Validate() error {
	switch {
	case o.Orgs < 1:
		return errors.New("seed: at least one organization")
	case o.Contacts < o.Orgs:
		return errors.New("seed: at least one contact per organization")
	case o.Tickets < 0:
		return errors.New("seed: the number of tickets is negative")
	case o.MessagesPerTicket < 1:
		return errors.New("seed: at least one message per ticket")
	case o.Batch < 1:
		return errors.New("seed: a batch holds at least one ticket")
	}
	if account.ValidatePassword(o.Password) != nil {
		return fmt.Errorf("seed: the password must be %d to %d characters long", account.MinPasswordLen, account.MaxPasswordLen)
	}
	return nil
}

// Run seeds st, writing attachment contents to blobs, or continues a run
// that stopped. A finished run with the same options writes nothing.
func Run(ctx context.Context, st *store.Store, blobs blob.Store, o Options) (Result, error) {
	if err := o.Validate(); err != nil {
		return Result{}, err
	}
	var l loader
	if st.Dialect() == "postgres" {
		pl, err := newPostgresLoader(ctx, st.DB())
		if err != nil {
			return Result{}, err
		}
		l = pl
	} else {
		l = &sqliteLoader{db: st.DB()}
	}
	res, err := seed(ctx, st, blobs, l, &o)
	return res, errors.Join(err, l.close())
}

func seed(ctx context.Context, st *store.Store, blobs blob.Store, l loader, o *Options) (Result, error) {
	r, err := readRun(ctx, st)
	if err != nil {
		return Result{}, err
	}
	res := Result{Total: o.Tickets, Resumed: r != nil}
	if r != nil && !r.sameOptions(o) {
		return res, fmt.Errorf("%w (%s, %d of %d tickets written); seed another database or use those options",
			ErrOtherRun, r.describe(), r.Done, r.Tickets)
	}
	if r != nil && r.Done >= r.Tickets {
		return res, st.ResumeSearchIndex(ctx) // in case a run stopped while building it
	}
	p, err := newPlan(ctx, st, blobs, o)
	if err != nil {
		return res, err
	}
	if r == nil {
		if r, err = start(ctx, st, l, p); err != nil {
			return res, err
		}
	} else {
		p.run = r
		if err := p.checkPassword(ctx, st); err != nil {
			return res, err
		}
	}
	if o.Progress != nil {
		o.Progress(r.Done, r.Tickets)
	}
	// PostgreSQL builds the search indexes once after the batches rather
	// than updating them row by row (docs/performance.md, "Search"); a
	// run that stops leaves that to the next one.
	if err := st.PauseSearchIndex(ctx); err != nil {
		return res, err
	}
	written, err := loadBatches(ctx, l, p, r, o)
	res.Written = written
	if err != nil {
		return res, err
	}
	if err := st.ResumeSearchIndex(ctx); err != nil {
		return res, err
	}
	return res, st.AfterBulkLoad(ctx, seededTables()...)
}

// loadBatches loads the batches the run has still to write and returns
// how many tickets it committed.
func loadBatches(ctx context.Context, l loader, p *plan, r *run, o *Options) (int, error) {
	written := 0 // by the loads' commits, read once they are done
	var err error
	for r.Done < r.Tickets {
		if err = ctx.Err(); err != nil {
			break
		}
		end := min(r.Done+o.Batch, r.Tickets)
		next, n := *r, end-r.Done
		next.Done = end
		committed := func() {
			written += n
			if o.Progress != nil {
				o.Progress(next.Done, next.Tickets)
			}
		}
		if err = l.load(ctx, p.batch(r.Done, end), committed, saveRun(&next)); err != nil {
			break
		}
		*r = next
	}
	return written, errors.Join(err, l.wait())
}

func readRun(ctx context.Context, st *store.Store) (*run, error) {
	var v string
	err := st.DB().QueryRowContext(ctx, "SELECT value FROM settings WHERE key = $1", ProgressKey).Scan(&v)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil
		}
		return nil, fmt.Errorf("seed: read progress: %w", err)
	}
	var r run
	if err := json.Unmarshal([]byte(v), &r); err != nil {
		return nil, fmt.Errorf("seed: progress record %q: %w", v, err)
	}
	return &r, nil
}

// saveRun records r; it is the last write of every transaction.
func saveRun(r *run) stmt {
	b, _ := json.Marshal(r)
	return stmt{"INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
		[]any{ProgressKey, string(b)}}
}

// start writes the organizations, people and reserved ranges of a new run
// in one transaction, with the run record at zero tickets.
func start(ctx context.Context, st *store.Store, l loader, p *plan) (*run, error) {
	db := st.DB()
	r := &run{Orgs: p.o.Orgs, Contacts: p.o.Contacts, Tickets: p.o.Tickets, Messages: p.o.MessagesPerTicket,
		Attachments: p.o.Attachments, Seed: p.o.Seed, End: store.Now().Truncate(time.Second)}
	for _, b := range []struct {
		into  *int64
		query string
	}{
		{&r.OrgBase, "SELECT COALESCE(MAX(id), 0) + 1 FROM organizations"},
		{&r.UserBase, "SELECT COALESCE(MAX(id), 0) + 1 FROM users"},
		{&r.TicketBase, "SELECT COALESCE(MAX(id), 0) + 1 FROM tickets"},
		{&r.MessageBase, "SELECT COALESCE(MAX(id), 0) + 1 FROM messages"},
		{&r.NumberBase, "SELECT value + 1 FROM counters WHERE name = 'ticket_number'"},
	} {
		if err := db.QueryRowContext(ctx, b.query).Scan(b.into); err != nil {
			return nil, fmt.Errorf("seed: %s: %w", b.query, err)
		}
	}
	p.run = r
	hash, err := account.HashPassword(p.o.Password)
	if err != nil {
		return nil, err
	}
	// The run takes its ticket numbers now, so that tickets made while
	// it runs get numbers after them.
	last := r.NumberBase + int64(r.Tickets) - 1
	numbers := stmt{"UPDATE counters SET value = $1 WHERE name = 'ticket_number' AND value < $1", []any{last}}
	if err := l.load(ctx, p.people(hash), nil, numbers, saveRun(r)); err != nil {
		return nil, err
	}
	err = l.reserve(ctx, map[string]int64{
		"organizations": r.OrgBase + int64(r.Orgs),
		"users":         r.UserBase + int64(len(p.agents)+r.Contacts),
		"tickets":       r.TicketBase + int64(r.Tickets),
		"messages":      r.MessageBase + int64(r.Tickets)*int64(r.Messages),
	})
	return r, err
}

// checkPassword refuses to continue a run with another password than the
// accounts it made have.
func (p *plan) checkPassword(ctx context.Context, st *store.Store) error {
	u, err := st.UserByEmail(ctx, AdminEmail)
	if err != nil {
		return fmt.Errorf("seed: the seeded administrator %s: %w", AdminEmail, err)
	}
	if !account.CheckPassword(u.PasswordHash, p.o.Password) {
		return fmt.Errorf("%w: the seeded accounts have another --password", ErrOtherRun)
	}
	return nil
}

// zipfWeights returns n weights falling as 1/(k+1)^s, normalised to a
// cumulative distribution.
func zipfWeights(n int, s float64) []float64 {
	cum := make([]float64, n)
	total := 0.0
	for k := range n {
		total += 1 / math.Pow(float64(k+1), s)
		cum[k] = total
	}
	for k := range cum {
		cum[k] /= total
	}
	return cum
}
