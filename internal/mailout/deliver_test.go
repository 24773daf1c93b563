package mailout_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-msgauth/dkim"
	"github.com/emersion/go-smtp"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/ticket"
)

// dkimKey writes a new private key as PEM and returns the file and the
// DNS TXT record that publishes its public half.
func dkimKey(t *testing.T, kind string) (path, record string) {
	t.Helper()
	var der []byte
	var err error
	switch kind {
	case "ed25519":
		pub, priv, genErr := ed25519.GenerateKey(rand.Reader)
		if genErr != nil {
			t.Fatal(genErr)
		}
		der, err = x509.MarshalPKCS8PrivateKey(priv)
		record = "v=DKIM1; k=ed25519; p=" + base64.StdEncoding.EncodeToString(pub)
	default:
		priv, genErr := rsa.GenerateKey(rand.Reader, 2048)
		if genErr != nil {
			t.Fatal(genErr)
		}
		der = x509.MarshalPKCS1PrivateKey(priv)
		pub, _ := x509.MarshalPKIXPublicKey(&priv.PublicKey)
		record = "v=DKIM1; k=rsa; p=" + base64.StdEncoding.EncodeToString(pub)
	}
	if err != nil {
		t.Fatal(err)
	}
	typ := "PRIVATE KEY"
	if kind != "ed25519" {
		typ = "RSA PRIVATE KEY"
	}
	path = filepath.Join(t.TempDir(), "dkim.pem")
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, record
}

// verifyDKIM checks the message's DKIM signature against record, the key
// published for test._domainkey.support.example.
func verifyDKIM(t *testing.T, raw []byte, record string) {
	t.Helper()
	vs, err := dkim.VerifyWithOptions(bytes.NewReader(raw), &dkim.VerifyOptions{LookupTXT: func(domain string) ([]string, error) {
		if domain != "test._domainkey.support.example" {
			return nil, errors.New("no such record: " + domain)
		}
		return []string{record}, nil
	}})
	if err != nil {
		t.Fatalf("DKIM: %v", err)
	}
	if len(vs) != 1 || vs[0].Err != nil || vs[0].Domain != "support.example" {
		t.Fatalf("DKIM verifications: %+v", vs)
	}
	for _, h := range []string{"From", "To", "Subject", "Date", "Message-ID", "In-Reply-To", "References"} {
		if !slices.ContainsFunc(vs[0].HeaderKeys, func(k string) bool { return strings.EqualFold(k, h) }) {
			t.Errorf("the signature does not cover %s: %v", h, vs[0].HeaderKeys)
		}
	}
}

