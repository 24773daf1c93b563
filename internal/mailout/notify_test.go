package mailout_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"supportal/internal/mailout"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/ticket"
)

// failingMailer queues mail like the Outbox, then fails, as any later
// step of the change could.
type failingMailer struct{ ticket.Mailer }

func (f failingMailer) MessageAdded(ctx context.Context, q *store.Queries, t *model.Ticket, m *model.Message) error {
	if err := f.Mailer.MessageAdded(ctx, q, t, m); err != nil {
		return err
	}
	return errors.New("a later step failed")
}

func TestMailIsQueuedOnlyWhenItsChangeCommits(t *testing.T) {
	w := newWorld(t, setup{})
	ctx := context.Background()
	agent := w.User(t, "agent")
	tk := w.ticketOf(t, "a.member", "Printer broken", "Blank pages.", ticket.CreateParams{})

	_, err := w.App.Tickets.Reply(ctx, agent, tk.Number, ticket.ReplyParams{Body: "Try this.", Attachments: []int64{987654}})
	var v *model.ValidationError
	if !errors.As(err, &v) {
		t.Fatalf("reply with an unknown file: %v", err)
	}
	if m := w.outbox(t); len(m) != 0 {
		t.Fatalf("a refused reply left %d mails in the outbox", len(m))
	}

	w.App.Tickets.SetMailer(failingMailer{w.Outbox})
	if _, err := w.App.Tickets.Reply(ctx, agent, tk.Number, ticket.ReplyParams{Body: "Try this."}); err == nil {
		t.Fatal("the reply succeeded although its transaction failed")
	}
	if m := w.outbox(t); len(m) != 0 {
		t.Fatalf("a rolled back reply left %d mails in the outbox", len(m))
	}

	w.App.Tickets.SetMailer(w.Outbox)
	if _, err := w.App.Tickets.Reply(ctx, agent, tk.Number, ticket.ReplyParams{Body: "Try this."}); err != nil {
		t.Fatal(err)
	}
	if m := w.outbox(t); len(m) != 1 || m[0].Status != store.OutboxPending || m[0].TicketID != tk.ID {
		t.Fatalf("outbox after a reply: %+v", m)
	}
}

func TestWaitingNoticeTellsRequesterAndParticipantsTheReason(t *testing.T) {
	w := newWorld(t, setup{})
	ctx := context.Background()
	tk := w.ticketOf(t, "a.member", "VPN drops", "Every hour.", ticket.CreateParams{})
	if err := w.st.AddParticipant(ctx, tk.ID, w.User(t, "a.colleague").ID); err != nil {
		t.Fatal(err)
	}
	custID := w.customerMail(t, "a.member", tk, "vpn-2@mail.a.example", "Also at night.")

	_, err := w.App.Tickets.Update(ctx, w.User(t, "agent"), tk.Number, ticket.UpdateParams{
		Category: ptr(model.CategoryWaitingCustomer), WaitingReason: ptr("Which client version do you use?")})
	if err != nil {
		t.Fatal(err)
	}
	for _, addr := range []string{"a.member@a.example", "a.colleague@a.example"} {
		got := w.mailsTo(t, addr)
		if len(got) != 1 {
			t.Fatalf("%s got %d mails", addr, len(got))
		}
		m := got[0]
		if m.Kind != "waiting" || len(m.Recipients) != 1 {
			t.Errorf("%s: kind %s, recipients %v", addr, m.Kind, m.Recipients)
		}
		if subj := header(m.Msg, "Subject"); subj != "We need your answer: VPN drops [#"+itoa(tk.Number)+"]" {
			t.Errorf("subject %q", subj)
		}
		if !strings.Contains(m.Msg.Text, "Which client version do you use?") || !strings.Contains(m.Msg.Text, "/portal/tickets/"+itoa(tk.Number)) {
			t.Errorf("text:\n%s", m.Msg.Text)
		}
		if header(m.Msg, "Auto-Submitted") != "auto-generated" || header(m.Msg, "X-Auto-Response-Suppress") != "All" || header(m.Msg, "Precedence") != "" {
			t.Errorf("headers: Auto-Submitted %q, X-Auto-Response-Suppress %q, Precedence %q",
				header(m.Msg, "Auto-Submitted"), header(m.Msg, "X-Auto-Response-Suppress"), header(m.Msg, "Precedence"))
		}
		if header(m.Msg, "In-Reply-To") != "<"+custID+">" {
			t.Errorf("In-Reply-To %q", header(m.Msg, "In-Reply-To"))
		}
		if n, ok := w.Tokens.Ticket(m.MessageID); !ok || n != tk.Number || header(m.Msg, "Message-ID") != "<"+m.MessageID+">" {
			t.Errorf("Message-ID %q (outbox %q) carries no token of the ticket", header(m.Msg, "Message-ID"), m.MessageID)
		}
	}
	if got := w.mailsTo(t, "agent@staff.example"); len(got) != 0 {
		t.Errorf("the agent who made the change was told")
	}
}

