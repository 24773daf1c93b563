// Package mailview shows messages on the ticket pages of the desk and the
// portal alike. The HTML of a received mail is hostile (SECURITY rule 5):
// it is never put into a page, but served as a document of its own that
// the page shows in a sandboxed frame without scripts, under a policy
// that blocks remote images until the reader asks for them. Text is
// always escaped, with the quoted conversation folded away.
package mailview

import (
	"context"
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"supportal/internal/mailparse"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/ticket"
)

// Message is one message as a ticket page shows it.
type Message struct {
	*model.Message
	Frame        string             // address of the frame that shows the mail's HTML; "" for a message shown as text
	RemoteImages bool               // the HTML shows images from other servers
	RemoteShown  bool               // … and the reader asked to see them
	RemoteToggle string             // the page address that shows them (or blocks them again)
	Fresh        string             // the text the message adds
	Quoted       string             // the conversation it quotes, folded away; "" when it quotes none
	From         string             // the address a mail came from, when it is not its author's
	Files        []model.Attachment // the files listed below it; not the images shown inside the mail
}

// FreshHTML is the new text as escaped HTML with paragraphs.
func (m Message) FreshHTML() template.HTML { return template.HTML(ticket.TextToHTML(m.Fresh)) } // TextToHTML escapes

// QuotedHTML is the quoted text as escaped HTML with paragraphs.
func (m Message) QuotedHTML() template.HTML { return template.HTML(ticket.TextToHTML(m.Quoted)) } // TextToHTML escapes

// Page is where a ticket page lives, which the addresses of its frames
// and links derive from.
type Page struct {
	TicketPath string // "/desk/tickets/10042"
	Anchor     string // prefix of the id of a message's element on the page: "message-" gives id="message-7"
	Files      string // where the surface serves attachments: "/desk/attachments/"
	Remote     int64  // the message whose remote images the reader asked to see (the page's ?remote=)
}

// RemoteOf reads the page's ?remote= parameter: the id of the message
// whose remote images to show, or 0.
func RemoteOf(v string) int64 {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// Views prepares the messages of a ticket page. Only for a received mail
// does it look up the author, to tell whether the mail came from another
// address than the author's account.
func (p Page) Views(ctx context.Context, st *store.Store, msgs []*model.Message) ([]Message, error) {
	emails := map[int64]string{}
	out := make([]Message, 0, len(msgs))
	for _, m := range msgs {
		if m.Kind == model.KindEmailIn && m.Sender != "" && m.AuthorID != 0 {
			if _, ok := emails[m.AuthorID]; !ok {
				u, err := st.User(ctx, m.AuthorID)
				if err != nil {
					return nil, fmt.Errorf("mailview: author of message %d: %w", m.ID, err)
				}
				emails[m.AuthorID] = u.Email
			}
		}
		out = append(out, p.View(m, emails[m.AuthorID]))
	}
	return out, nil
}

// View prepares one message; authorEmail is its author's account address.
func (p Page) View(m *model.Message, authorEmail string) Message {
	v := Message{Message: m}
	if m.Kind == model.KindEmailIn && m.Sender != "" && !strings.EqualFold(m.Sender, authorEmail) {
		v.From = m.Sender
	}
	if !ticket.OwnHTML(m) {
		fresh, quoted := mailparse.SplitQuote(m.Body)
		v.Fresh, v.Quoted = strings.TrimRight(fresh, " \t\r\n"), strings.Trim(quoted, "\r\n")
		v.Files = m.Attachments // with no HTML to show them in, inline images are files like any other
		return v
	}
	for _, a := range m.Attachments {
		if !a.Inline {
			v.Files = append(v.Files, a)
		}
	}
	id := strconv.FormatInt(m.ID, 10)
	v.Frame = p.TicketPath + "/messages/" + id + "/body"
	v.RemoteImages = prepare(m.HTML, m.Attachments, p.Files, "").remote
	v.RemoteShown = v.RemoteImages && p.Remote == m.ID
	v.RemoteToggle = p.TicketPath + "?remote=" + id + "#" + p.Anchor + id
	if v.RemoteShown {
		v.Frame += "?remote=1"
		v.RemoteToggle = p.TicketPath + "#" + p.Anchor + id
	}
	return v
}
