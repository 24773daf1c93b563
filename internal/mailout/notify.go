package mailout

import (
	"context"
	"errors"
	"net/mail"
	"strings"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/plaintext"
	"supportal/internal/store"
)

// Who is told of what. Notifications go as one mail per recipient, each
// in the recipient's language and addressed to the recipient alone; an
// agent's reply goes as one mail to all its recipients, with the footer
// in the language of the first addressee. A notification is a read of
// the ticket: it reaches only users that authz lets see the ticket (and,
// for a message, read it). Internal tickets, internal notes and
// auto-replies tell no one.

// TicketCreated queues the receipt of a new ticket for its requester: a
// copy of the request when the requester asked for one, else a "received"
// notice for a ticket that came by mail, API or staff, unless the
// requester turned those off. A ticket opened in the portal without a
// copy wanted, an auto-reply, or a requester who is staff or inactive
// gets none.
func (o *Outbox) TicketCreated(ctx context.Context, q *store.Queries, t *model.Ticket, first *model.Message, copyToSender bool) error {
	if t.Internal || (first != nil && first.Auto) {
		return nil
	}
	req, err := q.User(ctx, t.RequesterID)
	if err != nil {
		return err
	}
	if !req.IsContact() {
		return nil
	}
	data := o.ticketData(t)
	var name string
	switch {
	case copyToSender && first != nil && first.AuthorID == req.ID:
		name, data.Text = TemplateCopy, first.Body
	case req.NotifyOff.Has(model.NotifyReceived):
		return nil
	case t.Channel == model.ChannelEmail || t.Channel == model.ChannelAPI || t.Channel == model.ChannelDesk:
		name = TemplateReceived
	default:
		return nil
	}
	return o.notify(ctx, q, name, t, req, data)
}

// MessageAdded sends a public reply of an agent as mail to its
// recipients, and tells the other parties of a contact's message.
func (o *Outbox) MessageAdded(ctx context.Context, q *store.Queries, t *model.Ticket, m *model.Message) error {
	if t.Internal || m.Internal || m.Auto {
		return nil
	}
	switch {
	case m.Kind == model.KindEmailOut && m.AuthorKind == model.KindAgent:
		return o.agentReply(ctx, q, t, m)
	case (m.Kind == model.KindPortal || m.Kind == model.KindEmailIn) && m.AuthorKind == model.KindContact:
		return o.newReply(ctx, q, t, m)
	}
	return nil
}

// StatusChanged tells the requester and participants that the ticket now
// waits for them (with the reason) or was resolved (with how to reopen
// it), unless they turned those notices off. Other changes tell no one,
// nor is the user who made the change told.
func (o *Outbox) StatusChanged(ctx context.Context, q *store.Queries, t *model.Ticket, from model.Status, actor *model.User) error {
	if t.Internal {
		return nil
	}
	var name string
	switch to := t.Status.Category; {
	case to == model.CategoryWaitingCustomer && from.Category != model.CategoryWaitingCustomer:
		name = TemplateWaiting
	case to == model.CategoryResolved && from.Category != model.CategoryResolved:
		name = TemplateResolved
	default:
		return nil
	}
	data := o.ticketData(t)
	data.Reason = t.WaitingReason
	if actor.IsAgent() {
		data.Agent = Person{Name: actor.Name, Email: actor.Email}
	}
	told := map[int64]bool{}
	if actor != nil {
		told[actor.ID] = true
	}
	for _, id := range append([]int64{t.RequesterID}, t.Participants...) {
		if told[id] {
			continue
		}
		told[id] = true
		u, err := q.User(ctx, id)
		if err != nil {
			return err
		}
		if u.IsContact() && authz.Ticket(u, t).See && !u.NotifyOff.Has(model.NotifyStatus) {
			if err := o.notify(ctx, q, name, t, u, data); err != nil {
				return err
			}
		}
	}
	return nil
}

