package desk_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"supportal/internal/testenv"
)

func TestInternalNoteIsMarkedAndNeverShownToContact(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Export fails", "It says error 42.")
	c := env.Browser(t, "agent")

	res := c.PostForm(path(tk)+"/messages", url.Values{"body": {"Customer is on the old version."}, "visibility": {"internal"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("note: status %d\n%s", res.StatusCode, res.Body)
	}
	res = c.PostForm(path(tk)+"/messages", url.Values{"body": {"Please update to 2.1."}, "visibility": {"public"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("reply: status %d", res.StatusCode)
	}

	page := c.Get(path(tk)).Body
	note := regexp.MustCompile(`(?s)<li class="message internal[^"]*"[^>]*>.*?Customer is on the old version\.`)
	if !note.MatchString(page) || !strings.Contains(page, "Please update to 2.1.") {
		t.Error("the desk does not show the note marked internal beside the reply")
	}

	contact := env.User(t, "a.member")
	seen, _, err := env.App.Tickets.Get(context.Background(), contact, tk.Number)
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := env.App.Tickets.Messages(context.Background(), contact, seen)
	if err != nil {
		t.Fatal(err)
	}
	var bodies []string
	for _, m := range msgs {
		bodies = append(bodies, m.Body)
	}
	all := strings.Join(bodies, "\n")
	if strings.Contains(all, "old version") || !strings.Contains(all, "Please update to 2.1.") {
		t.Errorf("the contact reads %q", all)
	}
	portal := env.Browser(t, "a.member").Get("/portal/tickets/" + strconv.FormatInt(tk.Number, 10))
	if portal.StatusCode == http.StatusOK && strings.Contains(portal.Body, "old version") {
		t.Error("the portal page shows the internal note")
	}
}

func TestReplyWithStatusSetsBoth(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Export fails", "")
	c := env.Browser(t, "agent")
	res := c.PostForm(path(tk)+"/messages", url.Values{"body": {"Which version do you use?"}, "visibility": {"public"}, "status": {"Waiting for customer"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Say what you are waiting for") {
		t.Fatalf("waiting without reason: status %d, want 422", res.StatusCode)
	}
	if !strings.Contains(res.Body, "Which version do you use?") {
		t.Error("the refused reply is not kept in the form")
	}
	if got := reload(t, env, tk); got.Status.Name != "New" || len(mustMessages(t, env, tk.Number)) != 0 {
		t.Fatal("the refused reply changed the ticket")
	}
	res = c.PostForm(path(tk)+"/messages", url.Values{"body": {"Which version do you use?"}, "visibility": {"public"},
		"status": {"Waiting for customer"}, "reason": {"The version number"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("status %d", res.StatusCode)
	}
	if got := reload(t, env, tk); got.Status.Name != "Waiting for customer" || got.WaitingReason != "The version number" {
		t.Errorf("ticket is %q with %q", got.Status.Name, got.WaitingReason)
	}
}

func TestEmptyReplyIsRefused(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Export fails", "")
	c := env.Browser(t, "agent")
	for _, form := range []url.Values{
		{"body": {"   "}, "visibility": {"public"}},
		{"body": {"hello"}, "visibility": {"shouting"}},
		{"body": {"hello"}, "visibility": {"public"}, "status": {"Exploded"}},
		{"body": {"hello"}, "visibility": {"public"}, "upload": {"not-a-number"}},
	} {
		if res := c.PostForm(path(tk)+"/messages", form); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%v: status %d, want 422", form, res.StatusCode)
		}
	}
	if n := len(mustMessages(t, env, tk.Number)); n != 0 {
		t.Errorf("%d messages were added", n)
	}
}

func TestScriptInReplyIsShownEscaped(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Export fails", "")
	c := env.Browser(t, "agent")
	payload := `<script>alert(1)</script><img src=x onerror=alert(2)>`
	if res := c.PostForm(path(tk)+"/messages", url.Values{"body": {payload}, "visibility": {"public"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("status %d", res.StatusCode)
	}
	page := c.Get(path(tk)).Body
	if strings.Contains(page, "<script>alert(1)") || strings.Contains(page, "<img src=x") {
		t.Error("the reply's markup reaches the page")
	}
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;") {
		t.Error("the reply is not shown as escaped text")
	}
}

func TestReplyAttachmentIsServedToTeamOnly(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Export fails", "")
	c := env.Browser(t, "agent")
	file := testenv.File{Field: "attachments", Name: `log "1".txt`, ContentType: "text/plain", Content: []byte("line one\n")}

	// A refused reply keeps the uploaded file for the next try.
	res := c.PostMultipart(path(tk)+"/messages", url.Values{"body": {"Log attached"}, "visibility": {"internal"}, "status": {"Waiting for customer"}}, file)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", res.StatusCode)
	}
	kept := regexp.MustCompile(`name="upload" value="(\d+)"`).FindStringSubmatch(res.Body)
	if kept == nil || !strings.Contains(res.Body, "log &#34;1&#34;.txt") {
		t.Fatal("the refused reply does not keep its file")
	}
	res = c.PostMultipart(path(tk)+"/messages", url.Values{"body": {"Log attached"}, "visibility": {"internal"}, "upload": {kept[1]}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("status %d\n%s", res.StatusCode, res.Body)
	}

	m := regexp.MustCompile(`<a href="(/desk/attachments/\d+)" download>`).FindStringSubmatch(c.Get(path(tk)).Body)
	if m == nil {
		t.Fatal("no attachment link on the ticket page")
	}
	dl := c.Get(m[1])
	if dl.StatusCode != http.StatusOK || dl.Body != "line one\n" || !strings.HasPrefix(dl.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("download: status %d, disposition %q", dl.StatusCode, dl.Header.Get("Content-Disposition"))
	}
	if res := env.Browser(t, "agent2").Get(m[1]); res.StatusCode != http.StatusNotFound {
		t.Errorf("agent of another team: status %d, want 404", res.StatusCode)
	}
	if res := env.Browser(t, "a.member").Get(m[1]); res.StatusCode != http.StatusNotFound {
		t.Errorf("contact on the desk address: status %d, want 404", res.StatusCode)
	}
}

func mustMessages(t *testing.T, env *testenv.Env, number int64) []string {
	t.Helper()
	tk, err := env.Store.Ticket(context.Background(), number)
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := env.Store.Messages(context.Background(), tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range msgs {
		out = append(out, m.Body)
	}
	return out
}
