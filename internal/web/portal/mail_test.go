package portal_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"supportal/internal/mailparse"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

// hostileHTML is mail HTML that would run script or load what it likes if
// a page showed it as it came.
const hostileHTML = `<p>Marker text of the mail <b>in bold</b>.</p>
<script>document.title = "owned"</script>
<img src=x onerror="document.title='owned'">
<svg onload="alert(1)"></svg>
<img src="cid:logo@example.com" alt="Our logo">
<img src="https://tracker.example/pixel.png" alt="pixel">
<form action="https://evil.example/"><input name="q"></form>`

// mailOf stores a mail from the user under key on tk as the mail
// pipeline does: its sanitised HTML, an inline image (Content-ID
// logo@example.com) and a listed file. It returns the message id and the
// ids of the two files.
func mailOf(t *testing.T, env *testenv.Env, tk *model.Ticket, key, body, htmlBody string) (id, inline, file int64) {
	t.Helper()
	ctx := context.Background()
	author := env.User(t, key)
	put := func(q *store.Queries, name, contentType, content, cid string, isInline bool) int64 {
		blob, size, err := env.App.Blobs.Put(ctx, strings.NewReader(content), 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		a, err := q.CreateUpload(ctx, store.NewUpload{UploaderID: author.ID, Name: name, Size: size, ContentType: contentType,
			BlobKey: blob, ContentID: cid, Inline: isInline})
		if err != nil {
			t.Fatal(err)
		}
		return a.ID
	}
	err := env.Store.InTx(ctx, func(q *store.Queries) error {
		var ids []int64
		if htmlBody != "" {
			inline = put(q, "logo.png", "image/png", "\x89PNG\r\n\x1a\nlogo", "logo@example.com", true)
			file = put(q, "invoice.pdf", "application/pdf", "%PDF-1.4 invoice", "", false)
			ids = []int64{inline, file}
		}
		var err error
		id, err = q.CreateMessage(ctx, store.NewMessage{TicketID: tk.ID, Kind: model.KindEmailIn, AuthorID: author.ID,
			Body: body, HTML: mailparse.Sanitize(htmlBody), Sender: author.Email, Attachments: ids})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id, inline, file
}

func messageBodyPath(tk *model.Ticket, id int64) string {
	return fmt.Sprintf("%s/messages/%d/body", ticketPath(tk), id)
}

func TestPortalShowsMailHTMLOnlyInSandboxedFrame(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Invoice question", "")
	id, inline, file := mailOf(t, env, tk, "a.member", "Marker text of the mail in bold.", hostileHTML)
	c := env.Browser(t, "a.member")

	page := c.Get(ticketPath(tk))
	wantStatus(t, page, http.StatusOK)
	wantText(t, page.Body,
		fmt.Sprintf(`<iframe class="mail-frame" sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox" src="%s"`, messageBodyPath(tk, id)),
		fmt.Sprintf(`href="/portal/attachments/%d"`, file), "Show remote images")
	wantNoText(t, page.Body, "Marker text of the mail", "<b>in bold</b>", "tracker.example", "document.title", "logo.png",
		fmt.Sprintf(`href="/portal/attachments/%d"`, inline))

	res := c.Get(messageBodyPath(tk, id))
	wantStatus(t, res, http.StatusOK)
	const policy = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
	if got := res.Header.Get("Content-Security-Policy"); got != policy {
		t.Errorf("Content-Security-Policy = %q, want %q", got, policy)
	}
	if res.Header.Get("X-Frame-Options") != "SAMEORIGIN" || res.Header.Get("Referrer-Policy") != "no-referrer" {
		t.Errorf("frame headers: %v", res.Header)
	}
	wantText(t, res.Body, "Marker text of the mail <b>in bold</b>", fmt.Sprintf(`src="/portal/attachments/%d"`, inline))
	wantNoText(t, res.Body, "cid:", "<script", "onerror", "<svg", "<form", "evil.example")
	if got := c.Get(messageBodyPath(tk, id) + "?remote=1").Header.Get("Content-Security-Policy"); !strings.Contains(got, "img-src 'self' data: https: http:;") {
		t.Errorf("with remote=1 the policy is %q", got)
	}
	if img := c.Get(fmt.Sprintf("/portal/attachments/%d", inline)); img.StatusCode != http.StatusOK {
		t.Errorf("the inline image answers %d to its reader", img.StatusCode)
	}
}

func TestMailFrameAnswers404ToContactsWhoMayNotReadTheMessage(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Invoice question", "")
	id, _, _ := mailOf(t, env, tk, "a.member", "Only for the member.", "<p>Only for the member.</p>")
	agentReply(t, env, tk, "Internal: check the contract first.", true)
	msgs, err := env.Store.Messages(context.Background(), tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	note := msgs[len(msgs)-1]
	if !note.Internal {
		t.Fatal("the last message is not the note")
	}

	for key, want := range map[string]int{
		"a.member": http.StatusOK, "a.primary": http.StatusOK, // the writer; and all_correspondence
		"a.colleague": http.StatusNotFound, // sees the ticket in the list, not this message
		"b.member":    http.StatusNotFound, "b.admin": http.StatusNotFound,
	} {
		res := env.Session(t, key).Get(messageBodyPath(tk, id))
		if res.StatusCode != want {
			t.Errorf("%s: status %d, want %d", key, res.StatusCode, want)
		}
		if want == http.StatusNotFound && strings.Contains(res.Body, "Only for the member") {
			t.Errorf("%s reads the message in the 404 page", key)
		}
	}
	for _, key := range []string{"a.member", "a.primary", "a.admin"} {
		res := env.Session(t, key).Get(messageBodyPath(tk, note.ID))
		if res.StatusCode != http.StatusNotFound || strings.Contains(res.Body, "check the contract") {
			t.Errorf("%s: the internal note's body answers %d, want 404", key, res.StatusCode)
		}
	}
	c := env.Session(t, "a.member")
	missing := c.Get(messageBodyPath(tk, note.ID+1000))
	denied := c.Get(messageBodyPath(tk, note.ID))
	if missing.StatusCode != http.StatusNotFound || missing.Body != denied.Body {
		t.Error("a message the contact may not read does not answer exactly like a missing one")
	}
}

func TestPortalFoldsQuotedConversation(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Export", "")
	body := "It works now, thank you!\n\nAm 3. März 2025 um 10:00 schrieb Support <support@example.com>:\n> Bitte versuchen Sie die neue Version.\n"
	mailOf(t, env, tk, "a.member", body, "")
	page := env.Browser(t, "a.member").Get(ticketPath(tk)).Body
	fresh := strings.Index(page, "It works now, thank you!")
	details := strings.Index(page, `<details class="mail-quote">`)
	quoted := strings.Index(page, "&gt; Bitte versuchen Sie die neue Version.")
	if fresh < 0 || details < 0 || quoted < 0 || !(fresh < details && details < quoted) {
		t.Fatalf("want the new text, then a fold with the quote (at %d, %d, %d):\n%s", fresh, details, quoted, page)
	}
	wantText(t, page[details:], "<summary>Show quoted text</summary>")
}

func TestNewTicketFormOffersCopyByMail(t *testing.T) {
	env := testenv.New(t)
	c := env.Browser(t, "a.member")
	form := c.Get("/portal/tickets/new")
	wantText(t, form.Body, `<input type="checkbox" name="copy_to_me" value="1"> Send me a copy by email`)

	// A form that must be corrected keeps the box ticked.
	res := c.PostForm("/portal/tickets", url.Values{"subject": {""}, "body": {"Something"}, "copy_to_me": {"1"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantText(t, res.Body, `<input type="checkbox" name="copy_to_me" value="1" checked> Send me a copy by email`)

	// The copy is queued for the contact only when asked for.
	for _, tc := range []struct {
		subject string
		form    url.Values
		copies  int
	}{
		{"Without a copy", url.Values{}, 0},
		{"With a copy", url.Values{"copy_to_me": {"1"}}, 1},
	} {
		tc.form.Set("subject", tc.subject)
		tc.form.Set("body", "Something")
		res := c.PostForm("/portal/tickets", tc.form)
		wantStatus(t, res, http.StatusSeeOther)
		if n := copiesOf(t, env, tc.subject); n != tc.copies {
			t.Errorf("%s: %d copies queued, want %d", tc.subject, n, tc.copies)
		}
	}
}

// copiesOf counts the copies of a request in the outbox whose subject
// names the ticket's.
func copiesOf(t *testing.T, env *testenv.Env, subject string) int {
	t.Helper()
	mails, err := env.Store.OutboxMails(context.Background(), store.OutboxFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, m := range mails {
		if m.Kind == "copy" && strings.Contains(m.Subject, subject) {
			n++
		}
	}
	return n
}
