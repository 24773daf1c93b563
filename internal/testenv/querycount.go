package testenv

import (
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"supportal/internal/store"
)

// countHeader carries a request's number from a Client to the test
// server, which counts the statements the request runs under that number.
// Only the test server looks at it; the application never sees a count.
const countHeader = "X-Testenv-Request"

// queryCounts counts the SQL statements of each request a Client sends,
// through store.WithQueryCount on the request's context.
type queryCounts struct {
	seq     atomic.Int64
	mu      sync.Mutex
	pending map[string]chan []string // by request number, until the handler returns
}

// wrap counts the statements h runs for requests that carry countHeader.
// The count is handed over after h returns, so statements run after the
// response was written are counted too.
func (q *queryCounts) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(countHeader)
		if id == "" {
			h.ServeHTTP(w, r)
			return
		}
		ctx, n := store.WithQueryCount(r.Context())
		defer func() {
			q.mu.Lock()
			ch := q.pending[id]
			delete(q.pending, id)
			q.mu.Unlock()
			if ch != nil {
				ch <- n.Statements()
			}
		}()
		h.ServeHTTP(w, r.WithContext(ctx))
	})
}

// start numbers req and returns where its count will arrive.
func (q *queryCounts) start(req *http.Request) chan []string {
	id := fmt.Sprint(q.seq.Add(1))
	ch := make(chan []string, 1)
	q.mu.Lock()
	if q.pending == nil {
		q.pending = map[string]chan []string{}
	}
	q.pending[id] = ch
	q.mu.Unlock()
	req.Header.Set(countHeader, id)
	return ch
}

// Queries returns the number of SQL statements the server ran to answer
// this response's request, waiting for the handler to return. Background
// work started by the request under another context is not counted.
func (r *Response) Queries(t testing.TB) int64 {
	t.Helper()
	return int64(len(r.Statements(t)))
}

// Statements returns the SQL statements the server ran to answer this
// response's request, in order, as Queries counts them.
func (r *Response) Statements(t testing.TB) []string {
	t.Helper()
	if r.queries == nil {
		t.Fatal("testenv: the response did not come from a Client of an Env made by New")
	}
	if !r.counted {
		select {
		case r.stmts = <-r.queries:
			r.counted = true
		case <-time.After(10 * time.Second):
			t.Fatalf("testenv: the handler of %s %s did not return", r.Request.Method, r.Request.URL)
		}
	}
	return r.stmts
}
