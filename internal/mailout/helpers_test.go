package mailout_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"log"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
	"github.com/jhillyerd/enmime/v2"

	"supportal/internal/blob"
	"supportal/internal/config"
	"supportal/internal/mailout"
	"supportal/internal/mailtoken"
	"supportal/internal/model"
	"supportal/internal/secret"
	"supportal/internal/store"
	"supportal/internal/testenv"
	"supportal/internal/ticket"
)

// world is a running test instance with an outbox wired into its ticket
// service.
type world struct {
	*testenv.Env
	Outbox *mailout.Outbox
	Blobs  blob.Store
	Tokens *mailtoken.Tokens
	Clock  *clock
	st     *store.Store
}

// setup is how a test wants its outbox.
type setup struct {
	relay   string
	rootCAs *x509.CertPool
	dkimKey string // PEM file
	poll    time.Duration
}

// newWorld starts a test instance whose ticket service queues mail in a
// new Outbox.
func newWorld(t *testing.T, s setup) *world {
	t.Helper()
	env := testenv.New(t, func(c *config.Config) {
		c.BaseURL = "https://support.example"
		c.Mail.From = "Example Support <support@support.example>"
		c.Mail.DKIMSel = "test"
	})
	master := make([]byte, 32)
	_, _ = rand.Read(master)
	keys, err := secret.New(master)
	if err != nil {
		t.Fatal(err)
	}
	blobs, err := blob.NewDir(env.Config.BlobDir())
	if err != nil {
		t.Fatal(err)
	}
	w := &world{Env: env, Blobs: blobs, Tokens: mailtoken.New(keys, "support.example"), st: env.App.Store,
		Clock: &clock{t: store.Now()}}
	mailCfg := env.Config.Mail
	mailCfg.Relay = s.relay
	mailCfg.DKIMKey = s.dkimKey
	w.Outbox, err = mailout.New(mailout.Config{
		Store: env.App.Store, Blobs: blobs, Tokens: w.Tokens, Mail: mailCfg, BaseURL: env.Config.BaseURL,
		DefaultLanguage: "en", RootCAs: s.rootCAs, Now: w.Clock.Now, Poll: s.poll,
	})
	if err != nil {
		t.Fatal(err)
	}
	env.App.Tickets.SetMailer(w.Outbox)
	return w
}