// AccountMail queues one of the mails of an account's life — name is
// TemplateVerifyEmail, TemplatePasswordReset, TemplateEmailChange,
// TemplateInvitation or TemplateRegistration — with link, in the user's language. to is the
// address it goes to; "" means the user's own (an address change is
// confirmed at the new one). An inactive user gets none.
func (o *Outbox) AccountMail(ctx context.Context, q *store.Queries, u *model.User, name, to, link string) error {
	if u == nil || !u.Active {
		return nil
	}
	if to != "" && !strings.EqualFold(to, u.Email) {
		v := *u
		v.Email = to
		u = &v
	}
	return o.notify(ctx, q, name, nil, u, Data{Link: link, BaseURL: o.baseURL})
}

// agentReply queues an agent's public message as one mail to its To and
// Cc, with the agent's signature, the footer and the files, and records
// the Message-ID on the message.
func (o *Outbox) agentReply(ctx context.Context, q *store.Queries, t *model.Ticket, m *model.Message) error {
	own, err := o.ownAddresses(ctx, q)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	to, lang, err := o.recipients(ctx, q, t, m.To, own, seen)
	if err != nil {
		return err
	}
	cc, ccLang, err := o.recipients(ctx, q, t, m.Cc, own, seen)
	if err != nil {
		return err
	}
	if len(to) == 0 {
		to, cc, lang = cc, nil, ccLang
	}
	if len(to) == 0 {
		return nil
	}
	data := o.ticketData(t)
	data.Agent = Person{Name: m.AuthorName}
	data.Waiting = t.Status.Category == model.CategoryWaitingCustomer
	data.Resolved = t.Status.Category == model.CategoryResolved
	if data.Waiting {
		data.Reason = t.WaitingReason
	}
	subject, footer, err := o.render(ctx, q, TemplateReplyFooter, lang, data)
	if err != nil {
		return err
	}
	sig, err := q.Signature(ctx, m.AuthorID)
	if err != nil {
		return err
	}
	var text strings.Builder
	if body := strings.TrimRight(m.Body, " \t\r\n"); body != "" {
		text.WriteString(body + "\n\n")
	}
	text.WriteString("-- \n")
	if sig = strings.TrimSpace(strings.ReplaceAll(sig, "\r\n", "\n")); sig != "" {
		text.WriteString(sig + "\n\n")
	}
	text.WriteString(footer)
	from, err := o.sender(ctx, q, t, m.AuthorName)
	if err != nil {
		return err
	}
	var files []model.Attachment
	for _, a := range m.Attachments {
		if !a.Inline {
			files = append(files, a)
		}
	}
	mid, err := o.enqueue(ctx, q, &outMail{kind: kindReply, ticket: t, messageRef: m.ID, from: from, to: to, cc: cc,
		subject: subject, text: text.String(), attachments: files})
	if err != nil {
		return err
	}
	return q.SetMessageMailID(ctx, m.ID, mid)
}

// newReply tells the contacts a contact's message was copied to — never
// its author, nor those who turned these notices off — with the text of
// the message.
func (o *Outbox) newReply(ctx context.Context, q *store.Queries, t *model.Ticket, m *model.Message) error {
	data := o.ticketData(t)
	data.Author = Person{Name: m.AuthorName}
	data.Text = m.Body
	told := map[int64]bool{m.AuthorID: true}
	for _, r := range m.Cc {
		if r.UserID == 0 || told[r.UserID] {
			continue
		}
		told[r.UserID] = true
		u, err := q.User(ctx, r.UserID)
		if err != nil {
			return err
		}
		if !u.IsContact() || !authz.Message(u, t, m) || u.NotifyOff.Has(model.NotifyReplies) {
			continue
		}
		if err := o.notify(ctx, q, TemplateNewReply, t, u, data); err != nil {
			return err
		}
	}
	return nil
}

