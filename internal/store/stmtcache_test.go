package store

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
)

// TestPreparedDBKeepsFewStatementsAndAnswersRight runs many distinct
// statements at once through a cache of three: every answer is right,
// an evicted statement still reads to the end of its rows, and the cache
// never holds more than three.
func TestPreparedDBKeepsFewStatementsAndAnswersRight(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "cache.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p, ok := st.Queries.db.(counted).db.(*preparedDB)
	if !ok {
		t.Fatal("SQLite queries do not run through the statement cache")
	}
	p.max = 3
	if _, err := st.Queries.db.ExecContext(ctx, "CREATE TABLE n (v INTEGER)"); err != nil {
		t.Fatal(err)
	}
	for i := range 100 {
		if _, err := st.Queries.db.ExecContext(ctx, "INSERT INTO n (v) VALUES (?)", i); err != nil {
			t.Fatal(err)
		}
	}

	// Rows open on a statement that is then evicted.
	rows, err := st.Queries.db.QueryContext(ctx, "SELECT v FROM n WHERE v < ? ORDER BY v", 50)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		var n int
		if err := st.Queries.db.QueryRowContext(ctx, fmt.Sprintf("SELECT COUNT(*) + %d FROM n", i)).Scan(&n); err != nil || n != 100+i {
			t.Fatalf("count %d: %d, %v", i, n, err)
		}
	}
	read := 0
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil || v != read {
			t.Fatalf("row %d: %d, %v", read, v, err)
		}
		read++
	}
	if err := rows.Err(); err != nil || read != 50 {
		t.Fatalf("read %d rows of an evicted statement, want 50: %v", read, err)
	}
	rows.Close()

	var wg sync.WaitGroup
	errs := make(chan error, 800)
	for g := range 8 {
		wg.Go(func() {
			for i := range 100 {
				k := (g + i) % 7
				var n int
				if err := st.Queries.db.QueryRowContext(ctx, fmt.Sprintf("SELECT COUNT(*) FROM n WHERE v %% 7 = %d AND v >= ?", k), 0).Scan(&n); err != nil {
					errs <- err
					return
				}
				want := 14 // of 0..99, 14 numbers leave each remainder, 15 leave 0 and 1
				if k < 2 {
					want = 15
				}
				if n != want {
					errs <- fmt.Errorf("v %% 7 = %d: %d rows, want %d", k, n, want)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.lru.Len() > 3 || len(p.stmts) != p.lru.Len() {
		t.Errorf("the cache holds %d statements (%d by text), want at most 3", p.lru.Len(), len(p.stmts))
	}
}
