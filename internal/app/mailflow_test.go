package app_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/emersion/go-smtp"
	"github.com/jhillyerd/enmime/v2"

	"supportal/internal/authz"
	"supportal/internal/config"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

// The whole email channel as a customer and an agent live it, over real
// protocols on loopback: an admin adds an IMAP mailbox in the admin pages,
// a customer writes to it, a ticket appears in the mailbox's team for that
// customer, the agent answers in the desk, the answer leaves through the
// SMTP relay threaded to the customer's mail, and the customer's reply to
// it lands on the same ticket.

const (
	supportAddress = "support@nordwerk.example"
	imapPassword   = "imap-secret-1"
)

// received is a mail the relay took.
type received struct {
	from string
	to   []string
	data []byte
}

// relay is a real SMTP server that records what it receives.
type relay struct {
	mu   sync.Mutex
	mail []received
	addr string
}

func (r *relay) NewSession(*smtp.Conn) (smtp.Session, error) { return &relaySession{r: r}, nil }

type relaySession struct {
	r   *relay
	cur received
}

func (s *relaySession) AuthPlain(string, string) error { return nil }
func (s *relaySession) Mail(from string, _ *smtp.MailOptions) error {
	s.cur.from = from
	return nil
}
func (s *relaySession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.cur.to = append(s.cur.to, to)
	return nil
}
func (s *relaySession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.cur.data = b
	s.r.mu.Lock()
	s.r.mail = append(s.r.mail, s.cur)
	s.r.mu.Unlock()
	return nil
}
func (s *relaySession) Reset()        { s.cur = received{} }
func (s *relaySession) Logout() error { return nil }

func (r *relay) received() []received {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]received(nil), r.mail...)
}

func startRelay(t *testing.T) *relay {
	t.Helper()
	r := &relay{}
	srv := smtp.NewServer(r)
	srv.Domain = "relay.test"
	srv.AllowInsecureAuth = true
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	r.addr = ln.Addr().String()
	return r
}

// startIMAP runs a real IMAP server on loopback with the support mailbox.
func startIMAP(t *testing.T) (addr string) {
	t.Helper()
	mem := imapmemserver.New()
	user := imapmemserver.NewUser(supportAddress, imapPassword)
	if err := user.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	mem.AddUser(user)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapMove: {}, imap.CapUIDPlus: {}, imap.CapIdle: {}},
		InsecureAuth: true,
		Logger:       log.New(io.Discard, "", 0),
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