func TestAgentReplyReachesTheCustomerThreadedSignedAndWithItsFile(t *testing.T) {
	relay := startRelay(t, false, nil)
	keyFile, record := dkimKey(t, "ed25519")
	w := newWorld(t, setup{relay: "smtp+insecure://" + relay.Addr, dkimKey: keyFile})
	ctx := context.Background()
	agent := w.User(t, "agent")
	if err := w.st.SetSignature(ctx, agent.ID, "Sam from Support\nExample Ltd."); err != nil {
		t.Fatal(err)
	}
	tk := w.ticketOf(t, "a.member", "Printer broken", "It prints blank pages.", ticket.CreateParams{})
	custID := w.customerMail(t, "a.member", tk, "CAF-1234@mail.a.example", "Still broken, see attached.")
	up, err := w.App.Tickets.Upload(ctx, agent, "driver-notes.txt", "text/plain", strings.NewReader("use driver 4.2"))
	if err != nil {
		t.Fatal(err)
	}
	reply, err := w.App.Tickets.Reply(ctx, agent, tk.Number, ticket.ReplyParams{Body: "Please install the new driver.", Attachments: []int64{up.ID}})
	if err != nil {
		t.Fatal(err)
	}

	if n := w.deliverAll(t); n != 1 {
		t.Fatalf("attempted %d mails, want 1", n)
	}
	got := relay.wait(t)
	if got.From != "support@support.example" || !slices.Equal(got.To, []string{"a.member@a.example"}) {
		t.Errorf("envelope from %q to %v", got.From, got.To)
	}
	msg := parse(t, got.Data)
	tag := "[#" + itoa(tk.Number) + "]"
	if subj := header(msg, "Subject"); subj != "Re: Printer broken "+tag {
		t.Errorf("subject %q", subj)
	}
	stored, err := w.st.Message(ctx, reply.ID)
	if err != nil {
		t.Fatal(err)
	}
	if mid := header(msg, "Message-ID"); mid != "<"+stored.MessageID+">" || stored.MessageID == "" {
		t.Errorf("Message-ID %q, the message records %q", mid, stored.MessageID)
	}
	if n, ok := w.Tokens.Ticket(stored.MessageID); !ok || n != tk.Number {
		t.Errorf("the Message-ID does not carry the ticket's token: %d %v", n, ok)
	}
	if irt := header(msg, "In-Reply-To"); irt != "<"+custID+">" {
		t.Errorf("In-Reply-To %q, want the customer's mail", irt)
	}
	if refs := header(msg, "References"); !strings.Contains(refs, "<"+custID+">") {
		t.Errorf("References %q lack the customer's mail", refs)
	}
	if from := header(msg, "From"); from != `"User agent (Example Support)" <support@support.example>` {
		t.Errorf("From %q", from)
	}
	for _, want := range []string{"Please install the new driver.", "\n-- \nSam from Support\nExample Ltd.", "https://support.example/portal/tickets/" + itoa(tk.Number)} {
		if !strings.Contains(msg.Text, want) {
			t.Errorf("the text lacks %q:\n%s", want, msg.Text)
		}
	}
	if !strings.Contains(msg.HTML, "Please install the new driver.") {
		t.Errorf("the HTML part lacks the text: %s", msg.HTML)
	}
	if len(msg.Attachments) != 1 || msg.Attachments[0].FileName != "driver-notes.txt" || string(msg.Attachments[0].Content) != "use driver 4.2" {
		t.Errorf("attachments %+v", msg.Attachments)
	}
	for _, h := range []string{"Auto-Submitted", "X-Auto-Response-Suppress", "Precedence"} {
		if v := header(msg, h); v != "" {
			t.Errorf("a reply a person wrote carries %s: %s", h, v)
		}
	}
	verifyDKIM(t, got.Data, record)

	mails := w.outbox(t)
	if len(mails) != 1 || mails[0].Status != store.OutboxSent || mails[0].Kind != "reply" || mails[0].ServerReply == "" ||
		mails[0].MessageRef != reply.ID || mails[0].Attempts != 1 || mails[0].SentAt.IsZero() {
		t.Fatalf("outbox after delivery: %+v", mails[0])
	}
}

func TestDeliveryOverStartTLSWithAuthAndRSASignature(t *testing.T) {
	relay := startRelay(t, true, func(r *relayServer) { r.user, r.pass = "mailer", "s3cret" })
	keyFile, record := dkimKey(t, "rsa")
	w := newWorld(t, setup{relay: "smtp://mailer:s3cret@" + relay.Addr, rootCAs: relay.CAs, dkimKey: keyFile})
	w.ticketOf(t, "a.member", "Invoice question", "Why two invoices?", ticket.CreateParams{Channel: model.ChannelAPI})

	if n := w.deliverAll(t); n != 1 {
		t.Fatalf("attempted %d mails, want 1", n)
	}
	got := relay.wait(t)
	msg := parse(t, got.Data)
	if !strings.Contains(header(msg, "Subject"), "Invoice question") || header(msg, "Auto-Submitted") != "auto-generated" {
		t.Errorf("subject %q, Auto-Submitted %q", header(msg, "Subject"), header(msg, "Auto-Submitted"))
	}
	verifyDKIM(t, got.Data, record)
	if m := w.outbox(t)[0]; m.Status != store.OutboxSent {
		t.Errorf("status %s, error %q", m.Status, m.LastError)
	}
}