func TestResolvedNoticeTellsHowToReopen(t *testing.T) {
	w := newWorld(t, setup{})
	tk := w.ticketOf(t, "a.member", "Printer broken", "Blank pages.", ticket.CreateParams{})
	if _, err := w.App.Tickets.Update(context.Background(), w.User(t, "agent"), tk.Number, ticket.UpdateParams{Status: ptr("Resolved")}); err != nil {
		t.Fatal(err)
	}
	got := w.mailsTo(t, "a.member@a.example")
	if len(got) != 1 || got[0].Kind != "resolved" {
		t.Fatalf("mails %+v", got)
	}
	text := got[0].Msg.Text
	if !strings.Contains(text, "reply to this mail") || !strings.Contains(text, "reopen it in the portal") {
		t.Errorf("text does not tell how to reopen:\n%s", text)
	}
	// Other changes tell no one.
	if _, err := w.App.Tickets.Update(context.Background(), w.User(t, "agent"), tk.Number, ticket.UpdateParams{Status: ptr("On hold")}); err != nil {
		t.Fatal(err)
	}
	if n := len(w.outbox(t)); n != 1 {
		t.Errorf("%d mails after a change to on hold, want still 1", n)
	}
}

func TestReplyThatSetsWaitingCarriesTheReasonInOneMail(t *testing.T) {
	w := newWorld(t, setup{})
	tk := w.ticketOf(t, "a.member", "VPN drops", "Every hour.", ticket.CreateParams{})
	_, err := w.App.Tickets.Reply(context.Background(), w.User(t, "agent"), tk.Number, ticket.ReplyParams{
		Body: "We looked at the logs.", Status: "Waiting for customer", Reason: "Please send the client log."})
	if err != nil {
		t.Fatal(err)
	}
	got := w.mails(t)
	if len(got) != 1 || got[0].Kind != "reply" {
		t.Fatalf("mails %+v", got)
	}
	if !strings.Contains(got[0].Msg.Text, "We are waiting for your answer: Please send the client log.") {
		t.Errorf("text:\n%s", got[0].Msg.Text)
	}
}

