package testenv

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"supportal/internal/model"
	"supportal/internal/ticket"
)

// Scale picks the size of benchmark data: full normally, short in -short
// mode, so that CI runs every benchmark once as a test
// (go test -run x -bench . -benchtime 1x -short ./...).
func Scale(full, short int) int {
	if testing.Short() {
		return short
	}
	return full
}

// FillTickets opens n tickets through the ticket service, by a.member,
// a.colleague and b.member in turn, and returns them.
func (e *Env) FillTickets(t testing.TB, n int) []*model.Ticket {
	t.Helper()
	keys := []string{"a.member", "a.colleague", "b.member"}
	out := make([]*model.Ticket, 0, n)
	for i := range n {
		out = append(out, e.Ticket(t, keys[i%len(keys)], fmt.Sprint("Ticket ", i), "The machine stops after ten minutes."))
	}
	return out
}

// FillMessages adds n messages to the ticket through the ticket service,
// in turn: an agent's reply with a file, an internal note, and the
// requester's answer with a file.
func (e *Env) FillMessages(t testing.TB, number int64, n int) {
	t.Helper()
	ctx := context.Background()
	tk, err := e.Store.Ticket(ctx, number)
	if err != nil {
		t.Fatal(err)
	}
	requester := e.User(t, "a.member")
	for _, u := range e.Users {
		if u.ID == tk.RequesterID {
			requester = u
		}
	}
	for i := range n {
		author, p := e.User(t, "agent"), ticket.ReplyParams{Body: fmt.Sprint("Message ", i, ": please try the new firmware.")}
		switch i % 3 {
		case 1:
			p.Internal = true
		case 2:
			author = requester
		}
		if !p.Internal {
			up, err := e.App.Tickets.Upload(ctx, author, fmt.Sprintf("log%d.txt", i), "text/plain", strings.NewReader("log line\n"))
			if err != nil {
				t.Fatal(err)
			}
			p.Attachments = []int64{up.ID}
		}
		if _, err := e.App.Tickets.Reply(ctx, author, number, p); err != nil {
			t.Fatal(err)
		}
	}
}

// SessionCookie signs the user under key in, as Session does, and returns
// the session cookie for requests made without a Client.
func (e *Env) SessionCookie(t testing.TB, key string) *http.Cookie {
	t.Helper()
	secret, err := e.App.Accounts.StartSession(context.Background(), e.User(t, key).ID, "127.0.0.1", "testenv")
	if err != nil {
		t.Fatal(err)
	}
	return &http.Cookie{Name: "supportal_session", Value: secret}
}

// ServeGet runs GET path through the application's handler in process,
// with cookie, and fails unless the answer is 200. Benchmarks use it to
// measure the handler without the loopback connection.
func (e *Env) ServeGet(t testing.TB, cookie *http.Cookie, path string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.AddCookie(cookie)
	req.Header.Set("Accept-Language", "en")
	rec := httptest.NewRecorder()
	e.Server.Config.Handler.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s: status %d", path, rec.Code)
	}
	return rec
}
