// Command load measures a running Supportal under a realistic mix of
// customers and agents.
//
//	go run ./bench/load --url http://localhost:8080 --duration 60s --concurrency 32 \
//	    --agent sabine.krause@nordwerk.example --password demo-password --json load.json
//
// It signs in the agent, finds contacts through the API and signs in those
// that share the password (seeded and demo data do), then first requests
// /healthz alone for a while — the ceiling of this machine and server —
// and then the mix: portal lists (first, deeper and filtered pages),
// ticket views, replies with and without a file, new tickets, the desk
// queue, ticket views and updates, API list and get. It prints a table per
// operation and exits 1 if any request failed.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"time"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

// config is what the flags say.
type config struct {
	url         string
	duration    time.Duration
	ceiling     time.Duration
	concurrency int
	agent       string
	password    string
	contacts    int
	jsonPath    string
	seed        uint64
}

func parseFlags(args []string) (config, error) {
	var c config
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.StringVar(&c.url, "url", "http://localhost:8080", "the server's base URL")
	fs.DurationVar(&c.duration, "duration", 30*time.Second, "how long the mix runs")
	fs.DurationVar(&c.ceiling, "ceiling", 0, "how long /healthz runs alone first (default: a third of --duration, at most 10s)")
	fs.IntVar(&c.concurrency, "concurrency", 32, "requests in flight at once")
	fs.StringVar(&c.agent, "agent", "sabine.krause@nordwerk.example", "the agent who works the desk")
	fs.StringVar(&c.password, "password", "", "the password of the agent and of the contacts")
	fs.IntVar(&c.contacts, "contacts", 50, "how many contacts to sign in")
	fs.StringVar(&c.jsonPath, "json", "", "write the results as JSON to this file")
	fs.Uint64Var(&c.seed, "seed", 1, "seed of the random choices")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if c.password == "" {
		return c, fmt.Errorf("--password is required")
	}
	if c.concurrency < 1 || c.duration <= 0 {
		return c, fmt.Errorf("--concurrency and --duration must be positive")
	}
	if c.ceiling == 0 {
		c.ceiling = min(c.duration/3, 10*time.Second)
	}
	c.url = strings.TrimRight(c.url, "/")
	return c, nil
}

// run is the whole command: discover, ceiling, mix, report.
func run(ctx context.Context, args []string, out io.Writer) error {
	c, err := parseFlags(args)
	if err != nil {
		return err
	}
	l := &loader{base: c.url, password: c.password}
	if err := l.discover(ctx, c.agent, c.contacts); err != nil {
		return err
	}
	fmt.Fprintf(out, "%s: %d contacts and 1 agent signed in; /healthz alone for %s, then the mix for %s at concurrency %d\n\n",
		c.url, len(l.contacts), c.ceiling, c.duration, c.concurrency)
	report := Report{URL: c.url, Concurrency: c.concurrency, Started: time.Now().UTC()}
	// Every operation once, one after the other: a broken one stops the
	// run before any load, and the server has seen each page once (its
	// templates and caches warm) before anything is timed.
	rng := rand.New(rand.NewPCG(c.seed, 0))
	for _, o := range append(append([]op{}, healthz...), mix...) {
		if err := o.run(ctx, l, rng); err != nil {
			return fmt.Errorf("%s failed before the load: %w", o.name, err)
		}
		report.Checked = append(report.Checked, o.name)
	}
	report.Ceiling = phase(ctx, l, c.concurrency, c.ceiling, healthz, c.seed)
	report.Mix = phase(ctx, l, c.concurrency, c.duration, mix, c.seed)
	printTable(out, append(append([]Result{}, report.Ceiling...), report.Mix...))
	if c.jsonPath != "" {
		f, err := os.Create(c.jsonPath)
		if err != nil {
			return err
		}
		if err := writeJSON(f, report); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	failed := 0
	for _, r := range append(report.Ceiling, report.Mix...) {
		if r.Errors > 0 {
			failed += r.Errors
			fmt.Fprintf(out, "%s: %d errors, the last: %s\n", r.Op, r.Errors, r.LastError)
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d requests failed", failed)
	}
	return nil
}

// phase runs ops for d and returns their figures.
func phase(ctx context.Context, l *loader, concurrency int, d time.Duration, ops []op, seed uint64) []Result {
	l.rec = newRecorder()
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	start := time.Now()
	l.run(ctx, concurrency, ops, seed)
	return l.rec.results(time.Since(start))
}
