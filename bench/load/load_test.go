package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"supportal/internal/testenv"
)

// The tool runs its whole mix against a real server without an error and
// reports every operation.
func TestLoadRunsTheMixAndReportsEachOperation(t *testing.T) {
	env := testenv.New(t)
	for _, key := range []string{"a.member", "a.colleague", "b.member"} {
		env.Ticket(t, key, "Ticket of "+key, "Something is broken.")
	}
	out := filepath.Join(t.TempDir(), "load.json")
	var table bytes.Buffer
	err := run(context.Background(), []string{"--url", env.Server.URL, "--password", testenv.Password,
		"--agent", env.User(t, "agent").Email, "--duration", "2s", "--ceiling", "300ms", "--concurrency", "4", "--json", out}, &table)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, table.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var report Report
	if err := json.Unmarshal(b, &report); err != nil {
		t.Fatal(err)
	}
	seen := map[string]Result{}
	total := 0
	for _, r := range append(report.Ceiling, report.Mix...) {
		seen[r.Op] = r
		total += r.Requests
	}
	if total == 0 {
		t.Fatalf("no request was timed: %+v", report)
	}
	for _, o := range append(healthz, mix...) {
		// Each operation ran once before the load; in a short run a rare
		// one may miss the timed mix.
		if !slices.Contains(report.Checked, o.name) {
			t.Errorf("%s was not checked before the load: %v", o.name, report.Checked)
		}
		if r := seen[o.name]; r.Requests > 0 && (r.P50 <= 0 || r.P99 < r.P50) {
			t.Errorf("%s: percentiles %+v", o.name, r)
		}
		if seen[o.name].Requests > 0 && !strings.Contains(table.String(), o.name) {
			t.Errorf("the table lacks %s:\n%s", o.name, table.String())
		}
	}
}

// A password that signs nobody in stops the tool before any load.
func TestLoadRefusesWithoutAccounts(t *testing.T) {
	env := testenv.New(t)
	err := run(context.Background(), []string{"--url", env.Server.URL, "--password", "not the password",
		"--agent", env.User(t, "agent").Email, "--duration", "1s"}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "sign-in") {
		t.Errorf("run with a wrong password: %v", err)
	}
}

func TestPercentile(t *testing.T) {
	var l []time.Duration
	for i := 1; i <= 100; i++ {
		l = append(l, time.Duration(i)*time.Millisecond)
	}
	if percentile(l, 50) != 50*time.Millisecond || percentile(l, 99) != 99*time.Millisecond || percentile(l[:1], 99) != time.Millisecond || percentile(nil, 50) != 0 {
		t.Errorf("percentiles of 1..100 ms: %v %v", percentile(l, 50), percentile(l, 99))
	}
}