func TestStartTLSIsRequiredForSMTPScheme(t *testing.T) {
	relay := startRelay(t, false, nil) // offers no STARTTLS
	w := newWorld(t, setup{relay: "smtp://" + relay.Addr})
	w.ticketOf(t, "a.member", "Hello", "Text", ticket.CreateParams{Channel: model.ChannelAPI})

	w.deliverAll(t)
	m := w.outbox(t)[0]
	if m.Status != store.OutboxPending || !strings.Contains(m.LastError, "STARTTLS") || len(relay.Mails()) != 0 {
		t.Fatalf("status %s, error %q, relay got %d mails", m.Status, m.LastError, len(relay.Mails()))
	}
}

func TestUntrustedCertificateIsNotAccepted(t *testing.T) {
	relay := startRelay(t, true, nil)
	w := newWorld(t, setup{relay: "smtp://" + relay.Addr}) // the test CA is not trusted
	w.ticketOf(t, "a.member", "Hello", "Text", ticket.CreateParams{Channel: model.ChannelAPI})

	w.deliverAll(t)
	m := w.outbox(t)[0]
	if m.Status != store.OutboxPending || m.LastError == "" || len(relay.Mails()) != 0 {
		t.Fatalf("status %s, error %q, relay got %d mails", m.Status, m.LastError, len(relay.Mails()))
	}
}

func TestTemporaryRefusalIsRetriedAfterBackoff(t *testing.T) {
	relay := startRelay(t, false, func(r *relayServer) {
		r.dataReply = func(n int) error {
			if n == 1 {
				return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
			}
			return nil
		}
	})
	w := newWorld(t, setup{relay: "smtp+insecure://" + relay.Addr})
	w.ticketOf(t, "a.member", "Hello", "Text", ticket.CreateParams{Channel: model.ChannelAPI})
	start := w.Clock.Now()

	w.deliverAll(t)
	m := w.outbox(t)[0]
	if m.Status != store.OutboxPending || m.Attempts != 1 || !strings.Contains(m.LastError, "451") {
		t.Fatalf("after a 451: status %s, attempts %d, error %q", m.Status, m.Attempts, m.LastError)
	}
	if wait := m.NextAttemptAt.Sub(start); wait < time.Minute || wait > time.Minute+15*time.Second {
		t.Errorf("next attempt after %s, want about a minute", wait)
	}
	if n := w.deliverAll(t); n != 0 {
		t.Fatalf("a mail not due yet was attempted (%d)", n)
	}

	w.Clock.Advance(2 * time.Minute)
	if n := w.deliverAll(t); n != 1 {
		t.Fatalf("attempted %d mails after the backoff, want 1", n)
	}
	m = w.outbox(t)[0]
	if m.Status != store.OutboxSent || m.Attempts != 2 || len(relay.Mails()) != 1 {
		t.Fatalf("after the retry: status %s, attempts %d, relay got %d mails", m.Status, m.Attempts, len(relay.Mails()))
	}
}