// clock is a test clock that moves only when told.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// outbox lists every mail of the outbox, oldest first.
func (w *world) outbox(t *testing.T) []*store.OutboxMail {
	t.Helper()
	list, err := w.st.OutboxMails(context.Background(), store.OutboxFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for i, j := 0, len(list)-1; i < j; i, j = i+1, j-1 {
		list[i], list[j] = list[j], list[i]
	}
	return list
}

// queued is a mail of the outbox with its message parsed.
type queued struct {
	*store.OutboxMail
	Raw []byte
	Msg *enmime.Envelope
}

// mails returns the mails of the outbox with their messages, oldest first.
func (w *world) mails(t *testing.T) []queued {
	t.Helper()
	var out []queued
	for _, m := range w.outbox(t) {
		f, err := w.Blobs.Open(context.Background(), m.RawKey)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := io.ReadAll(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, queued{OutboxMail: m, Raw: raw, Msg: parse(t, raw)})
	}
	return out
}

// mailsTo returns the queued mails addressed to addr.
func (w *world) mailsTo(t *testing.T, addr string) []queued {
	t.Helper()
	var out []queued
	for _, m := range w.mails(t) {
		for _, r := range m.Recipients {
			if r == addr {
				out = append(out, m)
			}
		}
	}
	return out
}

func parse(t *testing.T, raw []byte) *enmime.Envelope {
	t.Helper()
	env, err := enmime.ReadEnvelope(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("the message does not parse: %v\n%s", err, raw)
	}
	if len(env.Errors) > 0 {
		t.Errorf("the message has MIME errors: %v", env.Errors)
	}
	env.Text = strings.ReplaceAll(env.Text, "\r\n", "\n")
	return env
}

// ticketOf opens a ticket for the contact under key through the ticket
// service.
func (w *world) ticketOf(t *testing.T, key, subject, body string, p ticket.CreateParams) *model.Ticket {
	t.Helper()
	p.Subject, p.Body = subject, body
	tk, err := w.App.Tickets.Create(context.Background(), w.User(t, key), p)
	if err != nil {
		t.Fatal(err)
	}
	return tk
}

// customerMail records a mail received from the contact under key on tk,
// as the inbound side stores it, and returns its Message-ID.
func (w *world) customerMail(t *testing.T, key string, tk *model.Ticket, messageID, body string) string {
	t.Helper()
	u := w.User(t, key)
	_, err := w.st.CreateMessage(context.Background(), store.NewMessage{TicketID: tk.ID, Kind: model.KindEmailIn, AuthorID: u.ID,
		To: []model.Recipient{{Email: "support@support.example"}}, Body: body, MessageID: messageID, Sender: u.Email})
	if err != nil {
		t.Fatal(err)
	}
	return messageID
}

// deliverAll runs the sender once and returns how many mails it tried.
func (w *world) deliverAll(t *testing.T) int {
	t.Helper()
	n, err := w.Outbox.DeliverDue(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// received is a mail as the test relay got it.
type received struct {
	From string
	To   []string
	Data []byte
}

// relayServer is an SMTP server on loopback that keeps what it is given.
type relayServer struct {
	Addr string
	CAs  *x509.CertPool // trusts its certificate

	mu    sync.Mutex
	mails []received
	data  int // DATA commands seen
	got   chan received

	user, pass string                     // AUTH PLAIN required when set (only offered over TLS)
	dataReply  func(attempt int) error    // answer to the n-th DATA (from 1); nil accepts
	rcptReply  map[string]*smtp.SMTPError // refusals per recipient
}

// startRelay starts a relay; with tlsOn it offers STARTTLS with a
// certificate of its own CA.
func startRelay(t *testing.T, tlsOn bool, configure func(*relayServer)) *relayServer {
	t.Helper()
	r := &relayServer{got: make(chan received, 100)}
	if configure != nil {
		configure(r)
	}
	srv := smtp.NewServer(r)
	srv.Domain = "relay.test"
	srv.ErrorLog = log.New(io.Discard, "", 0) // clients that hang up early are part of the tests
	srv.ReadTimeout, srv.WriteTimeout = time.Minute, time.Minute
	if tlsOn {
		serverTLS, clientTLS := testenv.LoopbackTLS(t)
		cert, pool := serverTLS.Certificates[0], clientTLS.RootCAs
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		r.CAs = pool
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r.Addr = ln.Addr().String()
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { srv.Close() })
	return r
}

// Mails returns what the relay accepted so far.
func (r *relayServer) Mails() []received {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]received(nil), r.mails...)
}

// wait returns the next mail the relay accepts, failing the test if none
// comes within a minute.
func (r *relayServer) wait(t *testing.T) received {
	t.Helper()
	select {
	case m := <-r.got:
		return m
	case <-time.After(time.Minute):
		t.Fatal("the relay received no mail")
		return received{}
	}
}

// NewSession implements smtp.Backend.
func (r *relayServer) NewSession(*smtp.Conn) (smtp.Session, error) { return &relaySession{r: r}, nil }

type relaySession struct {
	r      *relayServer
	authed bool
	from   string
	to     []string
}

func (s *relaySession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *relaySession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != s.r.user || pass != s.r.pass {
			return errors.New("invalid credentials")
		}
		s.authed = true
		return nil
	}), nil
}

func (s *relaySession) Mail(from string, _ *smtp.MailOptions) error {
	if s.r.user != "" && !s.authed {
		return smtp.ErrAuthRequired
	}
	s.from = from
	return nil
}

func (s *relaySession) Rcpt(to string, _ *smtp.RcptOptions) error {
	if err := s.r.rcptReply[to]; err != nil {
		return err
	}
	s.to = append(s.to, to)
	return nil
}

func (s *relaySession) Data(rd io.Reader) error {
	data, err := io.ReadAll(rd)
	if err != nil {
		return err
	}
	s.r.mu.Lock()
	defer s.r.mu.Unlock()
	s.r.data++
	if s.r.dataReply != nil {
		if err := s.r.dataReply(s.r.data); err != nil {
			return err
		}
	}
	m := received{From: s.from, To: append([]string(nil), s.to...), Data: data}
	s.r.mails = append(s.r.mails, m)
	s.r.got <- m
	return nil
}

func (s *relaySession) Reset() { s.from, s.to = "", nil }

func (s *relaySession) Logout() error { return nil }

// header returns a header of a parsed message, trimmed.
func header(m *enmime.Envelope, name string) string { return strings.TrimSpace(m.GetHeader(name)) }

func ptr[T any](v T) *T { return &v }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