func TestTicketByMailAPIOrStaffGetsAReceivedNotice(t *testing.T) {
	w := newWorld(t, setup{})
	tk := w.ticketOf(t, "a.member", "Order 4711 missing", "Where is it?", ticket.CreateParams{Channel: model.ChannelEmail})
	got := w.mailsTo(t, "a.member@a.example")
	if len(got) != 1 || got[0].Kind != "received" {
		t.Fatalf("mails %+v", got)
	}
	m := got[0].Msg
	if subj := header(m, "Subject"); !strings.Contains(subj, "Order 4711 missing") || !strings.HasSuffix(subj, "[#"+itoa(tk.Number)+"]") {
		t.Errorf("subject %q", subj)
	}
	if !strings.Contains(m.Text, "reply to this mail") || !strings.Contains(m.Text, "https://support.example/portal/tickets/"+itoa(tk.Number)) {
		t.Errorf("text:\n%s", m.Text)
	}
	if header(m, "From") != `"Example Support" <support@support.example>` {
		t.Errorf("From %q", header(m, "From"))
	}

	// Staff opening a ticket for a contact: the contact learns of it.
	_, err := w.App.Tickets.Create(context.Background(), w.User(t, "agent"), ticket.CreateParams{
		Subject: "Call about the invoice", Body: "Customer called.", Channel: model.ChannelDesk, RequesterID: w.User(t, "a.colleague").ID})
	if err != nil {
		t.Fatal(err)
	}
	if got := w.mailsTo(t, "a.colleague@a.example"); len(got) != 1 || got[0].Kind != "received" {
		t.Fatalf("mails to the contact %+v", got)
	}
	// An agent's own ticket tells no one.
	_, err = w.App.Tickets.Create(context.Background(), w.User(t, "agent"), ticket.CreateParams{Subject: "Internal todo", Channel: model.ChannelDesk})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(w.outbox(t)); n != 2 {
		t.Errorf("%d mails, want 2", n)
	}
}

func TestPortalTicketSendsACopyOnlyWhenAsked(t *testing.T) {
	w := newWorld(t, setup{})
	w.ticketOf(t, "a.member", "No copy", "Text.", ticket.CreateParams{})
	if n := len(w.outbox(t)); n != 0 {
		t.Fatalf("%d mails for a portal ticket without a copy", n)
	}
	w.ticketOf(t, "a.member", "With copy", "The printer on floor 2\nprints blank pages.", ticket.CreateParams{CopyToMe: true})
	got := w.mailsTo(t, "a.member@a.example")
	if len(got) != 1 || got[0].Kind != "copy" {
		t.Fatalf("mails %+v", got)
	}
	if !strings.Contains(got[0].Msg.Text, "The printer on floor 2\nprints blank pages.") {
		t.Errorf("the copy lacks the text:\n%s", got[0].Msg.Text)
	}
}

