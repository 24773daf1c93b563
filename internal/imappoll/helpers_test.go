package imappoll_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/mail"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"

	"supportal/internal/imappoll"
	"supportal/internal/inbound"
	"supportal/internal/netguard"
	"supportal/internal/secret"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

const (
	imapUser     = "support@example.com"
	imapPassword = "s3cret-imap-pass"
)

// imapServer is a real IMAP server on loopback, in memory, with the
// folders INBOX and Archive.
type imapServer struct {
	addr     string
	port     int
	security string      // imappoll.SecurityNone, SecurityTLS or SecurityStartTLS
	tls      *tls.Config // the client side: trusts the server's certificate

	mu       sync.Mutex
	sessions int // with a folder open for writing now
	most     int // most such sessions at once
}

type serverOptions struct {
	caps     imap.CapSet // default IMAP4rev1 with MOVE and UIDPLUS
	implicit bool        // TLS from the first byte (port 993 style)
	startTLS bool        // offer STARTTLS
}

func startIMAP(t *testing.T, o serverOptions) *imapServer {
	t.Helper()
	mem := imapmemserver.New()
	user := imapmemserver.NewUser(imapUser, imapPassword)
	for _, f := range []string{"INBOX", "Archive"} {
		if err := user.Create(f, nil); err != nil {
			t.Fatal(err)
		}
	}
	mem.AddUser(user)

	caps := o.caps
	if caps == nil {
		caps = imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapMove: {}, imap.CapUIDPlus: {}}
	}
	s := &imapServer{}
	serverTLS, clientTLS := testenv.LoopbackTLS(t)
	opts := &imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return &countingSession{SessionIMAP4rev2: mem.NewSession().(imapserver.SessionIMAP4rev2), s: s}, nil, nil
		},
		Caps:         caps,
		InsecureAuth: !o.startTLS && !o.implicit,
		Logger:       log.New(io.Discard, "", 0),
	}
	if o.startTLS {
		opts.TLSConfig = serverTLS
	}
	srv := imapserver.New(opts)
	var ln net.Listener
	var err error
	if o.implicit {
		ln, err = tls.Listen("tcp", "127.0.0.1:0", serverTLS)
	} else {
		ln, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	s.addr = ln.Addr().String()
	s.port = ln.Addr().(*net.TCPAddr).Port
	s.tls = clientTLS
	s.security = imappoll.SecurityNone
	if o.implicit {
		s.security = imappoll.SecurityTLS
	} else if o.startTLS {
		s.security = imappoll.SecurityStartTLS
	}
	return s
}

// countingSession counts the sessions that open a folder for writing:
// pollers do, the test's own looks are read-only.
type countingSession struct {
	imapserver.SessionIMAP4rev2
	s       *imapServer
	writing bool
}

func (c *countingSession) Select(name string, options *imap.SelectOptions) (*imap.SelectData, error) {
	data, err := c.SessionIMAP4rev2.Select(name, options)
	if err == nil && (options == nil || !options.ReadOnly) && !c.writing {
		c.s.mu.Lock()
		c.writing = true
		c.s.sessions++
		c.s.most = max(c.s.most, c.s.sessions)
		c.s.mu.Unlock()
	}
	return data, err
}

func (c *countingSession) Close() error {
	c.s.mu.Lock()
	if c.writing {
		c.s.sessions--
		c.writing = false
	}
	c.s.mu.Unlock()
	return c.SessionIMAP4rev2.Close()
}

func (s *imapServer) mostAtOnce() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.most
}

// mailUser is a person with a mail program on the IMAP server: the test's
// way to put mail in and look at it.
type mailUser struct {
	t   *testing.T
	srv *imapServer
}

func (u mailUser) dial() *imapclient.Client {
	u.t.Helper()
	conn, err := net.Dial("tcp", u.srv.addr)
	if err != nil {
		u.t.Fatal(err)
	}
	var c *imapclient.Client
	switch u.srv.security {
	case imappoll.SecurityTLS:
		c = imapclient.New(tls.Client(conn, u.srv.tls), nil)
	case imappoll.SecurityStartTLS:
		if c, err = imapclient.NewStartTLS(conn, &imapclient.Options{TLSConfig: u.srv.tls}); err != nil {
			u.t.Fatal(err)
		}
	default:
		c = imapclient.New(conn, nil)
	}
	if err := c.Login(imapUser, imapPassword).Wait(); err != nil {
		c.Close()
		u.t.Fatalf("test user login: %v", err)
	}
	return c
}

