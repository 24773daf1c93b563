package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"supportal/internal/seed"
)

func runSeed(ctx context.Context, c *cli, args []string) error {
	fs, cfg := newFlags(c, "seed", "--orgs N --contacts N --tickets N --messages-per-ticket N [--attachments] [flags]")
	cfg.RegisterDatabase(fs)
	o := seed.Options{Password: seed.DefaultPassword, Seed: 1, Batch: 10_000}
	var force bool
	fs.IntVar(&o.Orgs, "orgs", 0, "organizations; a few get most tickets, most get tens (required)")
	fs.IntVar(&o.Contacts, "contacts", 0, "contacts, spread over the organizations by their tickets (required)")
	fs.IntVar(&o.Tickets, "tickets", 0, "tickets (required)")
	fs.IntVar(&o.MessagesPerTicket, "messages-per-ticket", 0, "messages of every ticket, about a fifth of them internal notes (required)")
	fs.BoolVar(&o.Attachments, "attachments", false, "attach files to about one message in ten")
	fs.StringVar(&o.Password, "password", o.Password, "the password of every seeded account")
	fs.Uint64Var(&o.Seed, "seed", o.Seed, "seed of the random choices; the same seed gives the same data")
	fs.IntVar(&o.Batch, "batch", o.Batch, "tickets per transaction; an interrupted run continues after the last one")
	fs.BoolVar(&force, "progress", false, "show the progress bar even when standard error is not a terminal")
	if err := parse(fs, cfg, args); err != nil {
		return err
	}
	if err := required(fs, "orgs", "contacts", "tickets", "messages-per-ticket"); err != nil {
		return err
	}
	if err := o.Validate(); err != nil {
		return usageError(fs, "%s", strings.TrimPrefix(err.Error(), "seed: "))
	}
	a, err := openApp(ctx, c, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	bar := newProgressBar(c.stderr, force || isTerminal(c.stderr))
	o.Progress = bar.update
	started := time.Now()
	res, err := seed.Run(ctx, a.Store, a.Blobs, o)
	bar.finish()
	if errors.Is(err, seed.ErrOtherRun) {
		return &exitError{code: 1, err: err}
	}
	if err != nil {
		return err
	}
	switch {
	case res.Written == 0 && res.Resumed:
		fmt.Fprintf(c.stderr, "%s holds this data set already; nothing to do.\n", cfg.DatabaseName())
	default:
		elapsed := time.Since(started)
		fmt.Fprintf(c.stderr, "Seeded %d tickets in %s (%.0f tickets/s).\n", res.Written, elapsed.Round(time.Second),
			float64(res.Written)/max(elapsed.Seconds(), 0.001))
	}
	fmt.Fprintf(c.stderr, "Every seeded account has the password given with --password; the administrator is %s.\n", seed.AdminEmail)
	return nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progressBar draws the progress of a run on one line of a terminal, or
// writes a line at every tenth elsewhere.
type progressBar struct {
	w       io.Writer
	bar     bool
	start   time.Time
	from    int // tickets written before this run
	started bool
	tenth   int
	drawn   bool
}

func newProgressBar(w io.Writer, bar bool) *progressBar {
	return &progressBar{w: w, bar: bar, start: time.Now()}
}

func (p *progressBar) update(done, total int) {
	if !p.started {
		// The first call tells where the run starts.
		p.started, p.from, p.start = true, done, time.Now()
		p.tenth = done * 10 / max(total, 1)
	}
	pct := 100
	if total > 0 {
		pct = done * 100 / total
	}
	elapsed := time.Since(p.start)
	rate := float64(done-p.from) / max(elapsed.Seconds(), 0.001)
	eta := time.Duration(0)
	if rate > 0 {
		eta = time.Duration(float64(total-done)/rate) * time.Second
	}
	line := fmt.Sprintf("%3d%% %d/%d tickets %s/s ETA %s", pct, done, total, thousands(int64(rate)), eta.Round(time.Second))
	if p.bar {
		const width = 30
		filled := pct * width / 100
		fmt.Fprintf(p.w, "\r[%s%s] %s", strings.Repeat("#", filled), strings.Repeat(" ", width-filled), line)
		p.drawn = true
		return
	}
	if t := pct / 10; t > p.tenth {
		p.tenth = t
		fmt.Fprintln(p.w, line)
	}
}

func (p *progressBar) finish() {
	if p.drawn {
		fmt.Fprintln(p.w)
	}
}

// thousands formats n with commas: 3,512.
func thousands(n int64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