// notify queues notification name about t (nil for none) for user u, in
// u's language. A user who is inactive or has no usable address, or whose
// address is one of ours, gets nothing.
func (o *Outbox) notify(ctx context.Context, q *store.Queries, name string, t *model.Ticket, u *model.User, data Data) error {
	if !u.Active {
		return nil
	}
	addr, ok := mailAddress(u.Email, u.Name)
	if !ok {
		return nil
	}
	own, err := o.ownAddresses(ctx, q)
	if err != nil {
		return err
	}
	if own[addr.Address] {
		return nil
	}
	data.Contact = Person{Name: u.Name, Email: addr.Address}
	subject, body, err := o.render(ctx, q, name, supportedLanguage(u.Language, o.lang), data)
	if err != nil {
		return err
	}
	from, err := o.sender(ctx, q, t, "")
	if err != nil {
		return err
	}
	_, err = o.enqueue(ctx, q, &outMail{kind: name, ticket: t, from: from, to: []mail.Address{addr},
		subject: subject, text: body, notification: true})
	return err
}

// recipients resolves the addressees of a message: a user by the current
// record (an inactive one, or a contact who may not see the ticket, is
// left out), other addresses as written. Addresses in seen or of our own
// are left out, so no one gets a mail twice and we never write to
// ourselves. lang is the language of the first user among them.
func (o *Outbox) recipients(ctx context.Context, q *store.Queries, t *model.Ticket, list []model.Recipient, own, seen map[string]bool) ([]mail.Address, string, error) {
	var out []mail.Address
	lang := ""
	for _, r := range list {
		email, name, userLang := r.Email, r.Name, ""
		if r.UserID != 0 {
			u, err := q.User(ctx, r.UserID)
			if errors.Is(err, model.ErrNotFound) {
				continue
			}
			if err != nil {
				return nil, "", err
			}
			if !u.Active || (u.IsContact() && !authz.Ticket(u, t).See) {
				continue
			}
			email, name, userLang = u.Email, u.Name, u.Language
		}
		addr, ok := mailAddress(email, name)
		if !ok || seen[addr.Address] || own[addr.Address] {
			continue
		}
		seen[addr.Address] = true
		out = append(out, addr)
		if lang == "" && r.UserID != 0 {
			lang = supportedLanguage(userLang, o.lang)
		}
	}
	if lang == "" {
		lang = o.lang
	}
	return out, lang, nil
}

// mailAddress checks an address and pairs it with a one-line name.
func mailAddress(email, name string) (mail.Address, bool) {
	email = store.NormalizeEmail(email)
	if email == "" {
		return mail.Address{}, false
	}
	a, err := mail.ParseAddress("<" + email + ">")
	if err != nil || a.Address != email {
		return mail.Address{}, false
	}
	return mail.Address{Name: plaintext.Line(name), Address: email}, true
}

// ownAddresses are the addresses mail must never be sent to: the default
// sender and every mailbox.
func (o *Outbox) ownAddresses(ctx context.Context, q *store.Queries) (map[string]bool, error) {
	boxes, err := q.Mailboxes(ctx)
	if err != nil {
		return nil, err
	}
	own := map[string]bool{store.NormalizeEmail(o.from.Address): true}
	for _, b := range boxes {
		own[store.NormalizeEmail(b.Address)] = true
	}
	return own, nil
}

// sender is the From of mail about t: its mailbox, else the default
// sender. An agent's reply carries the agent's name, with the mailbox's
// name in brackets.
func (o *Outbox) sender(ctx context.Context, q *store.Queries, t *model.Ticket, agentName string) (sender, error) {
	s := sender{addr: o.from}
	if t != nil && t.MailboxID != 0 {
		mb, err := q.Mailbox(ctx, t.MailboxID)
		switch {
		case err == nil:
			s = sender{addr: mail.Address{Name: mb.Name, Address: mb.Address}, mailboxID: mb.ID}
		case !errors.Is(err, model.ErrNotFound):
			return s, err
		}
	}
	if agentName = plaintext.Line(agentName); agentName != "" {
		if s.addr.Name != "" {
			s.addr.Name = agentName + " (" + s.addr.Name + ")"
		} else {
			s.addr.Name = agentName
		}
	}
	s.addr.Name = plaintext.Line(s.addr.Name)
	return s, nil
}

// ticketData is what every template about t sees.
func (o *Outbox) ticketData(t *model.Ticket) Data {
	return Data{
		Ticket:  TicketData{Number: t.Number, Subject: t.Subject, Status: t.Status.Name},
		Link:    o.portalLink(t.Number),
		BaseURL: o.baseURL,
	}
}
