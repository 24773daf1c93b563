package desk_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"supportal/internal/mailparse"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

// hostileHTML is mail HTML that would run script, send requests or break
// out of its place if a page showed it as it came.
const hostileHTML = `<html><head><style>body{background:url(https://evil.example/bg)}</style>
<meta http-equiv="refresh" content="0;url=https://evil.example/"></head><body>
<p>Marker text of the mail <b>in bold</b>.</p>
<script>document.title = "owned"</script>
<img src=x onerror="document.title='owned'">
<svg onload="alert(1)"><circle r="1"/></svg>
<a href="javascript:alert(2)">click</a>
<a href="https://help.example/faq" target="_self">the FAQ</a>
<img src="cid:logo@example.com" alt="Our logo">
<img src="cid:missing@example.com" alt="gone">
<img src="https://tracker.example/pixel.png" alt="pixel">
<iframe srcdoc="<script>alert(3)</script>"></iframe>
<form action="https://evil.example/"><input name="q"></form>
</body></html>`

// received is a mail as the mail pipeline stores it.
type received struct {
	author       string // user key
	sender       string // From address; "" for the author's own
	body, html   string // html is sanitised before it is stored
	auto         bool
	flags        string
	raw          string // the mail as it arrived; "" stores none
	inline, file bool   // an inline image with Content-ID logo@example.com; a listed file
}

// receivedMail is what receive stored.
type receivedMail struct {
	id, inline, file int64
}

