package admin_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"supportal/internal/store"
	"supportal/internal/testenv"
)

// recordInbound stores raw as a received mail described by m, as the
// intake does, and returns its id.
func recordInbound(t *testing.T, env *testenv.Env, m *store.InboundMail, raw string) int64 {
	t.Helper()
	ctx := context.Background()
	key, size, err := env.App.Blobs.Put(ctx, strings.NewReader(raw), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	m.RawKey, m.Size = key, size
	if m.DedupKey == "" {
		m.DedupKey = key
	}
	if m.Source == "" {
		m.Source = "smtp"
	}
	id, err := env.Store.CreateInboundMail(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// inboundMail records a simple ignored mail and returns its id as text.
func inboundMail(t *testing.T, env *testenv.Env, subject, sender string) string {
	t.Helper()
	raw := "From: " + sender + "\r\nTo: support@example.com\r\nSubject: " + subject + "\r\n\r\nHello\r\n"
	id := recordInbound(t, env, &store.InboundMail{Sender: sender, Subject: subject, Outcome: store.MailIgnored, Reason: "loop"}, raw)
	return strconv.FormatInt(id, 10)
}

func TestMailLogShowsWhatBecameOfEachMail(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Printer broken", "It prints nothing.")
	raw := "From: Anna <a.member@a.example>\r\nTo: support@example.com\r\nSubject: Printer broken\r\nMessage-ID: <p1@a.example>\r\n\r\nIt prints nothing.\r\n"
	created := recordInbound(t, env, &store.InboundMail{MessageID: "p1@a.example", Source: "imap", Sender: "a.member@a.example",
		Subject: "Printer broken", Outcome: store.MailCreated, TicketID: tk.ID}, raw)
	ignored := recordInbound(t, env, &store.InboundMail{Sender: "mailer-daemon@b.example", Subject: "Undeliverable",
		Outcome: store.MailIgnored, Reason: "loop"}, "Subject: Undeliverable\r\n\r\nx\r\n")
	broken := recordInbound(t, env, &store.InboundMail{Source: "pipe", Sender: "b.member@b.example", Subject: "Broken MIME",
		Outcome: store.MailCreated, TicketID: tk.ID, ParseError: "multipart boundary not found"}, "Subject: Broken MIME\r\n\r\n--x\r\n")

	c := env.Session(t, "admin")
	page := c.Get("/admin/mail").Body
	mustContain(t, "the mail log", page, "Printer broken", "a.member@a.example", "IMAP", "Pipe",
		"Opened ticket", fmt.Sprintf(`href="/desk/tickets/%d"`, tk.Number),
		"Ignored", "a mail loop", "Undeliverable",
		`class="admin-mail-problem-row"`, "could not be parsed: multipart boundary not found")
	if strings.Index(page, "Broken MIME") > strings.Index(page, "Printer broken") {
		t.Error("the log is not newest first")
	}

	problems := c.Get("/admin/mail?problems=1").Body
	mustContain(t, "the problems", problems, "Undeliverable", "Broken MIME")
	mustNotContain(t, "the problems", problems, "Printer broken")

	show := c.Get(fmt.Sprintf("/admin/mail/%d", created))
	if show.StatusCode != http.StatusOK {
		t.Fatalf("details: status %d", show.StatusCode)
	}
	mustContain(t, "the details", show.Body, "p1@a.example", "Opened ticket", fmt.Sprintf("/admin/mail/%d/raw", created))
	mustContain(t, "the broken mail", c.Get(fmt.Sprintf("/admin/mail/%d", broken)).Body, "could not be parsed: multipart boundary not found")
	mustContain(t, "the ignored mail", c.Get(fmt.Sprintf("/admin/mail/%d", ignored)).Body, "a mail loop")
	if res := c.Get("/admin/mail/999999"); res.StatusCode != http.StatusNotFound {
		t.Errorf("a missing mail: status %d", res.StatusCode)
	}

	dl := c.Get(fmt.Sprintf("/admin/mail/%d/raw", created))
	if dl.StatusCode != http.StatusOK || dl.Body != raw {
		t.Fatalf("raw: status %d, body %q", dl.StatusCode, dl.Body)
	}
	checkDownload(t, dl, fmt.Sprintf("mail-%d.eml", created))
}

// checkDownload asserts the headers that keep a downloaded mail out of
// our origin.
func checkDownload(t *testing.T, res *testenv.Response, filename string) {
	t.Helper()
	for h, want := range map[string]string{
		"Content-Type":            "message/rfc822",
		"Content-Disposition":     "attachment; filename=" + filename,
		"X-Content-Type-Options":  "nosniff",
		"Content-Security-Policy": "sandbox",
	} {
		if got := res.Header.Get(h); !strings.HasPrefix(got, want) {
			t.Errorf("%s: %q, want %q", h, got, want)
		}
	}
}

func TestMailLogPagesBackwards(t *testing.T) {
	env := testenv.New(t)
	for i := 1; i <= 52; i++ {
		subject := fmt.Sprintf("Mail number %02d", i)
		recordInbound(t, env, &store.InboundMail{Sender: "x@a.example", Subject: subject, Outcome: store.MailIgnored, Reason: "flood"},
			"Subject: "+subject+"\r\n\r\nx\r\n")
	}
	c := env.Session(t, "admin")
	first := c.Get("/admin/mail").Body
	mustContain(t, "the first page", first, "Mail number 52", "Mail number 03", `rel="next"`)
	mustNotContain(t, "the first page", first, "Mail number 02", "Mail number 01")
	start := strings.Index(first, `<a href="/admin/mail?before=`)
	if start < 0 {
		t.Fatal("no link to the next page")
	}
	next := first[start+len(`<a href="`):]
	next = strings.ReplaceAll(next[:strings.Index(next, `"`)], "&amp;", "&")
	second := c.Get(next).Body
	mustContain(t, "the second page", second, "Mail number 02", "Mail number 01", "First page")
	mustNotContain(t, "the second page", second, "Mail number 03", `rel="next"`)
}