func TestPermanentRefusalFailsTheMailAndTellsTheAgents(t *testing.T) {
	relay := startRelay(t, false, func(r *relayServer) {
		r.rcptReply = map[string]*smtp.SMTPError{"a.member@a.example": {Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}}
	})
	w := newWorld(t, setup{relay: "smtp+insecure://" + relay.Addr})
	tk := w.ticketOf(t, "a.member", "Hello", "Text", ticket.CreateParams{Channel: model.ChannelAPI})

	w.deliverAll(t)
	m := w.outbox(t)[0]
	if m.Status != store.OutboxFailed || !strings.Contains(m.LastError, "550") {
		t.Fatalf("status %s, error %q", m.Status, m.LastError)
	}
	events, err := w.st.Events(context.Background(), tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	if e := lastEvent(events, "mail_failed"); e == nil || !strings.Contains(e.New, "a.member@a.example") || !strings.Contains(e.New, "no such user") {
		t.Fatalf("history %+v lacks the failed mail", events)
	}
	counts, err := w.st.OutboxCounts(context.Background())
	if err != nil || counts[store.OutboxFailed] != 1 || counts[store.OutboxPending] != 0 {
		t.Fatalf("counts %v, %v", counts, err)
	}
}

func TestRefusedRecipientDoesNotStopTheOthers(t *testing.T) {
	relay := startRelay(t, false, func(r *relayServer) {
		r.rcptReply = map[string]*smtp.SMTPError{"a.colleague@a.example": {Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "mailbox disabled"}}
	})
	w := newWorld(t, setup{relay: "smtp+insecure://" + relay.Addr})
	ctx := context.Background()
	tk := w.ticketOf(t, "a.member", "Hello", "Text", ticket.CreateParams{})
	if err := w.st.AddParticipant(ctx, tk.ID, w.User(t, "a.colleague").ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.App.Tickets.Reply(ctx, w.User(t, "agent"), tk.Number, ticket.ReplyParams{Body: "Done."}); err != nil {
		t.Fatal(err)
	}

	w.deliverAll(t)
	got := relay.wait(t)
	if !slices.Equal(got.To, []string{"a.member@a.example"}) {
		t.Errorf("delivered to %v", got.To)
	}
	if m := w.outbox(t)[0]; m.Status != store.OutboxSent {
		t.Errorf("status %s", m.Status)
	}
	events, err := w.st.Events(ctx, tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	if e := lastEvent(events, "mail_failed"); e == nil || !strings.Contains(e.New, "a.colleague@a.example") || strings.Contains(e.New, "a.member@") {
		t.Fatalf("history %+v", events)
	}
}

func TestMailIsGivenUpAfterTheGiveUpTime(t *testing.T) {
	relay := startRelay(t, false, func(r *relayServer) {
		r.dataReply = func(int) error {
			return &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 4, 2}, Message: "busy"}
		}
	})
	w := newWorld(t, setup{relay: "smtp+insecure://" + relay.Addr})
	tk := w.ticketOf(t, "a.member", "Hello", "Text", ticket.CreateParams{Channel: model.ChannelAPI})

	w.deliverAll(t)
	if m := w.outbox(t)[0]; m.Status != store.OutboxPending {
		t.Fatalf("status %s after the first temporary failure", m.Status)
	}
	w.Clock.Advance(w.Config.Mail.GiveUp + time.Minute)
	w.deliverAll(t)
	m := w.outbox(t)[0]
	if m.Status != store.OutboxFailed || !strings.Contains(m.LastError, "busy") {
		t.Fatalf("status %s, error %q", m.Status, m.LastError)
	}
	events, err := w.st.Events(context.Background(), tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	if lastEvent(events, "mail_failed") == nil {
		t.Fatalf("history %+v lacks the failed mail", events)
	}
}

func TestWithoutRelayMailStaysPendingAndRunReturns(t *testing.T) {
	w := newWorld(t, setup{})
	w.ticketOf(t, "a.member", "Hello", "Text", ticket.CreateParams{Channel: model.ChannelAPI})

	done := make(chan struct{})
	go func() {
		w.Outbox.Run(context.Background())
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("Run did not return without a relay")
	}
	if n := w.deliverAll(t); n != 0 {
		t.Errorf("attempted %d mails without a relay", n)
	}
	if m := w.outbox(t); len(m) != 1 || m[0].Status != store.OutboxPending || m[0].Attempts != 0 {
		t.Fatalf("outbox %+v", m)
	}
}

func TestRunDeliversWhenKickedAndStopsWithItsContext(t *testing.T) {
	relay := startRelay(t, false, nil)
	w := newWorld(t, setup{relay: "smtp+insecure://" + relay.Addr, poll: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		w.Outbox.Run(ctx)
		close(done)
	}()

	w.ticketOf(t, "a.member", "Kicked", "Text", ticket.CreateParams{Channel: model.ChannelAPI})
	w.Outbox.Kick()
	got := relay.wait(t)
	if !strings.Contains(string(got.Data), "Kicked") {
		t.Errorf("the relay got another mail:\n%s", got.Data)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("Run did not stop when its context ended")
	}
}

func TestEachDueMailIsClaimedByOneSender(t *testing.T) {
	w := newWorld(t, setup{})
	ctx := context.Background()
	const mails = 30
	for i := range mails {
		_, err := w.st.EnqueueMail(ctx, &store.OutboxMail{Kind: "test", MessageID: itoa(int64(i)) + "@support.example",
			Sender: "support@support.example", Recipients: []string{"x@a.example"}, Subject: "s", RawKey: "k", CreatedAt: w.Clock.Now()})
		if err != nil {
			t.Fatal(err)
		}
	}
	claims := make(chan int64, mails*2)
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			for {
				m, err := w.st.ClaimDueMail(ctx, w.Clock.Now(), time.Minute)
				if errors.Is(err, model.ErrNotFound) {
					errs <- nil
					return
				}
				if err != nil {
					errs <- err
					return
				}
				claims <- m.ID
			}
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	close(claims)
	seen := map[int64]bool{}
	for id := range claims {
		if seen[id] {
			t.Fatalf("mail %d was claimed twice", id)
		}
		seen[id] = true
	}
	if len(seen) != mails {
		t.Fatalf("%d of %d mails were claimed", len(seen), mails)
	}
	// A claim expires: a sender that died lets another take the mail.
	w.Clock.Advance(2 * time.Minute)
	m, err := w.st.ClaimDueMail(ctx, w.Clock.Now(), time.Minute)
	if err != nil || m.Attempts != 2 {
		t.Fatalf("claim after the lease: %+v, %v", m, err)
	}
}

func TestOutboxListsNewestFirstAndRequeuesAFailedMail(t *testing.T) {
	w := newWorld(t, setup{})
	ctx := context.Background()
	var ids []int64
	for i := range 5 {
		id, err := w.st.EnqueueMail(ctx, &store.OutboxMail{Kind: "test", MessageID: itoa(int64(i)) + "@support.example",
			Sender: "support@support.example", Recipients: []string{"X@A.example", "y@a.example"}, Subject: "s", RawKey: "k"})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if err := w.st.MarkMailFailed(ctx, ids[1], "550 no"); err != nil {
		t.Fatal(err)
	}
	if err := w.st.MarkMailSent(ctx, ids[2], "250 ok", store.Now()); err != nil {
		t.Fatal(err)
	}
	page, err := w.st.OutboxMails(ctx, store.OutboxFilter{Limit: 2})
	if err != nil || len(page) != 2 || page[0].ID != ids[4] || page[1].ID != ids[3] {
		t.Fatalf("first page %v, %v", page, err)
	}
	if !slices.Equal(page[0].Recipients, []string{"x@a.example", "y@a.example"}) {
		t.Errorf("recipients %v", page[0].Recipients)
	}
	page, err = w.st.OutboxMails(ctx, store.OutboxFilter{Before: ids[3], Limit: 2})
	if err != nil || len(page) != 2 || page[0].ID != ids[2] || page[1].ID != ids[1] {
		t.Fatalf("second page %v, %v", page, err)
	}
	failed, err := w.st.OutboxMails(ctx, store.OutboxFilter{Status: store.OutboxFailed})
	if err != nil || len(failed) != 1 || failed[0].ID != ids[1] {
		t.Fatalf("failed %v, %v", failed, err)
	}

	if err := w.st.RequeueMail(ctx, ids[1]); err != nil {
		t.Fatal(err)
	}
	m, err := w.st.OutboxMail(ctx, ids[1])
	if err != nil || m.Status != store.OutboxPending || m.Attempts != 0 || m.LastError != "550 no" {
		t.Fatalf("requeued %+v, %v", m, err)
	}
	if err := w.st.RequeueMail(ctx, ids[2]); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("requeue of a sent mail: %v", err)
	}
	counts, err := w.st.OutboxCounts(ctx)
	if err != nil || counts[store.OutboxPending] != 4 || counts[store.OutboxSent] != 1 || counts[store.OutboxFailed] != 0 {
		t.Fatalf("counts %v, %v", counts, err)
	}
}

func lastEvent(events []model.Event, field string) *model.Event {
	for i := len(events) - 1; i >= 0; i-- {
		if events[i].Field == field {
			return &events[i]
		}
	}
	return nil
}
