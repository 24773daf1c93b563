package api_test

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"supportal/internal/testenv"
)

func TestParticipantWhoWasNotARecipientDoesNotGetEarlierMessage(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.colleague", "Salary question", "Only for support: my salary is wrong.")
	member := env.User(t, "a.member")
	if err := env.Store.AddParticipant(context.Background(), tk.ID, member.ID); err != nil {
		t.Fatal(err)
	}
	want(t, env.Bearer(t, "agent").JSONRequest(http.MethodPost, messagesPath(tk.Number), map[string]any{"body": "We are on it."}), http.StatusCreated)

	got := bodies(messages(t, env.Bearer(t, "a.member"), tk.Number))
	if !slices.Equal(got, []string{"We are on it."}) {
		t.Errorf("the participant reads %q, want only the reply it received", got)
	}
	got = bodies(messages(t, env.Bearer(t, "a.primary"), tk.Number))
	if len(got) != 2 {
		t.Errorf("a contact with all_correspondence reads %q, want both", got)
	}
	ms := messages(t, env.Bearer(t, "agent"), tk.Number)
	if len(ms) != 2 || !slices.Contains(ms[1].Cc, member.Email) || !slices.Contains(ms[1].To, env.User(t, "a.colleague").Email) {
		t.Errorf("recipients of the reply: %+v", ms)
	}
}

func TestInternalNotesNeverReachContacts(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Printer", "It jams.")
	agent := env.Bearer(t, "agent")
	res := agent.JSONRequest(http.MethodPost, messagesPath(tk.Number), map[string]any{"body": "Customer is grumpy.", "internal": true})
	want(t, res, http.StatusCreated)
	var note apiMessage
	res.JSON(t, &note)
	if !note.Internal || note.Kind != "note" || len(note.To)+len(note.Cc) != 0 {
		t.Errorf("note = %+v", note)
	}
	want(t, agent.JSONRequest(http.MethodPost, messagesPath(tk.Number), map[string]any{"body": "Also a note.", "kind": "note"}), http.StatusCreated)
	for _, key := range []string{"a.member", "a.primary", "a.admin"} {
		for _, m := range messages(t, env.Bearer(t, key), tk.Number) {
			if m.Internal || m.Kind == "note" {
				t.Errorf("%s reads an internal note: %+v", key, m)
			}
		}
	}
	if got := messages(t, agent, tk.Number); len(got) != 3 {
		t.Errorf("the agent reads %d messages, want 3", len(got))
	}
}

func TestContactMayNotWriteNotesOrChooseKind(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Printer", "It jams.")
	c := env.Bearer(t, "a.member")
	for _, body := range []map[string]any{
		{"body": "x", "internal": true},
		{"body": "x", "internal": false},
		{"body": "x", "kind": "phone"},
		{"body": "x", "status": "Closed"},
	} {
		if res := c.JSONRequest(http.MethodPost, messagesPath(tk.Number), body); res.StatusCode != http.StatusForbidden {
			t.Errorf("%v: status %d, want 403", body, res.StatusCode)
		}
	}
	if got := messages(t, env.Bearer(t, "agent"), tk.Number); len(got) != 1 {
		t.Errorf("refused messages were stored: %d messages", len(got))
	}
}

func TestMessageInputIsChecked(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Printer", "It jams.")
	agent := env.Bearer(t, "agent")
	for body, field := range map[string]string{
		`{"body": ""}`:                 "body",
		`{"body": "x", "kind": "sms"}`: "kind",
		`{"body": "x", "cc": ["a@b"]}`: "cc",
		`{"body": 5}`:                  "body",
	} {
		wantField(t, agent.JSONRequest(http.MethodPost, messagesPath(tk.Number), body), field)
	}
	if got := messages(t, agent, tk.Number); len(got) != 1 {
		t.Errorf("refused messages were stored: %d messages", len(got))
	}
}

func TestMemberRepliesAndMessageHTMLIsEscaped(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Printer", "")
	res := env.Bearer(t, "a.member").JSONRequest(http.MethodPost, messagesPath(tk.Number), map[string]any{"body": "<b>Help</b>\n\nplease"})
	want(t, res, http.StatusCreated)
	var m apiMessage
	res.JSON(t, &m)
	if m.Body != "<b>Help</b>\n\nplease" || m.Kind != "portal" || m.Internal {
		t.Errorf("message = %+v", m)
	}
	if m.HTML != "<p>&lt;b&gt;Help&lt;/b&gt;</p>\n<p>please</p>\n" {
		t.Errorf("html = %q", m.HTML)
	}
	if m.AuthorID == nil || *m.AuthorID != env.User(t, "a.member").ID {
		t.Errorf("author = %v", m.AuthorID)
	}
}

func TestMessageListOfContactWithoutRightToWriteIsReadOnly(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Printer", "It jams.")
	c := env.Bearer(t, "a.colleague") // sees the organization's tickets, may not comment
	res := c.Get(messagesPath(tk.Number))
	want(t, res, http.StatusOK)
	want(t, c.JSONRequest(http.MethodPost, messagesPath(tk.Number), map[string]any{"body": "Me too"}), http.StatusForbidden)
	var l apiMessageList
	res.JSON(t, &l)
	if l.Items == nil || l.NextCursor != nil {
		t.Errorf("list = %s", res.Body)
	}
}
