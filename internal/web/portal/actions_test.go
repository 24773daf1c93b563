package portal_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"supportal/internal/model"
	"supportal/internal/testenv"
)

func TestReplyToWaitingTicketHandsItBackToSupport(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Import fails", "Error 42.")
	setCategory(t, env, tk, model.CategoryWaitingCustomer, "Please send the import file.")
	c := env.Browser(t, "a.member")

	list := c.Get("/portal/tickets")
	wantText(t, list.Body, `title="Please send the import file."`, "Waiting for you")
	before := c.Get(ticketPath(tk))
	wantText(t, before.Body, "Support is waiting for your answer", "Please send the import file.", "your reply hands the ticket back to support")

	res := c.PostMultipart(ticketPath(tk)+"/messages", url.Values{"body": {"Here it is."}},
		testenv.File{Field: "attachments", Name: "import.csv", ContentType: "text/csv", Content: []byte("a;b")})
	wantStatus(t, res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); !strings.HasPrefix(loc, ticketPath(tk)+"#m") {
		t.Errorf("redirected to %q", loc)
	}
	if got := category(t, env, tk); got != model.CategoryOpen {
		t.Fatalf("after the reply the ticket is %s, want open", got)
	}
	after := c.Get(ticketPath(tk))
	wantText(t, after.Body, "Here it is.", "import.csv", "Your reply has been sent.", "With support")
	wantNoText(t, after.Body, "Please send the import file.", "Support is waiting for your answer")
}

func TestEmptyReplyIsRefusedAndKeepsTheTicketAsItWas(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Quiet ticket", "First words.")
	setCategory(t, env, tk, model.CategoryWaitingCustomer, "Which version do you use?")
	res := env.Browser(t, "a.member").PostForm(ticketPath(tk)+"/messages", url.Values{"body": {"  "}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantText(t, res.Body, "This field is required.", "Quiet ticket", "First words.")
	if got := category(t, env, tk); got != model.CategoryWaitingCustomer {
		t.Fatalf("a refused reply moved the ticket to %s", got)
	}
}

func TestOtherOrganizationCannotReplyOrChangeTicket(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "A only", "")
	c := env.Browser(t, "b.admin")
	for _, path := range []string{"/messages", "/close", "/reopen"} {
		wantStatus(t, c.PostForm(ticketPath(tk)+path, url.Values{"body": {"intrusion"}}), http.StatusNotFound)
	}
	page := env.Browser(t, "a.member").Get(ticketPath(tk))
	wantNoText(t, page.Body, "intrusion")
	if got := category(t, env, tk); got != model.CategoryNew {
		t.Fatalf("ticket moved to %s", got)
	}
}

func TestReopenResolvedTicket(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Fixed, or is it?", "")
	setCategory(t, env, tk, model.CategoryResolved, "")
	c := env.Browser(t, "a.member")
	page := c.Get(ticketPath(tk))
	wantText(t, page.Body, "This ticket is resolved", `action="`+ticketPath(tk)+`/reopen"`)

	res := c.PostForm(ticketPath(tk)+"/reopen", nil)
	wantStatus(t, res, http.StatusSeeOther)
	if got := category(t, env, tk); got != model.CategoryOpen {
		t.Fatalf("after reopening the ticket is %s", got)
	}
	wantText(t, c.Get(ticketPath(tk)).Body, "The ticket has been reopened.")
	// An open ticket cannot be reopened again.
	wantStatus(t, c.PostForm(ticketPath(tk)+"/reopen", nil), http.StatusForbidden)
}

func TestRequesterClosesOwnTicket(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "No longer needed", "")
	c := env.Browser(t, "a.member")
	wantStatus(t, c.PostForm(ticketPath(tk)+"/close", nil), http.StatusSeeOther)
	if got := category(t, env, tk); got != model.CategoryClosed {
		t.Fatalf("after closing the ticket is %s", got)
	}
	page := c.Get(ticketPath(tk))
	wantText(t, page.Body, "The ticket has been closed.", `action="`+ticketPath(tk)+`/reopen"`, "Your reply reopens the ticket")
	wantNoText(t, page.Body, `/close"`)
}

func TestMemberCannotCloseColleagueTicketItTakesPartIn(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.colleague", "Colleague's ticket", "")
	addParticipant(t, env, tk, "a.member")
	c := env.Browser(t, "a.member")
	page := c.Get(ticketPath(tk))
	wantStatus(t, page, http.StatusOK)
	wantNoText(t, page.Body, `/close"`)
	wantText(t, page.Body, `/messages"`) // a participant may still reply
	res := c.PostForm(ticketPath(tk)+"/close", nil)
	wantStatus(t, res, http.StatusForbidden)
	if got := category(t, env, tk); got != model.CategoryNew {
		t.Fatalf("ticket moved to %s", got)
	}
	// The primary contact may comment on the organization's tickets and
	// therefore close them.
	wantStatus(t, env.Browser(t, "a.primary").PostForm(ticketPath(tk)+"/close", nil), http.StatusSeeOther)
}
