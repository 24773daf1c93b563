package mailout

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"net/mail"
	"regexp"
	"strconv"
	"strings"

	gomail "github.com/wneessen/go-mail"

	"supportal/internal/model"
	"supportal/internal/store"
)

// maxReferences is how many Message-IDs of the ticket a mail refers to.
const maxReferences = 10

// Kind of the outbox row of an agent's reply; notifications use their
// template name.
const kindReply = "reply"

// outMail is one mail to queue.
type outMail struct {
	kind         string
	ticket       *model.Ticket // nil: about no ticket
	messageRef   int64         // the message this mail carries (an agent's reply)
	from         sender
	to, cc       []mail.Address
	subject      string
	text         string
	notification bool // machine-written: marked so that auto-responders stay quiet
	attachments  []model.Attachment
}

// sender is the From of a mail and the mailbox it stands for.
type sender struct {
	addr      mail.Address
	mailboxID int64
}

// enqueue builds the message, keeps it as a blob and queues it, all
// within q, and returns its Message-ID.
func (o *Outbox) enqueue(ctx context.Context, q *store.Queries, m *outMail) (string, error) {
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	var mid string
	if m.ticket != nil {
		mid = o.tokens.MessageID(m.ticket.Number)
		m.subject = withTag(m.subject, m.ticket.Number)
		th, err := q.TicketMailThread(ctx, m.ticket.ID, maxReferences)
		if err != nil {
			return "", err
		}
		if safeMessageID(th.InReplyTo) {
			msg.SetGenHeader(gomail.HeaderInReplyTo, "<"+th.InReplyTo+">")
		}
		var refs []string
		for _, r := range th.References {
			if safeMessageID(r) {
				refs = append(refs, "<"+r+">")
			}
		}
		if len(refs) > 0 {
			msg.SetGenHeader(gomail.HeaderReferences, strings.Join(refs, " "))
		}
	} else {
		mid = o.tokens.Plain()
	}
	msg.SetMessageIDWithValue(mid)
	msg.SetDateWithValue(o.now())
	from := m.from.addr
	msg.SetAddrHeaderFromMailAddress(gomail.HeaderFrom, &from)
	msg.SetAddrHeaderFromMailAddress(gomail.HeaderTo, pointers(m.to)...)
	if len(m.cc) > 0 {
		msg.SetAddrHeaderFromMailAddress(gomail.HeaderCc, pointers(m.cc)...)
	}
	msg.Subject(m.subject)
	if m.notification {
		msg.SetGenHeader("Auto-Submitted", "auto-generated")
		msg.SetGenHeader(gomail.HeaderXAutoResponseSuppress, "All")
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.text)
	msg.AddAlternativeString(gomail.TypeTextHTML, textToHTML(m.text))
	for _, a := range m.attachments {
		if err := o.attach(ctx, msg, a); err != nil {
			return "", err
		}
	}
	var raw bytes.Buffer
	if _, err := msg.WriteTo(&raw); err != nil {
		return "", fmt.Errorf("mailout: write %s mail: %w", m.kind, err)
	}
	key, _, err := o.blobs.Put(ctx, &raw, o.maxSize)
	if err != nil {
		return "", fmt.Errorf("mailout: keep %s mail: %w", m.kind, err)
	}
	om := &store.OutboxMail{Kind: m.kind, MessageRef: m.messageRef, MailboxID: m.from.mailboxID, MessageID: mid,
		Sender: m.from.addr.Address, Subject: m.subject, RawKey: key, CreatedAt: o.now()}
	if m.ticket != nil {
		om.TicketID = m.ticket.ID
	}
	for _, list := range [][]mail.Address{m.to, m.cc} {
		for _, a := range list {
			om.Recipients = append(om.Recipients, a.Address)
		}
	}
	if _, err := q.EnqueueMail(ctx, om); err != nil {
		return "", err
	}
	return mid, nil
}

// attach adds a file of a message from the blob store.
func (o *Outbox) attach(ctx context.Context, msg *gomail.Msg, a model.Attachment) error {
	f, err := o.blobs.Open(ctx, a.BlobKey)
	if err != nil {
		return fmt.Errorf("mailout: attachment %d: %w", a.ID, err)
	}
	defer f.Close()
	ct := a.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	// AttachReader reads the file at once, so f may close on return.
	if err := msg.AttachReader(a.Name, f, gomail.WithFileContentType(gomail.ContentType(ct))); err != nil {
		return fmt.Errorf("mailout: attachment %d: %w", a.ID, err)
	}
	return nil
}

func pointers(list []mail.Address) []*mail.Address {
	out := make([]*mail.Address, len(list))
	for i := range list {
		out[i] = &list[i]
	}
	return out
}

// safeMessageID reports whether a stored Message-ID may go into a header
// as it is. The Message-IDs of received mail are the sender's choice, so
// one with spaces, brackets or control characters is left out rather than
// written.
func safeMessageID(id string) bool {
	if id == "" || len(id) > 250 || !strings.Contains(id, "@") {
		return false
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; c <= ' ' || c >= 0x7f || c == '<' || c == '>' || c == '"' || c == '\\' || c == ',' {
			return false
		}
	}
	return true
}

// tag is the ticket tag of a subject: "[#" + number + "]".
func tag(n int64) string { return "[#" + strconv.FormatInt(n, 10) + "]" }

// withTag adds the ticket tag to a subject that lacks it.
func withTag(subject string, n int64) string {
	if strings.Contains(subject, tag(n)) {
		return subject
	}
	return strings.TrimSpace(subject + " " + tag(n))
}

var urlPattern = regexp.MustCompile(`https?://[^\s<>"]+[^\s<>".,;:!?)]`)

// textToHTML renders plain text as the HTML alternative of a mail:
// escaped, paragraphs at blank lines, line breaks kept, web addresses as
// links.
func textToHTML(text string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html><body>\n")
	for para := range strings.SplitSeq(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		para = strings.Trim(para, "\n")
		if para == "" {
			continue
		}
		b.WriteString("<p>")
		b.WriteString(strings.ReplaceAll(linkify(para), "\n", "<br>\n"))
		b.WriteString("</p>\n")
	}
	b.WriteString("</body></html>\n")
	return b.String()
}

// linkify escapes text and turns the http(s) addresses in it into links.
func linkify(text string) string {
	var b strings.Builder
	last := 0
	for _, loc := range urlPattern.FindAllStringIndex(text, -1) {
		b.WriteString(html.EscapeString(text[last:loc[0]]))
		u := html.EscapeString(text[loc[0]:loc[1]])
		b.WriteString(`<a href="` + u + `">` + u + `</a>`)
		last = loc[1]
	}
	b.WriteString(html.EscapeString(text[last:]))
	return b.String()
}