// deliver puts a mail into the support INBOX, as the customer's mail
// provider does.
func deliver(t *testing.T, addr string, raw []byte) {
	t.Helper()
	c, err := imapclient.DialInsecure(addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login(supportAddress, imapPassword).Wait(); err != nil {
		t.Fatal(err)
	}
	cmd := c.Append("INBOX", int64(len(raw)), nil)
	if _, err := cmd.Write(raw); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
}

// eventually retries check until it succeeds or 20 seconds pass.
func eventually(t *testing.T, what string, check func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !check(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
	}
}

func TestMailboxToTicketToAnswerToReply(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	rl := startRelay(t)
	imapAddr := startIMAP(t)
	env := testenv.New(t, func(c *config.Config) {
		c.Addr = "127.0.0.1:0"
		c.Mail.Relay = "smtp+insecure://" + rl.addr
		c.Mail.From = "Nordwerk Support <" + supportAddress + ">"
		c.Mail.OutboundAllow = []string{"127.0.0.1"}
		c.Mail.IMAPPoll = 100 * time.Millisecond
	})
	served := make(chan error, 1)
	go func() { served <- env.App.Serve(ctx, nil) }()
	t.Cleanup(func() {
		cancel()
		if err := <-served; err != nil {
			t.Errorf("serve: %v", err)
		}
	})

	// 1. The admin adds the mailbox in the admin pages, for the 2nd level.
	host, port, _ := net.SplitHostPort(imapAddr)
	admin := env.Session(t, "admin")
	res := admin.PostForm("/admin/mailboxes", url.Values{
		"name": {"Support"}, "address": {supportAddress}, "team": {strconv.FormatInt(env.Teams["2nd level"], 10)},
		"active": {"1"}, "imap_host": {host}, "imap_port": {port}, "imap_security": {"none"},
		"imap_user": {supportAddress}, "imap_password": {imapPassword}, "imap_folder": {"INBOX"},
	})
	if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusSeeOther {
		t.Fatalf("adding the mailbox: status %d: %s", res.StatusCode, res.Body)
	}

	// 2. The customer writes to it.
	customer := env.User(t, "a.member")
	deliver(t, imapAddr, []byte("From: User a.member <a.member@a.example>\r\nTo: Support <"+supportAddress+">\r\n"+
		"Subject: Label printer stops after page 3\r\nMessage-ID: <first@mail.a.example>\r\n"+
		"Date: Mon, 23 Nov 2026 09:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"+
		"Since the update the label printer stops after page 3.\r\n"))

	// 3. A ticket appears in the mailbox's team, for that customer.
	var tk *model.Ticket
	eventually(t, "the mail becomes a ticket", func() bool {
		page, err := env.Store.Tickets(ctx, allTickets())
		if err != nil || len(page.Tickets) == 0 {
			return false
		}
		tk = page.Tickets[0]
		return true
	})
	if tk.TeamName != "2nd level" || tk.RequesterID != customer.ID || tk.OrgID != env.OrgA.ID || tk.Channel != model.ChannelEmail {
		t.Fatalf("ticket %d: team %q requester %d org %d channel %s", tk.Number, tk.TeamName, tk.RequesterID, tk.OrgID, tk.Channel)
	}
	// The receipt the customer gets names the ticket.
	eventually(t, "the receipt is sent", func() bool { return len(rl.received()) >= 1 })

	// 4. The agent of the 2nd level answers in the desk.
	agent := env.Session(t, "agent2")
	res = agent.PostForm(fmt.Sprintf("/desk/tickets/%d/messages", tk.Number), url.Values{
		"body": {"Please update the printer driver to 5.1 and try again."}, "visibility": {"public"},
	})
	if res.StatusCode >= 400 {
		t.Fatalf("agent's reply: status %d", res.StatusCode)
	}

	// 5. The answer leaves through the relay, threaded to the customer's mail.
	var answer *enmime.Envelope
	eventually(t, "the answer is sent", func() bool {
		for _, m := range rl.received() {
			env, err := enmime.ReadEnvelope(bytes.NewReader(m.data))
			if err == nil && strings.Contains(env.Text, "printer driver to 5.1") {
				answer = env
				return true
			}
		}
		return false
	})
	tag := fmt.Sprintf("[#%d]", tk.Number)
	if !strings.Contains(answer.GetHeader("Subject"), tag) || !strings.Contains(answer.GetHeader("To"), "a.member@a.example") {
		t.Errorf("answer: Subject %q To %q", answer.GetHeader("Subject"), answer.GetHeader("To"))
	}
	if !strings.Contains(answer.GetHeader("In-Reply-To"), "<first@mail.a.example>") ||
		!strings.Contains(answer.GetHeader("References"), "<first@mail.a.example>") {
		t.Errorf("answer does not thread in the customer's mail client: In-Reply-To %q References %q",
			answer.GetHeader("In-Reply-To"), answer.GetHeader("References"))
	}

	// 6. The customer replies from the mail client: quoting, "Re:", the
	// answer's Message-ID in In-Reply-To — and, like Apple Mail, without
	// our References.
	deliver(t, imapAddr, []byte("From: User a.member <a.member@a.example>\r\nTo: "+answer.GetHeader("From")+"\r\n"+
		"Subject: Re: "+answer.GetHeader("Subject")+"\r\nMessage-ID: <second@mail.a.example>\r\n"+
		"In-Reply-To: "+answer.GetHeader("Message-ID")+"\r\nDate: Mon, 23 Nov 2026 11:00:00 +0100\r\n"+
		"Content-Type: text/plain; charset=utf-8\r\n\r\nDriver updated, it works now. Thank you!\r\n\r\n"+
		"> Please update the printer driver to 5.1 and try again.\r\n"))

	// 7. It lands on the same ticket.
	eventually(t, "the customer's reply joins the ticket", func() bool {
		msgs, err := env.Store.Messages(ctx, tk.ID)
		if err != nil || len(msgs) < 3 {
			return false
		}
		last := msgs[len(msgs)-1]
		return last.Kind == model.KindEmailIn && last.AuthorID == customer.ID && strings.Contains(last.Body, "it works now")
	})
	page, err := env.Store.Tickets(ctx, allTickets())
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Tickets) != 1 {
		t.Errorf("%d tickets, want the one", len(page.Tickets))
	}
}

func allTickets() store.TicketFilter {
	return store.TicketFilter{Scope: authz.TicketScope{All: true}, Limit: 10}
}
