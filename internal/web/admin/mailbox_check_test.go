package admin_test

import (
	"context"
	"net"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"

	"supportal/internal/imappoll"
	"supportal/internal/netguard"
	"supportal/internal/store"
	"supportal/internal/testenv"
	"supportal/internal/web/admin"
)

// imapServer runs an IMAP server on loopback with one account that has
// an INBOX, and returns its port.
func imapServer(t *testing.T, user, password string) int {
	t.Helper()
	mem := imapmemserver.New()
	u := imapmemserver.NewUser(user, password)
	if err := u.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	mem.AddUser(u)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}},
		InsecureAuth: true,
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return ln.Addr().(*net.TCPAddr).Port
}

// testIMAP is the connection test the application passes in, through a
// dialer that allows what allow lists.
func testIMAP(allow ...string) func(context.Context, *store.Mailbox, string) error {
	d := &netguard.Dialer{Allow: allow}
	return func(ctx context.Context, mb *store.Mailbox, password string) error {
		return imappoll.Test(ctx, mb, password, d)
	}
}

func TestConnectionTestSignsInWithTheStoredPassword(t *testing.T) {
	env := testenv.New(t)
	port := strconv.Itoa(imapServer(t, "support@example.com", imapPassword))
	e := withMail(t, env, admin.Mail{TestIMAP: testIMAP("127.0.0.1")})
	c := e.Session(t, "admin")
	form := mailboxForm("Support", "support@example.com")
	form.Set("imap_host", "127.0.0.1")
	form.Set("imap_port", port)
	form.Set("imap_security", "none")
	if res := c.PostForm("/admin/mailboxes", form); res.StatusCode != 303 {
		t.Fatalf("create: status %d\n%s", res.StatusCode, res.Body)
	}
	mb, err := env.Store.MailboxByName(context.Background(), "Support")
	if err != nil {
		t.Fatal(err)
	}
	edit := "/admin/mailboxes/" + strconv.FormatInt(mb.ID, 10)
	mustContain(t, "the edit form", c.Get(edit).Body, `formaction="`+edit+`/test"`, "Test connection")

	form.Set("imap_password", "")
	res := c.PostForm(edit+"/test", form)
	if res.StatusCode != 200 {
		t.Fatalf("test: status %d\n%s", res.StatusCode, res.Body)
	}
	mustContain(t, "the test result", res.Body, "Connection test passed")
	mustNotContain(t, "the test result", res.Body, "Connection test failed", "not saved yet", imapPassword)

	form.Set("imap_password", "wrong password")
	res = c.PostForm(edit+"/test", form)
	mustContain(t, "the failed test", res.Body, "Connection test failed:", "login failed", "not saved yet",
		"Type the password again when you save")
	mustNotContain(t, "the failed test", res.Body, "wrong password")

	form.Set("imap_password", "")
	form.Set("imap_folder", "Nowhere")
	res = c.PostForm(edit+"/test", form)
	mustContain(t, "the test of another folder", res.Body, "Connection test failed:", "Nowhere", "not saved yet")
	if stored, _ := env.Store.Mailbox(context.Background(), mb.ID); stored.IMAPFolder != "INBOX" {
		t.Errorf("the test saved the folder %q", stored.IMAPFolder)
	}
}

func TestConnectionTestRefusesLoopbackUnlessAllowed(t *testing.T) {
	env := testenv.New(t)
	port := strconv.Itoa(imapServer(t, "support@example.com", imapPassword))
	e := withMail(t, env, admin.Mail{TestIMAP: testIMAP()})
	c := e.Session(t, "admin")
	form := mailboxForm("Support", "support@example.com")
	form.Set("imap_host", "127.0.0.1")
	form.Set("imap_port", port)
	form.Set("imap_security", "none")
	c.PostForm("/admin/mailboxes", form)
	mb, err := env.Store.MailboxByName(context.Background(), "Support")
	if err != nil {
		t.Fatal(err)
	}
	res := c.PostForm("/admin/mailboxes/"+strconv.FormatInt(mb.ID, 10)+"/test", form)
	mustContain(t, "the test result", res.Body, "Connection test failed:")
	mustNotContain(t, "the test result", res.Body, "Connection test passed")
}

func TestConnectionTestNeedsAServerAndIsHiddenWithoutTester(t *testing.T) {
	env := withMail(t, testenv.New(t), admin.Mail{})
	c := env.Session(t, "admin")
	form := url.Values{"name": {"Pipe"}, "address": {"pipe@example.com"}, "imap_security": {"tls"}, "active": {"1"}}
	c.PostForm("/admin/mailboxes", form)
	mb, err := env.Store.MailboxByName(context.Background(), "Pipe")
	if err != nil {
		t.Fatal(err)
	}
	edit := "/admin/mailboxes/" + strconv.FormatInt(mb.ID, 10)
	page := c.Get(edit).Body
	mustNotContain(t, "the form without a tester", page, "Test connection", "/test")

	res := c.PostForm(edit+"/test", form)
	if res.StatusCode != 422 || !strings.Contains(res.Body, "This field is required.") {
		t.Errorf("testing a mailbox without a server: status %d", res.StatusCode)
	}
}
