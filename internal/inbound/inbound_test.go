package inbound_test

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"supportal/internal/config"
	"supportal/internal/inbound"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
	"supportal/internal/ticket"
)

var seq atomic.Int64

// mail is a message as a mail client writes it.
type mail struct {
	from, to, cc, subject, body string
	messageID, inReplyTo, refs  string
	headers                     []string
}

func (m mail) bytes() []byte {
	if m.messageID == "" {
		m.messageID = fmt.Sprintf("<m%d.%d@client.example>", seq.Add(1), testSeed)
	}
	if m.to == "" {
		m.to = "support@localhost"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\n", m.from, m.to)
	if m.cc != "" {
		fmt.Fprintf(&b, "Cc: %s\r\n", m.cc)
	}
	fmt.Fprintf(&b, "Subject: %s\r\nMessage-ID: %s\r\nDate: Mon, 23 Nov 2026 10:00:00 +0100\r\n", m.subject, m.messageID)
	if m.inReplyTo != "" {
		fmt.Fprintf(&b, "In-Reply-To: %s\r\n", m.inReplyTo)
	}
	if m.refs != "" {
		fmt.Fprintf(&b, "References: %s\r\n", m.refs)
	}
	for _, h := range m.headers {
		b.WriteString(h + "\r\n")
	}
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n")
	b.WriteString(strings.ReplaceAll(m.body, "\n", "\r\n"))
	return []byte(b.String())
}

var testSeed = seq.Add(1000)

func ingest(t *testing.T, env *testenv.Env, m mail) *inbound.Result {
	t.Helper()
	res, err := env.App.Inbound.Ingest(context.Background(), m.bytes(), inbound.Source{Kind: inbound.SourcePipe})
	if err != nil {
		t.Fatalf("ingest %q: %v", m.subject, err)
	}
	return res
}

func ticketOf(t *testing.T, env *testenv.Env, number int64) (*model.Ticket, []*model.Message) {
	t.Helper()
	ctx := context.Background()
	tk, err := env.App.Store.Ticket(ctx, number)
	if err != nil {
		t.Fatalf("ticket %d: %v", number, err)
	}
	msgs, err := env.App.Store.Messages(ctx, tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	return tk, msgs
}

func TestNewMailFromKnownContactOpensTicket(t *testing.T) {
	env := testenv.New(t)
	res := ingest(t, env, mail{from: "User a.member <a.member@a.example>", subject: "Printer broken",
		body: "The printer in hall 3 prints blank pages.", cc: "a.colleague@a.example, stranger@elsewhere.example"})
	if !res.Created || res.Ticket == 0 {
		t.Fatalf("result %+v, want a new ticket", res)
	}
	tk, msgs := ticketOf(t, env, res.Ticket)
	member := env.User(t, "a.member")
	if tk.RequesterID != member.ID || tk.OrgID != env.OrgA.ID || tk.Channel != model.ChannelEmail || tk.Subject != "Printer broken" {
		t.Errorf("ticket %+v", tk)
	}
	if tk.TeamName != "1st level" || tk.Status.Category != model.CategoryNew {
		t.Errorf("team %q status %q, want the default team and new", tk.TeamName, tk.Status.Name)
	}
	if !tk.IsParty(env.User(t, "a.colleague").ID) {
		t.Error("a colleague in Cc did not become a participant")
	}
	if len(tk.Participants) != 1 {
		t.Errorf("participants %v: a stranger in Cc must not become one", tk.Participants)
	}
	if len(msgs) != 1 || msgs[0].Kind != model.KindEmailIn || msgs[0].AuthorID != member.ID ||
		!strings.Contains(msgs[0].Body, "blank pages") || msgs[0].RawKey == "" || msgs[0].Internal {
		t.Fatalf("messages %+v", msgs)
	}
	// The requester sees it in the portal like any other ticket.
	if _, _, err := env.App.Tickets.Get(context.Background(), member, res.Ticket); err != nil {
		t.Errorf("requester cannot open the mailed ticket: %v", err)
	}
}

func TestUnknownSenderBecomesContact(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()

	res := ingest(t, env, mail{from: "Jana Roth <Jana.Roth@A.example>", subject: "Question", body: "Hello"})
	u, err := env.App.Store.UserByEmail(ctx, "jana.roth@a.example")
	if err != nil {
		t.Fatalf("no contact created: %v", err)
	}
	if !u.IsContact() || u.OrgID != env.OrgA.ID || u.Name != "Jana Roth" || u.EmailVerified {
		t.Errorf("contact %+v: want an unverified contact of organization A", u)
	}
	tk, _ := ticketOf(t, env, res.Ticket)
	if tk.RequesterID != u.ID || tk.OrgID != env.OrgA.ID {
		t.Errorf("ticket requester %d org %d", tk.RequesterID, tk.OrgID)
	}

	res = ingest(t, env, mail{from: "someone@nowhere.example", subject: "Hi", body: "?"})
	u, err = env.App.Store.UserByEmail(ctx, "someone@nowhere.example")
	if err != nil || u.OrgID != 0 {
		t.Fatalf("contact without organization: %+v %v", u, err)
	}
	if tk, _ := ticketOf(t, env, res.Ticket); tk.OrgID != 0 || tk.RequesterID != u.ID {
		t.Errorf("ticket %+v", tk)
	}
}

// agentReply writes a public reply and returns the Message-ID it would
// carry, as the outgoing mail does.
func outgoingID(env *testenv.Env, number int64) string {
	return "<" + env.App.Tokens.MessageID(number) + ">"
}

func setStatus(t *testing.T, env *testenv.Env, number int64, cat model.Category, reason string) {
	t.Helper()
	p := ticket.UpdateParams{Category: &cat}
	if reason != "" {
		p.WaitingReason = &reason
	}
	if _, err := env.App.Tickets.Update(context.Background(), env.User(t, "agent"), number, p); err != nil {
		t.Fatal(err)
	}
}

func TestReplyThreadsByTokenAndReopens(t *testing.T) {
	env := testenv.New(t)
	first := ingest(t, env, mail{from: "a.member@a.example", subject: "VPN fails", body: "Error 809"})
	setStatus(t, env, first.Ticket, model.CategoryWaitingCustomer, "Please send the log")

	// The client dropped the tag from the subject and kept only In-Reply-To.
	res := ingest(t, env, mail{from: "a.member@a.example", subject: "AW: VPN fails", body: "Log attached.\n\n> Please send the log",
		inReplyTo: outgoingID(env, first.Ticket)})
	if res.Created || res.Ticket != first.Ticket {
		t.Fatalf("reply went to ticket %d (created %v), want %d", res.Ticket, res.Created, first.Ticket)
	}
	tk, msgs := ticketOf(t, env, first.Ticket)
	if len(msgs) != 2 || !strings.Contains(msgs[1].Body, "Log attached") {
		t.Fatalf("messages %d", len(msgs))
	}
	if tk.Status.Category != model.CategoryOpen || tk.WaitingReason != "" {
		t.Errorf("status %q reason %q, want open without reason", tk.Status.Name, tk.WaitingReason)
	}
}

func TestReplyThreadsBySubjectTagForParties(t *testing.T) {
	env := testenv.New(t)
	first := ingest(t, env, mail{from: "a.member@a.example", subject: "Invoice wrong", body: "Amount"})
	tag := fmt.Sprintf("[#%d]", first.Ticket)

	res := ingest(t, env, mail{from: "a.member@a.example", subject: "Re: Invoice wrong " + tag, body: "Any news?"})
	if res.Ticket != first.Ticket {
		t.Fatalf("requester's tagged mail went to %d, want %d", res.Ticket, first.Ticket)
	}
	// The customer's own earlier Message-ID in References threads too
	// (Apple Mail keeps References to its own mail, drops ours).
	_, msgs := ticketOf(t, env, first.Ticket)
	res = ingest(t, env, mail{from: "a.member@a.example", subject: "more", body: "…", refs: "<" + msgs[0].MessageID + ">"})
	if res.Ticket != first.Ticket {
		t.Fatalf("mail referring to the requester's own message went to %d", res.Ticket)
	}
}

func TestOutsiderCannotJoinTicket(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	first := ingest(t, env, mail{from: "a.member@a.example", subject: "Confidential", body: "Our numbers"})
	_, before := ticketOf(t, env, first.Ticket)
	tag := fmt.Sprintf("[#%d]", first.Ticket)

	attempts := []mail{
		{from: "b.member@b.example", subject: "Re: " + tag, body: "tag guessed"},
		{from: "attacker@evil.example", subject: "Re: " + tag, body: "tag guessed"},
		// A forwarded mail carries our token, but its sender may not write.
		{from: "attacker@evil.example", subject: "Fwd", body: "token copied", inReplyTo: outgoingID(env, first.Ticket)},
		// A reference to the customer's Message-ID, from someone else.
		{from: "b.admin@b.example", subject: "x", body: "ref copied", refs: "<" + before[0].MessageID + ">"},
		// A forged token.
		{from: "b.member@b.example", subject: "x", body: "forged", inReplyTo: fmt.Sprintf("<t%d.0011223344.%s@localhost>", first.Ticket, strings.Repeat("a", 52))},
	}
	for _, m := range attempts {
		res := ingest(t, env, m)
		if res.Ticket == first.Ticket || !res.Created {
			t.Errorf("%s (%s) landed on ticket %d", m.from, m.body, res.Ticket)
			continue
		}
		links, err := env.App.Store.TicketLinks(ctx, mustTicket(t, env, res.Ticket).ID)
		if err != nil {
			t.Fatal(err)
		}
		// Linked when the mail named the ticket by tag or valid token; a
		// reference to a mail exchanged with someone else names nothing.
		wantLink := m.body == "tag guessed" || m.body == "token copied"
		if got := len(links) == 1 && links[0].Number == first.Ticket; got != wantLink {
			t.Errorf("%s (%s): linked to the named ticket = %v, want %v", m.from, m.body, got, wantLink)
		}
		if tk := mustTicket(t, env, res.Ticket); strings.Contains(tk.Subject, tag) {
			t.Errorf("new ticket keeps the foreign tag: %q", tk.Subject)
		}
	}
	if _, after := ticketOf(t, env, first.Ticket); len(after) != 1 {
		t.Fatalf("the ticket has %d messages, want 1", len(after))
	}
	// The outsider does not see the ticket it named.
	u, err := env.App.Store.UserByEmail(ctx, "attacker@evil.example")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := env.App.Tickets.Get(ctx, u, first.Ticket); err == nil {
		t.Error("the outsider can open the ticket it named")
	}
}

func mustTicket(t *testing.T, env *testenv.Env, number int64) *model.Ticket {
	t.Helper()
	tk, err := env.App.Store.Ticket(context.Background(), number)
	if err != nil {
		t.Fatal(err)
	}
	return tk
}

func TestColleagueWithCommentRightJoinsByToken(t *testing.T) {
	env := testenv.New(t)
	first := ingest(t, env, mail{from: "a.member@a.example", subject: "Server down", body: "!"})
	// a.primary may comment on the organization's tickets.
	res := ingest(t, env, mail{from: "a.primary@a.example", subject: "Re: Server down", body: "Same here", inReplyTo: outgoingID(env, first.Ticket)})
	if res.Ticket != first.Ticket {
		t.Errorf("primary contact's reply went to %d, want %d", res.Ticket, first.Ticket)
	}
	// a.colleague may read but not comment: a new ticket.
	res = ingest(t, env, mail{from: "a.colleague@a.example", subject: "Re: Server down", body: "Me too", inReplyTo: outgoingID(env, first.Ticket)})
	if res.Ticket == first.Ticket {
		t.Error("a colleague without the comment right joined the ticket")
	}
}

func TestDuplicateStoredOnce(t *testing.T) {
	env := testenv.New(t)
	m := mail{from: "a.member@a.example", subject: "Twice", body: "delivered by IMAP and SMTP", messageID: "<same-id@client.example>"}
	first := ingest(t, env, m)
	again, err := env.App.Inbound.Ingest(context.Background(), m.bytes(), inbound.Source{Kind: inbound.SourceSMTP})
	if err != nil {
		t.Fatal(err)
	}
	if !again.Duplicate || again.Ticket != first.Ticket || again.InboundID != first.InboundID {
		t.Fatalf("second delivery %+v, first %+v", again, first)
	}
	if _, msgs := ticketOf(t, env, first.Ticket); len(msgs) != 1 {
		t.Fatalf("%d messages, want 1", len(msgs))
	}
}

func TestAutoRepliesChangeNothing(t *testing.T) {
	env := testenv.New(t)
	first := ingest(t, env, mail{from: "a.member@a.example", subject: "Order", body: "?"})
	setStatus(t, env, first.Ticket, model.CategoryWaitingCustomer, "Which order?")

	res := ingest(t, env, mail{from: "a.member@a.example", subject: "Out of office: Re: Order", body: "I am away.",
		inReplyTo: outgoingID(env, first.Ticket), headers: []string{"Auto-Submitted: auto-replied"}})
	if res.Ticket != first.Ticket {
		t.Fatalf("auto-reply went to %d", res.Ticket)
	}
	tk, msgs := ticketOf(t, env, first.Ticket)
	if tk.Status.Category != model.CategoryWaitingCustomer {
		t.Errorf("an auto-reply moved the ticket to %q", tk.Status.Name)
	}
	last := msgs[len(msgs)-1]
	if !last.Auto || !last.Internal {
		t.Errorf("auto-reply stored as auto=%v internal=%v", last.Auto, last.Internal)
	}
	// One that belongs to no ticket is kept, but opens none.
	res = ingest(t, env, mail{from: "newsletter@shop.example", subject: "Deals", body: "…", headers: []string{"Precedence: bulk"}})
	if res.Ticket != 0 || res.Ignored != inbound.IgnoredAuto {
		t.Errorf("unthreaded bulk mail: %+v", res)
	}
	if _, err := env.App.Store.UserByEmail(context.Background(), "newsletter@shop.example"); err == nil {
		t.Error("an autoresponder became a contact")
	}
}

func TestOwnAddressIsALoop(t *testing.T) {
	env := testenv.New(t)
	res := ingest(t, env, mail{from: "Support <support@localhost>", subject: "Your request [#10001]", body: "…"})
	if res.Ignored != inbound.IgnoredLoop || res.Ticket != 0 {
		t.Errorf("mail from our own address: %+v", res)
	}
	mb := &store.Mailbox{Name: "Sales", Address: "sales@shop.example", IMAPSecurity: "tls", IMAPFolder: "INBOX", Active: true}
	if _, err := env.App.Store.CreateMailbox(context.Background(), mb); err != nil {
		t.Fatal(err)
	}
	res = ingest(t, env, mail{from: "sales+bounce@shop.example", subject: "x", body: "…"})
	if res.Ignored != inbound.IgnoredLoop {
		t.Errorf("mail from a mailbox address: %+v", res)
	}
}

func TestFloodingSenderIsLimited(t *testing.T) {
	env := testenv.New(t)
	var last *inbound.Result
	for i := range 61 {
		last = ingest(t, env, mail{from: "loop@bot.example", subject: fmt.Sprint("Ticket ", i), body: "again"})
	}
	if last.Ignored != inbound.IgnoredFlood {
		t.Fatalf("the 61st mail in an hour: %+v", last)
	}
	// Kept all the same: an admin finds it in the mail log.
	rec, err := env.App.Store.InboundMail(context.Background(), last.InboundID)
	if err != nil || rec.Outcome != store.MailIgnored || rec.RawKey == "" {
		t.Fatalf("record %+v %v", rec, err)
	}
}

func TestMailboxDecidesTeam(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	mb := &store.Mailbox{Name: "Technical", Address: "tech@support.example", TeamID: env.Teams["Technical"], IMAPSecurity: "tls", IMAPFolder: "INBOX", Active: true}
	id, err := env.App.Store.CreateMailbox(ctx, mb)
	if err != nil {
		t.Fatal(err)
	}
	res := ingest(t, env, mail{from: "a.member@a.example", to: "Tech <tech+urgent@support.example>", subject: "Crash", body: "!"})
	tk := mustTicket(t, env, res.Ticket)
	if tk.TeamName != "Technical" || tk.MailboxID != id {
		t.Errorf("team %q mailbox %d, want Technical and %d", tk.TeamName, tk.MailboxID, id)
	}
}

func TestAgentMailIsNeverAReply(t *testing.T) {
	env := testenv.New(t)
	first := ingest(t, env, mail{from: "a.member@a.example", subject: "Help", body: "!"})
	agent := env.User(t, "agent")
	res := ingest(t, env, mail{from: agent.Email, subject: "Re: Help", body: "Answer by mail", inReplyTo: outgoingID(env, first.Ticket)})
	if res.Ticket != first.Ticket {
		t.Fatalf("agent's mail went to %d", res.Ticket)
	}
	_, msgs := ticketOf(t, env, first.Ticket)
	last := msgs[len(msgs)-1]
	if !last.Internal || !last.HasFlag("from-agent") {
		t.Errorf("agent's mail stored internal=%v flags=%q: it must not reach the customer", last.Internal, last.Flags)
	}
	// The customer does not see it.
	visible, err := env.App.Tickets.Messages(context.Background(), env.User(t, "a.member"), mustTicket(t, env, first.Ticket))
	if err != nil {
		t.Fatal(err)
	}
	if len(visible) != 1 {
		t.Errorf("the customer sees %d messages, want 1", len(visible))
	}
}

func TestTooLargeIsPermanent(t *testing.T) {
	env := testenv.New(t, func(c *config.Config) { c.Mail.MaxSize = 1024 })
	_, err := env.App.Inbound.Ingest(context.Background(), mail{from: "a.member@a.example", subject: "big", body: strings.Repeat("x", 2048)}.bytes(), inbound.Source{Kind: inbound.SourceSMTP})
	if !inbound.Permanent(err) {
		t.Fatalf("err = %v, want a permanent error", err)
	}
}
