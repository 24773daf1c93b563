package smtpd_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/smtp"
	"net/textproto"
	"slices"
	"strings"
	"sync"
	"testing"

	"supportal/internal/inbound"
	"supportal/internal/smtpd"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

// sink stands in for the ingest pipeline: it commits mail to memory, or
// fails as told.
type sink struct {
	mu    sync.Mutex
	mails []received
	fail  []error // returned by the next calls, first first
}

type received struct {
	raw []byte
	src inbound.Source
}

func (s *sink) Ingest(_ context.Context, raw []byte, src inbound.Source) (*inbound.Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.fail) > 0 {
		err := s.fail[0]
		s.fail = s.fail[1:]
		return nil, err
	}
	s.mails = append(s.mails, received{raw: bytes.Clone(raw), src: src})
	return &inbound.Result{InboundID: int64(len(s.mails)), Ticket: int64(len(s.mails)), Created: true}, nil
}

func (s *sink) failNext(errs ...error) {
	s.mu.Lock()
	s.fail = append(s.fail, errs...)
	s.mu.Unlock()
}

func (s *sink) all() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.mails)
}

// listener is a running SMTP listener on loopback with its sink.
type listener struct {
	addr  string
	sink  *sink
	boxes map[string]int64 // mailbox ids by address
}

// start creates the mailboxes (address → active) and serves until the
// test ends.
func start(t *testing.T, maxSize int64, mailboxes map[string]bool) *listener {
	t.Helper()
	st := testenv.Store(t)
	ctx := context.Background()
	l := &listener{sink: &sink{}, boxes: map[string]int64{}}
	for addr, active := range mailboxes {
		id, err := st.CreateMailbox(ctx, &store.Mailbox{Name: addr, Address: addr, Active: active, IMAPSecurity: "tls", IMAPFolder: "INBOX"})
		if err != nil {
			t.Fatal(err)
		}
		l.boxes[addr] = id
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l.addr = ln.Addr().String()
	srv := &smtpd.Server{Store: st, Ingest: l.sink.Ingest, MaxSize: maxSize, Domain: "mx.example.com",
		Log: slog.New(slog.DiscardHandler)}
	sctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(sctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return l
}

// client is an SMTP client on the listener, after EHLO.
func (l *listener) client(t *testing.T) *smtp.Client {
	t.Helper()
	c, err := smtp.Dial(l.addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if err := c.Hello("client.example.org"); err != nil {
		t.Fatal(err)
	}
	return c
}

// send runs one mail transaction; it returns the first refusal.
func send(c *smtp.Client, from string, to []string, raw string) error {
	if err := c.Mail(from); err != nil {
		return err
	}
	for _, r := range to {
		if err := c.Rcpt(r); err != nil {
			c.Reset()
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, raw); err != nil {
		return err
	}
	return w.Close()
}

// code is the SMTP reply code of err, 250 for none.
func code(t *testing.T, err error) int {
	t.Helper()
	if err == nil {
		return 250
	}
	var te *textproto.Error
	if !errors.As(err, &te) {
		t.Fatalf("not an SMTP reply: %v", err)
	}
	return te.Code
}

func message(subject string) string {
	return "From: Customer <customer@example.org>\r\n" +
		"To: support@example.com\r\n" +
		"Subject: " + subject + "\r\n" +
		"\r\n" +
		"Please help.\r\n"
}

func TestMailIsAcceptedOnceStored(t *testing.T) {
	l := start(t, 1<<20, map[string]bool{"support@example.com": true})
	c := l.client(t)
	if err := send(c, "customer@example.org", []string{"Support@Example.com"}, message("hello")); err != nil {
		t.Fatalf("send: %v", err)
	}
	got := l.sink.all()
	if len(got) != 1 {
		t.Fatalf("%d mails stored when the client got 250, want 1", len(got))
	}
	if string(got[0].raw) != message("hello") {
		t.Errorf("stored %q, want the mail as sent", got[0].raw)
	}
	want := inbound.Source{Kind: inbound.SourceSMTP, MailboxID: l.boxes["support@example.com"], Recipients: []string{"Support@Example.com"}}
	if src := got[0].src; src.Kind != want.Kind || src.MailboxID != want.MailboxID || !slices.Equal(src.Recipients, want.Recipients) {
		t.Errorf("source %+v, want %+v", src, want)
	}
}

func TestFailedStoreAnswers451AndTheRetrySucceeds(t *testing.T) {
	l := start(t, 1<<20, map[string]bool{"support@example.com": true})
	l.sink.failNext(errors.New("database is restarting"))
	c := l.client(t)

	err := send(c, "customer@example.org", []string{"support@example.com"}, message("retry me"))
	if code(t, err) != 451 || !strings.Contains(err.Error(), "4.3.0") {
		t.Fatalf("reply %v, want 451 4.3.0", err)
	}
	if strings.Contains(err.Error(), "database") {
		t.Errorf("reply %q shows an internal error", err)
	}
	if n := len(l.sink.all()); n != 0 {
		t.Fatalf("%d mails stored after a failure", n)
	}

	if err := send(c, "customer@example.org", []string{"support@example.com"}, message("retry me")); err != nil {
		t.Fatalf("retry: %v", err)
	}
	if n := len(l.sink.all()); n != 1 {
		t.Errorf("%d mails stored after the retry, want 1", n)
	}
}

func TestRefusedMailAnswers554(t *testing.T) {
	l := start(t, 1<<20, map[string]bool{"support@example.com": true})
	l.sink.failNext(fmt.Errorf("pipeline: %w", inbound.ErrTooLarge))
	err := send(l.client(t), "customer@example.org", []string{"support@example.com"}, message("refused"))
	if code(t, err) != 554 {
		t.Fatalf("reply %v, want 554", err)
	}
}

func TestForeignRecipientIsRefused(t *testing.T) {
	l := start(t, 1<<20, map[string]bool{"support@example.com": true, "old@example.com": false})
	c := l.client(t)
	for _, rcpt := range []string{"someone@elsewhere.org", "sales@example.com", "old@example.com", "support@example.com.evil.org"} {
		err := send(c, "spammer@example.net", []string{rcpt}, message("relay"))
		if code(t, err) != 550 || !strings.Contains(err.Error(), "5.1.1") {
			t.Errorf("RCPT %s: %v, want 550 5.1.1", rcpt, err)
		}
	}
	if n := len(l.sink.all()); n != 0 {
		t.Fatalf("%d mails stored for foreign recipients", n)
	}
	// The connection is still good for our own address.
	if err := send(c, "customer@example.org", []string{"support@example.com"}, message("ours")); err != nil {
		t.Fatalf("send: %v", err)
	}
}

func TestTooLargeMailIsRefused(t *testing.T) {
	const limit = 1024
	l := start(t, limit, map[string]bool{"support@example.com": true})
	c := l.client(t)

	head := message("big")
	exact := head + strings.Repeat("y", limit-len(head)-2) + "\r\n"
	if len(exact) != limit {
		t.Fatalf("test mail has %d bytes", len(exact))
	}
	err := send(c, "customer@example.org", []string{"support@example.com"}, exact+"z")
	if code(t, err) != 552 || !strings.Contains(err.Error(), "5.3.4") {
		t.Fatalf("one byte over the limit: %v, want 552 5.3.4", err)
	}
	err = send(c, "customer@example.org", []string{"support@example.com"}, exact+strings.Repeat(strings.Repeat("z", 70)+"\r\n", 1000))
	if code(t, err) != 552 {
		t.Fatalf("far over the limit: %v, want 552", err)
	}
	if n := len(l.sink.all()); n != 0 {
		t.Fatalf("%d mails over the limit stored", n)
	}
	if err := send(c, "customer@example.org", []string{"support@example.com"}, exact); err != nil {
		t.Fatalf("a mail of exactly the limit: %v", err)
	}
	if got := l.sink.all(); len(got) != 1 || len(got[0].raw) != limit {
		t.Errorf("stored %d mails, want the one of %d bytes", len(got), limit)
	}
}

func TestOverlongLineIsRefusedForGood(t *testing.T) {
	l := start(t, 1<<20, map[string]bool{"support@example.com": true})
	err := send(l.client(t), "customer@example.org", []string{"support@example.com"}, message("long")+strings.Repeat("x", 5000)+"\r\n")
	if c := code(t, err); c < 500 {
		t.Fatalf("reply %v, want a permanent refusal", err)
	}
	if n := len(l.sink.all()); n != 0 {
		t.Fatalf("%d mails stored", n)
	}
}

func TestPlusAddressReachesItsMailbox(t *testing.T) {
	l := start(t, 1<<20, map[string]bool{"support@example.com": true, "help+de@example.com": true})
	c := l.client(t)
	for _, rcpt := range []string{"support+t123.abcdef@example.com", "help+de@example.com"} {
		if err := send(c, "customer@example.org", []string{rcpt}, message(rcpt)); err != nil {
			t.Fatalf("%s: %v", rcpt, err)
		}
	}
	got := l.sink.all()
	if len(got) != 2 {
		t.Fatalf("%d mails stored, want 2", len(got))
	}
	if src := got[0].src; src.MailboxID != l.boxes["support@example.com"] || !slices.Equal(src.Recipients, []string{"support+t123.abcdef@example.com"}) {
		t.Errorf("plus address: source %+v, want the support mailbox and the full address", src)
	}
	if src := got[1].src; src.MailboxID != l.boxes["help+de@example.com"] {
		t.Errorf("mailbox with a plus: source %+v, want that mailbox", src)
	}
}

func TestSeveralMailsOnOneConnection(t *testing.T) {
	l := start(t, 1<<20, map[string]bool{"support@example.com": true})
	c := l.client(t)
	for i := range 3 {
		if err := send(c, "customer@example.org", []string{"support@example.com"}, message(fmt.Sprint("mail ", i))); err != nil {
			t.Fatalf("mail %d: %v", i, err)
		}
	}
	if err := c.Quit(); err != nil {
		t.Fatal(err)
	}
	got := l.sink.all()
	if len(got) != 3 {
		t.Fatalf("%d mails stored, want 3", len(got))
	}
	for i, m := range got {
		if want := message(fmt.Sprint("mail ", i)); string(m.raw) != want {
			t.Errorf("mail %d is %q, want %q", i, m.raw, want)
		}
	}
}

func TestRecipientsOfSeveralMailboxesStoreTheMailOnce(t *testing.T) {
	l := start(t, 1<<20, map[string]bool{"support@example.com": true, "sales@example.com": true})
	to := []string{"sales@example.com", "support@example.com"}
	if err := send(l.client(t), "customer@example.org", to, message("both")); err != nil {
		t.Fatal(err)
	}
	got := l.sink.all()
	if len(got) != 1 {
		t.Fatalf("%d mails stored, want 1", len(got))
	}
	if src := got[0].src; src.MailboxID != l.boxes["sales@example.com"] || !slices.Equal(src.Recipients, to) {
		t.Errorf("source %+v, want the first recipient's mailbox and both recipients", src)
	}
}

func TestWithoutMailboxesEveryRecipientIsAccepted(t *testing.T) {
	l := start(t, 1<<20, nil)
	if err := send(l.client(t), "customer@example.org", []string{"anyone@anywhere.example"}, message("hi")); err != nil {
		t.Fatal(err)
	}
	got := l.sink.all()
	if len(got) != 1 || got[0].src.MailboxID != 0 {
		t.Fatalf("stored %+v, want one mail for no mailbox (the default team)", got)
	}
}

func TestTooManyRecipientsAreRefused(t *testing.T) {
	l := start(t, 1<<20, nil)
	c := l.client(t)
	if err := c.Mail("customer@example.org"); err != nil {
		t.Fatal(err)
	}
	for i := range smtpd.MaxRecipients {
		if err := c.Rcpt(fmt.Sprintf("r%d@example.com", i)); err != nil {
			t.Fatalf("recipient %d: %v", i, err)
		}
	}
	if err := c.Rcpt("one-too-many@example.com"); code(t, err) != 452 {
		t.Fatalf("recipient %d: %v, want 452", smtpd.MaxRecipients+1, err)
	}
}

func TestNoAuthIsOffered(t *testing.T) {
	l := start(t, 1<<20, nil)
	if ok, _ := l.client(t).Extension("AUTH"); ok {
		t.Fatal("the listener offers AUTH")
	}
}

func TestServeEndsWithClientsConnected(t *testing.T) {
	st := testenv.Store(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &sink{}
	srv := &smtpd.Server{Store: st, Ingest: s.Ingest, MaxSize: 1 << 20}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()

	c, err := smtp.Dial(ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Hello("client.example.org"); err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Serve: %v", err)
	}
	if err := c.Noop(); err == nil {
		t.Error("the connection is still served after the end")
	}
}

func TestMailOverSTARTTLS(t *testing.T) {
	st := testenv.Store(t)
	serverTLS, clientTLS := testenv.LoopbackTLS(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &sink{}
	srv := &smtpd.Server{Store: st, Ingest: s.Ingest, MaxSize: 1 << 20, TLS: serverTLS}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	defer func() {
		cancel()
		<-done
	}()

	c, err := smtp.Dial(ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.StartTLS(clientTLS); err != nil {
		t.Fatalf("STARTTLS: %v", err)
	}
	if err := send(c, "customer@example.org", []string{"support@example.com"}, message("secret")); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.TLSConnectionState(); !ok || len(s.all()) != 1 {
		t.Fatalf("TLS %v, %d mails stored; want one mail over TLS", ok, len(s.all()))
	}
}

func TestListenAndServe(t *testing.T) {
	st := testenv.Store(t)
	s := &sink{}
	bad := &smtpd.Server{Addr: "no-port", Store: st, Ingest: s.Ingest, MaxSize: 1 << 20}
	if err := bad.ListenAndServe(context.Background()); err == nil {
		t.Fatal("ListenAndServe on a bad address succeeded")
	}

	srv := &smtpd.Server{Addr: "127.0.0.1:0", Store: st, Ingest: s.Ingest, MaxSize: 1 << 20}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.ListenAndServe(ctx) }()
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("ListenAndServe after the end: %v", err)
	}
}
