package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"
	"sync"
	"text/tabwriter"
	"time"
)

// recorder collects the latency and outcome of every request by operation.
type recorder struct {
	mu  sync.Mutex
	ops map[string]*opStats
}

type opStats struct {
	latencies []time.Duration
	errors    int
	lastError string
}

func newRecorder() *recorder { return &recorder{ops: map[string]*opStats{}} }

// add records one request of op; err is nil for a good answer.
func (r *recorder) add(op string, d time.Duration, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.ops[op]
	if s == nil {
		s = &opStats{}
		r.ops[op] = s
	}
	s.latencies = append(s.latencies, d)
	if err != nil {
		s.errors++
		s.lastError = err.Error()
	}
}

// Result is one operation's figures, as printed and written as JSON.
type Result struct {
	Op        string  `json:"op"`
	Requests  int     `json:"requests"`
	Errors    int     `json:"errors"`
	LastError string  `json:"last_error,omitempty"`
	PerSecond float64 `json:"req_per_s"`
	P50       float64 `json:"p50_ms"`
	P95       float64 `json:"p95_ms"`
	P99       float64 `json:"p99_ms"`
}

// results summarizes what was recorded over elapsed, sorted by operation.
func (r *recorder) results(elapsed time.Duration) []Result {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []Result
	for op, s := range r.ops {
		l := slices.Clone(s.latencies)
		slices.Sort(l)
		out = append(out, Result{Op: op, Requests: len(l), Errors: s.errors, LastError: s.lastError,
			PerSecond: float64(len(l)) / elapsed.Seconds(), P50: ms(percentile(l, 50)), P95: ms(percentile(l, 95)), P99: ms(percentile(l, 99))})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Op < out[j].Op })
	return out
}

// percentile is the nearest-rank percentile of sorted latencies.
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := (len(sorted)*p + 99) / 100
	return sorted[max(i-1, 0)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// printTable writes the results as an aligned table.
func printTable(w io.Writer, results []Result) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "operation\trequests\terrors\treq/s\tp50 ms\tp95 ms\tp99 ms\t")
	for _, r := range results {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.1f\t%.2f\t%.2f\t%.2f\t\n", r.Op, r.Requests, r.Errors, r.PerSecond, r.P50, r.P95, r.P99)
	}
	tw.Flush()
}

// Report is what --json writes.
type Report struct {
	URL         string    `json:"url"`
	Concurrency int       `json:"concurrency"`
	Checked     []string  `json:"checked"` // every operation, once each, before the load
	Ceiling     []Result  `json:"ceiling"` // /healthz alone
	Mix         []Result  `json:"mix"`
	Started     time.Time `json:"started"`
}

func writeJSON(w io.Writer, r Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