func TestContactMessageTellsTheOtherPartiesButNotItsAuthor(t *testing.T) {
	w := newWorld(t, setup{})
	ctx := context.Background()
	tk := w.ticketOf(t, "a.member", "Printer broken", "Blank pages.", ticket.CreateParams{})
	if err := w.st.AddParticipant(ctx, tk.ID, w.User(t, "a.colleague").ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.App.Tickets.Reply(ctx, w.User(t, "a.member"), tk.Number, ticket.ReplyParams{Body: "It also smells burnt."}); err != nil {
		t.Fatal(err)
	}
	got := w.mails(t)
	if len(got) != 1 || got[0].Kind != "new_reply" || len(got[0].Recipients) != 1 || got[0].Recipients[0] != "a.colleague@a.example" {
		t.Fatalf("mails %+v", got)
	}
	text := got[0].Msg.Text
	if !strings.Contains(text, "It also smells burnt.") || !strings.Contains(text, "User a.member") {
		t.Errorf("text:\n%s", text)
	}
}

func TestNotesPhoneCallsAndAutoRepliesTellNoOne(t *testing.T) {
	w := newWorld(t, setup{})
	ctx := context.Background()
	agent := w.User(t, "agent")
	tk := w.ticketOf(t, "a.member", "Printer broken", "Blank pages.", ticket.CreateParams{})
	if _, err := w.App.Tickets.Reply(ctx, agent, tk.Number, ticket.ReplyParams{Body: "Looks like the fuser.", Internal: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.App.Tickets.Reply(ctx, agent, tk.Number, ticket.ReplyParams{Body: "Called the customer.", Kind: model.KindPhone}); err != nil {
		t.Fatal(err)
	}
	id, err := w.st.CreateMessage(ctx, store.NewMessage{TicketID: tk.ID, Kind: model.KindEmailIn, AuthorID: w.User(t, "a.member").ID,
		Cc: []model.Recipient{{UserID: w.User(t, "a.colleague").ID}}, Body: "I am out of office.", Auto: true, MessageID: "ooo@a.example"})
	if err != nil {
		t.Fatal(err)
	}
	auto, err := w.st.Message(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	tk, err = w.st.Ticket(ctx, tk.Number)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Outbox.MessageAdded(ctx, &w.st.Queries, tk, auto); err != nil {
		t.Fatal(err)
	}
	if err := w.Outbox.TicketCreated(ctx, &w.st.Queries, tk, auto, true); err != nil {
		t.Fatal(err)
	}
	if n := len(w.outbox(t)); n != 0 {
		t.Fatalf("%d mails for notes, calls and auto-replies", n)
	}
}

func TestGermanContactGetsGermanMail(t *testing.T) {
	w := newWorld(t, setup{})
	ctx := context.Background()
	id, err := w.st.CreateUser(ctx, store.NewUser{Kind: model.KindContact, Email: "erika@a.example", Name: "Erika Mustermann",
		OrgID: w.OrgA.ID, Role: model.RoleMember, Rights: mustRights(t, model.RoleMember), Language: "de"})
	if err != nil {
		t.Fatal(err)
	}
	erika, err := w.st.User(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	tk, err := w.App.Tickets.Create(ctx, erika, ticket.CreateParams{Subject: "Drucker defekt", Body: "Nur leere Seiten.", Channel: model.ChannelEmail})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.App.Tickets.Update(ctx, w.User(t, "agent"), tk.Number, ticket.UpdateParams{
		Category: ptr(model.CategoryWaitingCustomer), WaitingReason: ptr("Welches Modell haben Sie?")}); err != nil {
		t.Fatal(err)
	}
	got := w.mailsTo(t, "erika@a.example")
	if len(got) != 2 {
		t.Fatalf("mails %+v", got)
	}
	if subj := header(got[0].Msg, "Subject"); subj != "Ihre Anfrage ist bei uns eingegangen: Drucker defekt [#"+itoa(tk.Number)+"]" {
		t.Errorf("subject %q", subj)
	}
	if !strings.Contains(got[0].Msg.Text, "Guten Tag Erika Mustermann,") {
		t.Errorf("text:\n%s", got[0].Msg.Text)
	}
	if !strings.Contains(got[1].Msg.Text, "benötigen wir noch Folgendes von Ihnen") || !strings.Contains(got[1].Msg.Text, "Welches Modell haben Sie?") {
		t.Errorf("text:\n%s", got[1].Msg.Text)
	}
	// The English contact of the same organization still reads English.
	w.ticketOf(t, "a.member", "Printer broken", "Blank pages.", ticket.CreateParams{Channel: model.ChannelEmail})
	if got := w.mailsTo(t, "a.member@a.example"); len(got) != 1 || !strings.Contains(got[0].Msg.Text, "We have received your request") {
		t.Fatalf("mails to the English contact %+v", got)
	}
}

func TestInactiveUsersAndOurOwnAddressesGetNoMail(t *testing.T) {
	w := newWorld(t, setup{})
	ctx := context.Background()
	tk := w.ticketOf(t, "a.member", "Printer broken", "Blank pages.", ticket.CreateParams{})
	colleague := w.User(t, "a.colleague")
	if err := w.st.AddParticipant(ctx, tk.ID, colleague.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.st.DB().ExecContext(ctx, "UPDATE users SET active = FALSE WHERE id = $1", colleague.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.st.CreateMailbox(ctx, &store.Mailbox{Name: "Printers", Address: "printers@support.example", IMAPFolder: "INBOX", IMAPSecurity: "tls", Active: true}); err != nil {
		t.Fatal(err)
	}
	agent := w.User(t, "agent")
	id, err := w.st.CreateMessage(ctx, store.NewMessage{TicketID: tk.ID, Kind: model.KindEmailOut, AuthorID: agent.ID,
		To: []model.Recipient{{UserID: w.User(t, "a.member").ID}, {Email: "Printers@support.example"}, {Email: "support@support.example"}},
		Cc: []model.Recipient{{UserID: colleague.ID}, {Email: "a.member@a.example"}}, Body: "Fixed."})
	if err != nil {
		t.Fatal(err)
	}
	m, err := w.st.Message(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if tk, err = w.st.Ticket(ctx, tk.Number); err != nil {
		t.Fatal(err)
	}
	if err := w.Outbox.MessageAdded(ctx, &w.st.Queries, tk, m); err != nil {
		t.Fatal(err)
	}
	got := w.mails(t)
	if len(got) != 1 || len(got[0].Recipients) != 1 || got[0].Recipients[0] != "a.member@a.example" {
		t.Fatalf("mails %+v", got)
	}
	if cc := header(got[0].Msg, "Cc"); cc != "" {
		t.Errorf("Cc %q", cc)
	}
}

func TestTicketMailboxIsTheSender(t *testing.T) {
	w := newWorld(t, setup{})
	ctx := context.Background()
	mb, err := w.st.CreateMailbox(ctx, &store.Mailbox{Name: "Printer Help", Address: "printers@support.example", IMAPFolder: "INBOX", IMAPSecurity: "tls", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	statuses, err := w.st.Statuses(ctx)
	if err != nil {
		t.Fatal(err)
	}
	member := w.User(t, "a.member")
	_, number, err := w.st.CreateTicket(ctx, store.NewTicket{Subject: "Toner", OrgID: member.OrgID, RequesterID: member.ID,
		StatusID: statuses[0].ID, TeamID: w.Teams["1st level"], Channel: model.ChannelEmail, MailboxID: mb})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.App.Tickets.Reply(ctx, w.User(t, "agent"), number, ticket.ReplyParams{Body: "On its way."}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.App.Tickets.Update(ctx, w.User(t, "agent"), number, ticket.UpdateParams{Status: ptr("Resolved")}); err != nil {
		t.Fatal(err)
	}
	got := w.mails(t)
	if len(got) != 2 {
		t.Fatalf("mails %+v", got)
	}
	if from := header(got[0].Msg, "From"); from != `"User agent (Printer Help)" <printers@support.example>` {
		t.Errorf("reply From %q", from)
	}
	if from := header(got[1].Msg, "From"); from != `"Printer Help" <printers@support.example>` {
		t.Errorf("notice From %q", from)
	}
	for _, m := range got {
		if m.Sender != "printers@support.example" || m.MailboxID != mb {
			t.Errorf("outbox sender %q mailbox %d", m.Sender, m.MailboxID)
		}
	}
}

func TestRegistrationMailCarriesTheLink(t *testing.T) {
	w := newWorld(t, setup{})
	ctx := context.Background()
	loner := w.User(t, "loner")
	link := "https://support.example/register?token=abc123"
	if err := w.Outbox.AccountMail(ctx, &w.st.Queries, loner, mailout.TemplateRegistration, "", link); err != nil {
		t.Fatal(err)
	}
	got := w.mailsTo(t, "loner@staff.example")
	if len(got) != 1 || got[0].Kind != "registration" || got[0].TicketID != 0 {
		t.Fatalf("mails %+v", got)
	}
	m := got[0]
	if !strings.Contains(m.Msg.Text, link) || !strings.Contains(m.Msg.HTML, `href="`+link+`"`) {
		t.Errorf("the link is missing:\n%s\n%s", m.Msg.Text, m.Msg.HTML)
	}
	if subj := header(m.Msg, "Subject"); strings.Contains(subj, "[#") || subj == "" {
		t.Errorf("subject %q", subj)
	}
	if _, ok := w.Tokens.Ticket(m.MessageID); ok || !strings.HasSuffix(m.MessageID, "@support.example") {
		t.Errorf("Message-ID %q", m.MessageID)
	}
}

func mustRights(t *testing.T, role string) model.Rights {
	t.Helper()
	r, ok := model.RoleRights(role)
	if !ok {
		t.Fatalf("no role %s", role)
	}
	return r
}
