package main

import (
	"strings"
	"testing"
)

func TestSeedReportsProgressAndRunsOnce(t *testing.T) {
	db := newDatabase(t)
	flags := []string{"seed", "--orgs", "2", "--contacts", "6", "--tickets", "40", "--messages-per-ticket", "2", "--batch", "10"}
	r := db.mustRun(t, "", flags...)
	for _, want := range []string{"25% 10/40 tickets", "100% 40/40 tickets", "Seeded 40 tickets", "admin@seed-support.example"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if strings.Contains(r.stderr, "\r") {
		t.Errorf("a progress bar drawn into a file:\n%q", r.stderr)
	}
	r = db.mustRun(t, "", flags...)
	if !strings.Contains(r.stderr, "nothing to do") {
		t.Errorf("second run: %s", r.stderr)
	}
	other := append([]string{}, flags...)
	other[6] = "50"
	if r := db.run(t, "", other...); r.code != 1 || !strings.Contains(r.stderr, "--tickets 40") {
		t.Errorf("other options: exit %d, stderr %q; want 1 naming the options of the data set", r.code, r.stderr)
	}
	for _, args := range [][]string{
		{"seed", "--orgs", "2", "--contacts", "6", "--tickets", "40"},
		{"seed", "--orgs", "3", "--contacts", "2", "--tickets", "40", "--messages-per-ticket", "2"},
		{"seed", "--orgs", "2", "--contacts", "6", "--tickets", "40", "--messages-per-ticket", "2", "--password", "short"},
	} {
		if r := db.run(t, "", args...); r.code != 2 {
			t.Errorf("%v: exit %d, want 2; stderr %q", args, r.code, r.stderr)
		}
	}
}
