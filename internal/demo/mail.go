package demo

import (
	"context"
	"fmt"
	"time"

	"supportal/internal/inbound"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/ticket"
)

// demoMailbox is the address the demo's support team receives mail at.
const demoMailbox = "support@nordwerk.example"

// seedMail shows the email channel: a mailbox, two mails that arrive
// through the real pipeline (one from a known contact, one from a new
// person whose domain belongs to a customer) and an agent's answer. With
// no SMTP relay the outbox keeps what Supportal would send, and
// /admin/outbox shows it.
func seedMail(ctx context.Context, d Deps, who *ids) error {
	if d.Inbound == nil {
		return nil
	}
	_, err := d.Store.CreateMailbox(ctx, &store.Mailbox{Name: "Nordwerk Support", Address: demoMailbox,
		TeamID: who.teams["1st level"], IMAPPort: 993, IMAPSecurity: "tls", IMAPFolder: "INBOX", Active: true})
	if err != nil {
		return err
	}
	date := time.Now().Add(-20 * time.Minute).Format(time.RFC1123Z)
	mails := []string{
		"From: Jonas Weber <jonas.weber@brandt-maschinenbau.example>\r\nTo: Nordwerk Support <" + demoMailbox + ">\r\n" +
			"Subject: Etikettendruck bricht nach Update ab\r\nMessage-ID: <demo-1@brandt-maschinenbau.example>\r\nDate: " + date + "\r\n" +
			"Content-Type: text/plain; charset=utf-8\r\n\r\nGuten Tag,\r\n\r\nseit dem Update auf 4.2 bricht der Etikettendruck " +
			"nach der dritten Seite ab. Können Sie sich das ansehen?\r\n\r\nViele Grüße\r\nJonas Weber\r\n",
		"From: Priya Nair <priya.nair@harbour-logistics.example>\r\nTo: " + demoMailbox + "\r\n" +
			"Subject: Access to the portal\r\nMessage-ID: <demo-2@harbour-logistics.example>\r\nDate: " + date + "\r\n" +
			"Content-Type: text/plain; charset=utf-8\r\n\r\nHello,\r\n\r\nI joined Harbour Logistics last week and need " +
			"access to our support tickets. Who can set this up?\r\n\r\nThanks,\r\nPriya\r\n",
	}
	var first int64
	for i, raw := range mails {
		res, err := d.Inbound.Ingest(ctx, []byte(raw), inbound.Source{Kind: inbound.SourcePipe})
		if err != nil {
			return fmt.Errorf("demo mail %d: %w", i+1, err)
		}
		if i == 0 {
			first = res.Ticket
		}
	}
	agent, err := d.Store.User(ctx, who.users["lena"])
	if err != nil {
		return err
	}
	waiting := model.CategoryWaitingCustomer
	_, err = d.Tickets.Reply(ctx, agent, first, ticket.ReplyParams{
		Body: "Guten Tag Herr Weber,\n\ndanke für die Meldung. Schicken Sie uns bitte das Druckprotokoll " +
			"(Extras → Protokoll exportieren), dann sehen wir, woran es hängt.\n\nFreundliche Grüße\nLena Hoffmann",
		Status: firstStatusName(ctx, d.Store, waiting), Reason: "Druckprotokoll",
	})
	return err
}

// firstStatusName is the name of the first status of category c.
func firstStatusName(ctx context.Context, st *store.Store, c model.Category) string {
	statuses, err := st.Statuses(ctx)
	if err != nil {
		return ""
	}
	for _, s := range statuses {
		if s.Category == c {
			return s.Name
		}
	}
	return ""
}
