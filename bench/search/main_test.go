package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"supportal/internal/blob"
	"supportal/internal/seed"
	"supportal/internal/store"
)

// TestSearchMeasuresEveryUser seeds a small SQLite database and measures
// it: every user of the table has a row with its figures.
func TestSearchMeasuresEveryUser(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "supportal.db")
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	blobs, err := blob.NewDir(filepath.Join(dir, "files"))
	if err != nil {
		t.Fatal(err)
	}
	o := seed.Options{Orgs: 8, Contacts: 60, Tickets: 400, MessagesPerTicket: 2, Password: "seed-password", Seed: 3, Batch: 200}
	if _, err := seed.Run(ctx, st, blobs, o); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	var out bytes.Buffer
	if err := run(ctx, []string{"--database", db, "--searches", "4"}, &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2+len(searchers) {
		t.Fatalf("printed %d lines, want the organizations, a header and %d users:\n%s", len(lines), len(searchers), out.String())
	}
	for i, s := range searchers {
		row := lines[2+i]
		if !strings.Contains(row, s.label) || !strings.Contains(row, " 4 ") {
			t.Errorf("row %q, want %q with its 4 searches", row, s.label)
		}
	}
	if err := run(ctx, []string{"--searches", "4"}, &out); err == nil {
		t.Error("no --database accepted")
	}
}
