package admin_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"supportal/internal/config"
	"supportal/internal/store"
	"supportal/internal/testenv"
	"supportal/internal/web/admin"
)

const hostile = "<script>alert(1)</script>"

// hostileRaw is a mail whose subject, text, recipient name and file name
// try to inject markup; the file name also carries a quote and a line
// break.
const hostileRaw = "From: Support <support@localhost>\r\n" +
	"To: \"Anna <b>bold</b>\" <a.member@a.example>\r\n" +
	"Cc: b.member@b.example\r\n" +
	"Subject: " + hostile + "\r\n" +
	"Date: Mon, 02 Mar 2026 10:00:00 +0000\r\n" +
	"Message-ID: <out-1@localhost>\r\n" +
	"MIME-Version: 1.0\r\n" +
	"Content-Type: multipart/mixed; boundary=\"b1\"\r\n" +
	"\r\n" +
	"--b1\r\n" +
	"Content-Type: text/plain; charset=utf-8\r\n" +
	"\r\n" +
	"Hello Anna,\r\nsee <img src=x onerror=alert(2)> attached.\r\n" +
	"--b1\r\n" +
	"Content-Type: application/octet-stream\r\n" +
	"Content-Disposition: attachment; filename*=utf-8''evil%22name%0A%3Cb%3E.txt\r\n" +
	"\r\n" +
	"data\r\n" +
	"--b1--\r\n"