// deliver puts a message into folder with flags.
func (u mailUser) deliver(folder, raw string, flags ...imap.Flag) {
	u.t.Helper()
	c := u.dial()
	defer c.Close()
	cmd := c.Append(folder, int64(len(raw)), &imap.AppendOptions{Flags: flags})
	if _, err := io.WriteString(cmd, raw); err != nil {
		u.t.Fatal(err)
	}
	if err := cmd.Close(); err != nil {
		u.t.Fatal(err)
	}
	if _, err := cmd.Wait(); err != nil {
		u.t.Fatalf("append: %v", err)
	}
}

// flags returns the flags of each message in folder by subject.
func (u mailUser) flags(folder string) map[string][]imap.Flag {
	u.t.Helper()
	c := u.dial()
	defer c.Close()
	sel, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		u.t.Fatalf("select %s: %v", folder, err)
	}
	out := map[string][]imap.Flag{}
	if sel.NumMessages == 0 {
		return out
	}
	msgs, err := c.Fetch(imap.SeqSet{{Start: 1, Stop: 0}}, &imap.FetchOptions{Envelope: true, Flags: true}).Collect()
	if err != nil {
		u.t.Fatalf("fetch %s: %v", folder, err)
	}
	for _, m := range msgs {
		out[m.Envelope.Subject] = m.Flags
	}
	return out
}

// message is a small mail with a unique subject and Message-ID.
func message(subject string) string {
	return "From: Customer <customer@example.org>\r\n" +
		"To: support@example.com\r\n" +
		"Subject: " + subject + "\r\n" +
		"Message-ID: <" + strconv.Itoa(len(subject)) + "." + subjectID(subject) + "@example.org>\r\n" +
		"Date: Mon, 02 Jan 2006 15:04:05 +0000\r\n" +
		"\r\n" +
		"Please help with " + subject + ".\r\n"
}

func subjectID(s string) string {
	var b []byte
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b = append(b, byte(r))
		}
	}
	return string(b)
}

// sink stands in for the ingest pipeline: it commits mail to memory, or
// fails as told.
type sink struct {
	mu    sync.Mutex
	mails []received
	calls int
	fail  error // returned while set, nothing is committed
}

type received struct {
	raw []byte
	src inbound.Source
}

func (s *sink) Ingest(_ context.Context, raw []byte, src inbound.Source) (*inbound.Result, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	if s.fail != nil {
		return nil, s.fail
	}
	s.mails = append(s.mails, received{raw: bytes.Clone(raw), src: src})
	return &inbound.Result{InboundID: int64(len(s.mails)), Ticket: int64(len(s.mails)), Created: true}, nil
}

func (s *sink) setFail(err error) {
	s.mu.Lock()
	s.fail = err
	s.mu.Unlock()
}

func (s *sink) attempts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}

// subjects lists the subjects of the committed mails, in order.
func (s *sink) subjects() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, m := range s.mails {
		msg, err := mail.ReadMessage(bytes.NewReader(m.raw))
		if err != nil {
			out = append(out, "unreadable: "+err.Error())
			continue
		}
		out = append(out, msg.Header.Get("Subject"))
	}
	return out
}

func (s *sink) all() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.mails)
}

// rig is a database, keys, an IMAP server and a sink.
type rig struct {
	t    *testing.T
	st   *store.Store
	keys *secret.Keys
	srv  *imapServer
	user mailUser
	sink *sink
}

func newRig(t *testing.T, o serverOptions) *rig {
	t.Helper()
	return newRigOn(t, testenv.Store(t), o)
}

