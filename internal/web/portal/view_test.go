package portal_test

import (
	"net/http"
	"strconv"
	"testing"

	"supportal/internal/testenv"
)

func TestParticipantDoesNotReadEarlierMessagesButPrimaryContactDoes(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.colleague", "Salary export", "The first message only I received.")
	addParticipant(t, env, tk, "a.member")
	agentReply(t, env, tk, "Support answers everyone involved.", false)

	member := env.Browser(t, "a.member").Get(ticketPath(tk))
	wantStatus(t, member, http.StatusOK)
	wantText(t, member.Body, "Salary export", "Support answers everyone involved.")
	wantNoText(t, member.Body, "The first message only I received.")

	primary := env.Browser(t, "a.primary").Get(ticketPath(tk))
	wantStatus(t, primary, http.StatusOK)
	wantText(t, primary.Body, "The first message only I received.", "Support answers everyone involved.")
}

func TestInternalNotesNeverReachThePortal(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Slow reports", "Reports take minutes.")
	agentReply(t, env, tk, "Internal: customer is on the old plan.", true)
	agentReply(t, env, tk, "We are looking into it.", false)
	for _, key := range []string{"a.member", "a.primary", "a.admin"} {
		res := env.Browser(t, key).Get(ticketPath(tk))
		wantStatus(t, res, http.StatusOK)
		wantNoText(t, res.Body, "customer is on the old plan", "Internal note")
	}
	res := env.Browser(t, "a.member").Get(ticketPath(tk))
	wantText(t, res.Body, "We are looking into it.", `class="message from-agent"`, `class="message from-customer own"`)
}

func TestTicketPageShowsFieldsAndPeople(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Label printer", "Prints blank labels.")
	res := env.Browser(t, "a.member").Get(ticketPath(tk))
	wantStatus(t, res, http.StatusOK)
	wantText(t, res.Body, "#"+strconv.FormatInt(tk.Number, 10), "Label printer", `class="badge cat-new"`, "User a.member", "Org A",
		"<dd>Question</dd>", "<dd>Normal</dd>", "<time datetime=", "With support", `action="`+ticketPath(tk)+`/messages"`,
		`action="`+ticketPath(tk)+`/close"`)
	wantNoText(t, res.Body, `/reopen"`)
}