// receive stores a received mail on tk, with its files, in one
// transaction, as the mail pipeline does.
func receive(t *testing.T, env *testenv.Env, tk *model.Ticket, m received) receivedMail {
	t.Helper()
	ctx := context.Background()
	author := env.User(t, m.author)
	if m.sender == "" {
		m.sender = author.Email
	}
	var out receivedMail
	var rawKey string
	if m.raw != "" {
		key, _, err := env.App.Blobs.Put(ctx, strings.NewReader(m.raw), 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		rawKey = key
	}
	upload := func(q *store.Queries, name, contentType, content, cid string, inline bool) (int64, error) {
		key, size, err := env.App.Blobs.Put(ctx, strings.NewReader(content), 1<<20)
		if err != nil {
			return 0, err
		}
		a, err := q.CreateUpload(ctx, store.NewUpload{UploaderID: author.ID, Name: name, Size: size, ContentType: contentType,
			BlobKey: key, ContentID: cid, Inline: inline})
		if err != nil {
			return 0, err
		}
		return a.ID, nil
	}
	err := env.Store.InTx(ctx, func(q *store.Queries) error {
		var ids []int64
		var err error
		if m.inline {
			if out.inline, err = upload(q, "logo.png", "image/png", "\x89PNG\r\n\x1a\nlogo", "logo@example.com", true); err != nil {
				return err
			}
			ids = append(ids, out.inline)
		}
		if m.file {
			if out.file, err = upload(q, "report.pdf", "application/pdf", "%PDF-1.4 report", "", false); err != nil {
				return err
			}
			ids = append(ids, out.file)
		}
		html := ""
		if m.html != "" {
			html = mailparse.Sanitize(m.html)
		}
		out.id, err = q.CreateMessage(ctx, store.NewMessage{TicketID: tk.ID, Kind: model.KindEmailIn, AuthorID: author.ID,
			Body: m.body, HTML: html, Sender: m.sender, RawKey: rawKey, Auto: m.auto, Flags: m.flags, Attachments: ids})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// bodyPath is the address of the frame document of message id on tk.
func bodyPath(tk *model.Ticket, id int64) string {
	return fmt.Sprintf("%s/messages/%d/body", path(tk), id)
}

const framePolicy = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"

func TestMailHTMLIsShownInSandboxedFrameNeverInPage(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Newsletter trouble", "")
	m := receive(t, env, tk, received{author: "a.member", body: "Marker text of the mail in bold.", html: hostileHTML, inline: true, file: true})

	page := env.Session(t, "agent").Get(path(tk))
	if page.StatusCode != http.StatusOK {
		t.Fatalf("status %d", page.StatusCode)
	}
	frame := fmt.Sprintf(`<iframe class="mail-frame" sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox" src="%s"`, bodyPath(tk, m.id))
	if !strings.Contains(page.Body, frame) {
		t.Errorf("the page has no sandboxed frame for the mail:\n%s", page.Body)
	}
	for _, inline := range []string{"Marker text of the mail", "<b>in bold</b>", "tracker.example", "document.title", "onerror", "cid:"} {
		if strings.Contains(page.Body, inline) {
			t.Errorf("the page itself contains %q from the mail", inline)
		}
	}
	if strings.Contains(page.Body, "logo.png") || !strings.Contains(page.Body, fmt.Sprintf(`href="/desk/attachments/%d"`, m.file)) {
		t.Error("the inline image is listed as a file, or the real file is not")
	}
	show := link(page.Body, "Show remote images")
	if show != fmt.Sprintf("%s?remote=%d#message-%d", path(tk), m.id, m.id) {
		t.Errorf("the link to show remote images goes to %q", show)
	}
	if !strings.Contains(page.Body, `<script src="/static/frames.js`) {
		t.Error("the page does not load the script that fits frames to their content")
	}

	// With remote images asked for, the frame's address carries it.
	page = env.Session(t, "agent").Get(show)
	if !strings.Contains(page.Body, `src="`+bodyPath(tk, m.id)+`?remote=1"`) || link(page.Body, "Block remote images again") == "" {
		t.Error("after asking, the frame does not load remote images or cannot block them again")
	}
}

func TestMailFrameDocumentHasItsOwnStrictPolicyAndResolvesInlineImages(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Newsletter trouble", "")
	m := receive(t, env, tk, received{author: "a.member", body: "Marker text", html: hostileHTML, inline: true})
	c := env.Session(t, "agent")

	res := c.Get(bodyPath(tk, m.id))
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("status %d, type %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	for h, want := range map[string]string{
		"Content-Security-Policy": framePolicy,
		"X-Frame-Options":         "SAMEORIGIN",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "no-referrer",
	} {
		if got := res.Header.Get(h); got != want {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
	if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "private") {
		t.Errorf("Cache-Control = %q, want private", cc)
	}
	if !strings.Contains(res.Body, "Marker text of the mail <b>in bold</b>") {
		t.Errorf("the document does not show the mail:\n%s", res.Body)
	}
	if !strings.Contains(res.Body, fmt.Sprintf(`src="/desk/attachments/%d"`, m.inline)) {
		t.Errorf("the inline image does not point at its attachment:\n%s", res.Body)
	}
	for _, bad := range []string{"cid:", "<script", "onerror", "onload", "javascript:", "<svg", "<iframe", "<form", "<meta http-equiv", "evil.example", "gone"} {
		if strings.Contains(strings.ToLower(res.Body), bad) {
			t.Errorf("the document contains %q", bad)
		}
	}
	if !strings.Contains(res.Body, `<a href="https://help.example/faq" target="_blank" rel="noopener noreferrer nofollow">the FAQ</a>`) {
		t.Error("links in the mail do not open outside the frame")
	}

	remote := c.Get(bodyPath(tk, m.id) + "?remote=1")
	if got := remote.Header.Get("Content-Security-Policy"); !strings.Contains(got, "img-src 'self' data: https: http:;") || !strings.Contains(got, "default-src 'none'") {
		t.Errorf("with remote=1 the policy is %q", got)
	}

	// The inline image itself loads for the frame.
	img := c.Get(fmt.Sprintf("/desk/attachments/%d", m.inline))
	if img.StatusCode != http.StatusOK || img.Header.Get("Content-Type") != "image/png" {
		t.Errorf("the inline image answers %d as %q", img.StatusCode, img.Header.Get("Content-Type"))
	}
}

func TestMailFrameIsNotFoundForAgentOutsideTheTeam(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Newsletter trouble", "")
	m := receive(t, env, tk, received{author: "a.member", body: "Marker", html: "<p>Marker</p>", raw: "Subject: x\r\n\r\nMarker\r\n"})
	other := env.Session(t, "agent2")
	for _, p := range []string{bodyPath(tk, m.id), fmt.Sprintf("%s/messages/%d/raw", path(tk), m.id)} {
		res := other.Get(p)
		if res.StatusCode != http.StatusNotFound || strings.Contains(res.Body, "Marker") {
			t.Errorf("%s: status %d for an agent of another team, want 404", p, res.StatusCode)
		}
		if res.Header.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: the 404 page has X-Frame-Options %q, want the page default", p, res.Header.Get("X-Frame-Options"))
		}
	}
	// A message of another ticket is not reachable through this one.
	tk2 := env.Ticket(t, "a.member", "Another", "Hello")
	if res := env.Session(t, "agent").Get(bodyPath(tk2, m.id)); res.StatusCode != http.StatusNotFound {
		t.Errorf("the message through another ticket: status %d, want 404", res.StatusCode)
	}
}

func TestAgentDownloadsRawMailAsAttachment(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Printer", "")
	raw := "From: a.member@a.example\r\nSubject: <img src=x onerror=alert(1)>\r\n\r\nThe printer is on fire.\r\n"
	m := receive(t, env, tk, received{author: "a.member", body: "The printer is on fire.", raw: raw})
	c := env.Session(t, "agent")

	page := c.Get(path(tk))
	rawURL := link(page.Body, "Raw message")
	if rawURL != fmt.Sprintf("%s/messages/%d/raw", path(tk), m.id) {
		t.Fatalf("the raw message link goes to %q", rawURL)
	}
	res := c.Get(rawURL)
	if res.StatusCode != http.StatusOK || res.Body != raw {
		t.Fatalf("status %d, body %q", res.StatusCode, res.Body)
	}
	want := fmt.Sprintf("attachment; filename=ticket-%d-message-%d.eml", tk.Number, m.id)
	for h, v := range map[string]string{
		"Content-Type": "message/rfc822", "Content-Disposition": want, "X-Content-Type-Options": "nosniff",
	} {
		if got := res.Header.Get(h); got != v {
			t.Errorf("%s = %q, want %q", h, got, v)
		}
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.HasPrefix(csp, "sandbox") {
		t.Errorf("Content-Security-Policy = %q, want a sandbox", csp)
	}

	// A message that did not come by mail has nothing raw.
	reply := c.PostForm(path(tk)+"/messages", url.Values{"body": {"On it."}, "visibility": {"public"}})
	if reply.StatusCode != http.StatusSeeOther {
		t.Fatalf("reply: %d", reply.StatusCode)
	}
	msgs, err := env.Store.Messages(context.Background(), tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	last := msgs[len(msgs)-1]
	if res := c.Get(fmt.Sprintf("%s/messages/%d/raw", path(tk), last.ID)); res.StatusCode != http.StatusNotFound {
		t.Errorf("raw of a reply written in the desk: status %d, want 404", res.StatusCode)
	}
	if n := strings.Count(c.Get(path(tk)).Body, ">Raw message</a>"); n != 1 {
		t.Errorf("%d raw message links, want 1 (the received mail only)", n)
	}
}

func TestQuotedConversationIsFoldedBelowTheNewText(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Export", "")
	body := "Thanks, the export <works> now.\n\nOn Mon, 3 Mar 2025 at 10:00, Support <support@example.com> wrote:\n> Please try the new version.\n> It fixes the export.\n"
	receive(t, env, tk, received{author: "a.member", body: body})
	page := env.Session(t, "agent").Get(path(tk)).Body

	fresh := strings.Index(page, "Thanks, the export &lt;works&gt; now.")
	details := strings.Index(page, `<details class="mail-quote">`)
	quoted := strings.Index(page, "&gt; Please try the new version.")
	if fresh < 0 || details < 0 || quoted < 0 || !(fresh < details && details < quoted) {
		t.Fatalf("want the new text, then a fold with the quote (at %d, %d, %d):\n%s", fresh, details, quoted, page)
	}
	if !strings.Contains(page[details:], "<summary>Show quoted text</summary>") {
		t.Error("the fold has no summary")
	}
	if strings.Contains(page[:details], "Please try the new version") {
		t.Error("the quote also shows outside the fold")
	}
}

func TestReceivedMailShowsSenderAutoReplyAndWarningsToAgents(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Out of office", "")
	receive(t, env, tk, received{author: "a.member", sender: "member.private@elsewhere.example", body: "I am away until Monday.",
		auto: true, flags: "dmarc-fail unverified-thread"})
	receive(t, env, tk, received{author: "a.member", body: "Back again."})
	page := env.Session(t, "agent").Get(path(tk)).Body
	for _, want := range []string{
		"from member.private@elsewhere.example",
		`title="Sent automatically (an auto-reply or a bounce): no one was notified."`,
		">Automatic reply</span>",
		"The sender&#39;s address could not be verified (DMARC failed).",
		"It could not be verified that this mail belongs to the conversation it refers to.",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the desk does not show %q", want)
		}
	}
	if n := strings.Count(page, `class="mail-from"`); n != 1 {
		t.Errorf("the sender shows on %d messages, want 1 (the one from another address)", n)
	}
}

func TestLinkedTicketsAreListedWhenTheAgentMaySeeThem(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	tk := env.Ticket(t, "a.member", "Original request", "")
	related := env.Ticket(t, "a.member", "Follow-up <by mail>", "")
	hidden := env.Ticket(t, "a.member", "Escalated elsewhere", "")
	team := env.Teams["2nd level"]
	if err := env.Store.UpdateTicket(ctx, hidden.ID, store.TicketUpdate{TeamID: &team}); err != nil {
		t.Fatal(err)
	}
	for _, other := range []*model.Ticket{related, hidden} {
		if err := env.Store.LinkTickets(ctx, tk.ID, other.ID, "related"); err != nil {
			t.Fatal(err)
		}
	}
	page := env.Session(t, "agent").Get(path(tk)).Body
	if !strings.Contains(page, "Linked tickets") || link(page, "#"+strconv.FormatInt(related.Number, 10)) != path(related) {
		t.Fatalf("the linked ticket is not listed with a link:\n%s", page)
	}
	if !strings.Contains(page, "Follow-up &lt;by mail&gt;") || !strings.Contains(page, ">Related</span>") {
		t.Error("the linked ticket's subject or kind is missing")
	}
	if strings.Contains(page, "Escalated elsewhere") {
		t.Error("a linked ticket the agent may not see is listed")
	}
	if admin := env.Session(t, "admin").Get(path(tk)).Body; !strings.Contains(admin, "Escalated elsewhere") {
		t.Error("the admin, who sees every ticket, does not get the second link")
	}
	back := env.Session(t, "agent").Get(path(related)).Body
	if link(back, "#"+strconv.FormatInt(tk.Number, 10)) != path(tk) {
		t.Error("the link does not show from the other side")
	}
}

func TestFailedMailShowsInHistory(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Bounce", "")
	err := env.Store.AddEvent(context.Background(), model.Event{TicketID: tk.ID, Field: "mail_failed",
		New: "a.member@a.example: 550 5.1.1 <a.member@a.example>: mailbox unknown"})
	if err != nil {
		t.Fatal(err)
	}
	page := env.Session(t, "agent").Get(path(tk)).Body
	if !strings.Contains(page, "Mail to a.member@a.example could not be delivered: 550 5.1.1 &lt;a.member@a.example&gt;: mailbox unknown") {
		t.Errorf("the history does not tell of the failed mail:\n%s", page)
	}
}

func TestAgentEditsSignatureInProfile(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "agent")
	if list := c.Get("/desk/tickets").Body; link(list, "Your profile and signature") != "/desk/profile" {
		t.Error("the desk does not link to the profile")
	}
	page := c.Get("/desk/profile")
	if page.StatusCode != http.StatusOK || !strings.Contains(page.Body, `<textarea name="signature"`) {
		t.Fatalf("profile: status %d", page.StatusCode)
	}

	sig := "Kind regards\r\nAnna <Support>\r\n"
	res := c.PostForm("/desk/profile", url.Values{"signature": {sig}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/desk/profile" {
		t.Fatalf("save: status %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	stored, err := env.Store.Signature(context.Background(), env.User(t, "agent").ID)
	if err != nil || stored != "Kind regards\nAnna <Support>" {
		t.Fatalf("stored %q (%v)", stored, err)
	}
	page = c.Get("/desk/profile")
	if !strings.Contains(page.Body, "Your profile has been saved.") || !strings.Contains(page.Body, "Kind regards\nAnna &lt;Support&gt;</textarea>") {
		t.Errorf("the saved signature is not shown escaped:\n%s", page.Body)
	}

	long := strings.Repeat("é", 2001)
	res = c.PostForm("/desk/profile", url.Values{"signature": {long}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "This is too long.") || !strings.Contains(res.Body, long) {
		t.Errorf("too long: status %d, want 422 with the message and the text kept", res.StatusCode)
	}
	if stored, _ := env.Store.Signature(context.Background(), env.User(t, "agent").ID); stored != "Kind regards\nAnna <Support>" {
		t.Errorf("the refused signature was stored: %q", stored)
	}
	if res := c.PostForm("/desk/profile", url.Values{"signature": {strings.Repeat("é", 2000)}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("2,000 characters: status %d, want 303", res.StatusCode)
	}
	if other, _ := env.Store.Signature(context.Background(), env.User(t, "agent2").ID); other != "" {
		t.Errorf("another agent's signature changed: %q", other)
	}
}