// outboxMail queues hostileRaw under subject and returns its id as text.
func outboxMail(t *testing.T, env *testenv.Env, subject string) string {
	t.Helper()
	ctx := context.Background()
	key, _, err := env.App.Blobs.Put(ctx, strings.NewReader(hostileRaw), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	id, err := env.Store.EnqueueMail(ctx, &store.OutboxMail{Kind: "received", MessageID: "out-1@localhost", Sender: "support@localhost",
		Recipients: []string{"a.member@a.example", "b.member@b.example"}, Subject: subject, RawKey: key})
	if err != nil {
		t.Fatal(err)
	}
	return strconv.FormatInt(id, 10)
}

func TestOutboxShowsCaughtMailWhenNothingIsSent(t *testing.T) {
	env := testenv.New(t)
	id := outboxMail(t, env, "Your ticket has been received")
	c := env.Session(t, "admin")

	list := c.Get("/admin/outbox")
	if list.StatusCode != http.StatusOK {
		t.Fatalf("status %d", list.StatusCode)
	}
	mustContain(t, "the outbox", list.Body, "No SMTP server configured: mail is kept here and not sent",
		"All (1)", "Waiting (1)", "Failed (0)", "Sent (0)", "Your ticket has been received", "a.member@a.example, b.member@b.example",
		"Ticket received", "/admin/outbox/"+id)

	show := c.Get("/admin/outbox/" + id)
	if show.StatusCode != http.StatusOK {
		t.Fatalf("status %d", show.StatusCode)
	}
	mustContain(t, "the rendered mail", show.Body, "Support &lt;support@localhost&gt;", "a.member@a.example", "b.member@b.example",
		"Mon, 02 Mar 2026 10:00:00 &#43;0000", "&lt;out-1@localhost&gt;", "Hello Anna,\nsee &lt;img src=x onerror=alert(2)&gt; attached.",
		"evil&#34;name\n&lt;b&gt;.txt", "4 B", "Waiting", "Send again now", "/admin/outbox/"+id+"/raw")

	raw := c.Get("/admin/outbox/" + id + "/raw")
	if raw.StatusCode != http.StatusOK || raw.Body != hostileRaw {
		t.Fatalf("raw: status %d", raw.StatusCode)
	}
	checkDownload(t, raw, "outbox-"+id+".eml")

	if res := c.Get("/admin/outbox/999999"); res.StatusCode != http.StatusNotFound {
		t.Errorf("a missing mail: status %d", res.StatusCode)
	}
}

func TestOutboxWithRelayHasNoCatcherBanner(t *testing.T) {
	env := testenv.New(t, func(c *config.Config) { c.Mail.Relay = "smtp://127.0.0.1:2525" })
	page := env.Session(t, "admin").Get("/admin/outbox").Body
	mustNotContain(t, "the outbox", page, "No SMTP server configured")
	mustContain(t, "the outbox", page, "No mail here.")
}

func TestOutboxFiltersByStatusAndRetriesFailedMail(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	var kicks atomic.Int32
	e := withMail(t, env, admin.Mail{Kick: func() { kicks.Add(1) }})
	failed, sent := outboxMail(t, env, "Failed one"), outboxMail(t, env, "Sent one")
	outboxMail(t, env, "Waiting one")
	fid, _ := strconv.ParseInt(failed, 10, 64)
	sid, _ := strconv.ParseInt(sent, 10, 64)
	if err := env.Store.MarkMailFailed(ctx, fid, "550 5.1.1 mailbox unavailable"); err != nil {
		t.Fatal(err)
	}
	if err := env.Store.MarkMailSent(ctx, sid, "250 2.0.0 queued as 42", store.Now()); err != nil {
		t.Fatal(err)
	}
	c := e.Session(t, "admin")
	page := c.Get("/admin/outbox?status=failed").Body
	mustContain(t, "the failed mail", page, "Failed one", "550 5.1.1 mailbox unavailable", "Failed (1)", "Sent (1)", "Waiting (1)", "All (3)")
	mustNotContain(t, "the failed mail", page, "Sent one", "Waiting one")
	mustContain(t, "the sent mail", c.Get("/admin/outbox/"+sent).Body, "250 2.0.0 queued as 42")
	mustNotContain(t, "the sent mail", c.Get("/admin/outbox/"+sent).Body, "Send again now")

	res := c.PostForm("/admin/outbox/"+failed+"/retry", url.Values{})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/outbox/"+failed {
		t.Fatalf("retry: status %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	m, err := env.Store.OutboxMail(ctx, fid)
	if err != nil || m.Status != store.OutboxPending || m.Attempts != 0 {
		t.Fatalf("after the retry: %+v (%v)", m, err)
	}
	if kicks.Load() != 1 {
		t.Errorf("the sender was woken %d times, want 1", kicks.Load())
	}
	mustContain(t, "the requeued mail", c.Get("/admin/outbox/"+failed).Body, "The mail will be sent again now.")

	c.PostForm("/admin/outbox/"+sent+"/retry", url.Values{})
	if m, _ := env.Store.OutboxMail(ctx, sid); m.Status != store.OutboxSent {
		t.Errorf("a sent mail was requeued: %+v", m)
	}
	mustContain(t, "the sent mail", c.Get("/admin/outbox/"+sent).Body, "This mail has been sent already.")
	if kicks.Load() != 1 {
		t.Errorf("the sender was woken for a sent mail")
	}
}

func TestHostileMailContentIsEscapedEverywhere(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "admin")
	form := mailboxForm(hostile, "evil@example.com")
	if res := c.PostForm("/admin/mailboxes", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("status %d\n%s", res.StatusCode, res.Body)
	}
	mb, err := env.Store.MailboxByName(context.Background(), hostile)
	if err != nil {
		t.Fatal(err)
	}
	if err := env.Store.RecordPoll(context.Background(), mb.ID, store.Now(), "server said "+hostile); err != nil {
		t.Fatal(err)
	}
	in := recordInbound(t, env, &store.InboundMail{MailboxID: mb.ID, Sender: `"><script>alert(3)</script>@x.example`, Subject: hostile,
		Outcome: store.MailIgnored, Reason: hostile, ParseError: hostile}, hostileRaw)
	out := outboxMail(t, env, hostile)
	fid, _ := strconv.ParseInt(out, 10, 64)
	if err := env.Store.MarkMailFailed(context.Background(), fid, hostile); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{
		"/admin/mailboxes", fmt.Sprintf("/admin/mailboxes/%d", mb.ID),
		"/admin/mail", "/admin/mail?problems=1", fmt.Sprintf("/admin/mail/%d", in),
		"/admin/outbox", "/admin/outbox/" + out,
	} {
		res := c.Get(p)
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", p, res.StatusCode)
			continue
		}
		mustNotContain(t, p, res.Body, "<script>", "<b>", "<img")
		mustContain(t, p, res.Body, "&lt;script&gt;alert(")
	}
}