func newRigOn(t *testing.T, st *store.Store, o serverOptions) *rig {
	t.Helper()
	master := make([]byte, 32)
	rand.Read(master)
	keys, err := secret.New(master)
	if err != nil {
		t.Fatal(err)
	}
	srv := startIMAP(t, o)
	return &rig{t: t, st: st, keys: keys, srv: srv, user: mailUser{t: t, srv: srv}, sink: &sink{}}
}

// mailbox creates the mailbox that polls the rig's server, changed by mod.
func (r *rig) mailbox(mod func(*store.Mailbox)) *store.Mailbox {
	r.t.Helper()
	mb := &store.Mailbox{
		Name:         "Support",
		Address:      "support@example.com",
		IMAPHost:     "127.0.0.1",
		IMAPPort:     r.srv.port,
		IMAPSecurity: r.srv.security,
		IMAPUser:     imapUser,
		IMAPPassword: r.keys.Encrypt(imapPassword),
		IMAPFolder:   "INBOX",
		Active:       true,
	}
	if mod != nil {
		mod(mb)
	}
	ctx := context.Background()
	id, err := r.st.CreateMailbox(ctx, mb)
	if err != nil {
		r.t.Fatal(err)
	}
	mb, err = r.st.Mailbox(ctx, id)
	if err != nil {
		r.t.Fatal(err)
	}
	return mb
}

// poller returns a poller on the rig with short intervals, allowed to
// reach loopback.
func (r *rig) poller() *imappoll.Poller {
	log := slog.New(slog.DiscardHandler)
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(testWriter{r.t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return &imappoll.Poller{
		Store:     r.st,
		Keys:      r.keys,
		Dialer:    &netguard.Dialer{Allow: []string{"127.0.0.1"}},
		Ingest:    r.sink.Ingest,
		MaxSize:   1 << 20,
		Interval:  50 * time.Millisecond,
		Reload:    50 * time.Millisecond,
		Idle:      3 * time.Second, // a safety net; new mail wakes the poller at once
		TLSConfig: r.srv.tls,
		Log:       log,
	}
}

// run runs p until the test ends.
func run(t *testing.T, p *imappoll.Poller) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		p.Run(ctx)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(string(bytes.TrimRight(b, "\n")))
	return len(b), nil
}

// eventually waits until cond holds; the limit is generous, it only ends
// a test that would otherwise hang.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting: %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// lastError reads the mailbox's recorded poll error.
func (r *rig) lastError(id int64) (string, time.Time) {
	r.t.Helper()
	mb, err := r.st.Mailbox(context.Background(), id)
	if err != nil {
		r.t.Fatal(err)
	}
	return mb.LastError, mb.LastPollAt
}

func hasFlag(flags []imap.Flag, f imap.Flag) bool { return slices.Contains(flags, f) }

func describe(flags map[string][]imap.Flag) string { return fmt.Sprint(flags) }

// idleless is a proxy to an IMAP server that hides the IDLE capability
// and notes whether a client sent IDLE all the same.
type idleless struct {
	port int
	mu   sync.Mutex
	idle bool
}

func (p *idleless) sawIdle() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.idle
}

func withoutIdle(t *testing.T, upstream string) *idleless {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	p := &idleless{port: ln.Addr().(*net.TCPAddr).Port}
	// pipe copies lines from src to dst, changed by edit.
	pipe := func(dst, src net.Conn, edit func(string) string) {
		defer dst.Close()
		br := bufio.NewReader(src)
		for {
			line, err := br.ReadString('\n')
			if _, werr := io.WriteString(dst, edit(line)); werr != nil || err != nil {
				return
			}
		}
	}
	go func() {
		for {
			down, err := ln.Accept()
			if err != nil {
				return
			}
			up, err := net.Dial("tcp", upstream)
			if err != nil {
				down.Close()
				continue
			}
			go pipe(up, down, func(line string) string {
				if strings.HasSuffix(strings.ToUpper(line), " IDLE\r\n") {
					p.mu.Lock()
					p.idle = true
					p.mu.Unlock()
				}
				return line
			})
			go pipe(down, up, func(line string) string {
				if strings.Contains(line, "CAPABILITY") {
					line = strings.ReplaceAll(line, " IDLE", "")
				}
				return line
			})
		}
	}()
	return p
}
