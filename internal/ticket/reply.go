package ticket

import (
	"context"
	"fmt"
	"html"
	"strings"

	"supportal/internal/model"
	"supportal/internal/store"
)

// ReplyParams is a message as a user writes it.
type ReplyParams struct {
	Body        string
	Attachments []int64
	// Staff only.
	Internal bool              // an internal note, never shown to contacts
	Kind     model.MessageKind // how it was sent; default email_out (note when Internal)
	Status   string            // status to set with the reply; "" keeps it
	Reason   string            // waiting reason when Status waits for the customer
}

// agentKinds are the kinds staff may record by hand. Mail and SMS the
// system receives arrive through their channels, not through this door.
var agentKinds = []model.MessageKind{model.KindEmailOut, model.KindNote, model.KindPhone}

// Reply adds a message to a ticket. A contact's reply hands the ball back
// to support: a ticket waiting for the customer, resolved or closed
// becomes open again.
func (s *Service) Reply(ctx context.Context, u *model.User, number int64, p ReplyParams) (*model.Message, error) {
	t, acc, err := s.Get(ctx, u, number)
	if err != nil {
		return nil, err
	}
	if u.IsContact() && (p.Internal || p.Kind != "" || p.Status != "" || p.Reason != "") {
		return nil, model.ErrForbidden
	}
	kind, err := replyKind(p)
	if err != nil {
		return nil, err
	}
	internal := p.Internal || kind == model.KindNote
	if (internal && !acc.Note) || (!internal && !acc.Reply) {
		return nil, model.ErrForbidden
	}
	v := &model.ValidationError{}
	body, ok := cleanText(p.Body, MaxBody)
	switch {
	case !ok:
		v.Add("body", "error.too_long")
	case body == "" && len(p.Attachments) == 0:
		v.Add("body", "error.required")
	}
	if len(p.Attachments) > MaxAttachments {
		v.Add("attachments", "error.too_many")
	}
	var change *statusChange
	if p.Status != "" {
		change, err = s.resolveStatus(ctx, t, p.Status, "", p.Reason, true, v)
		if err != nil {
			return nil, err
		}
		if err := s.checkResolveFields(ctx, u, t, change, v); err != nil {
			return nil, err
		}
	} else if u.IsContact() && t.Status.Category != model.CategoryOpen && t.Status.Category.Ball() != model.BallSupport {
		change, err = s.resolveStatus(ctx, t, "", model.CategoryOpen, "", false, v)
		if err != nil {
			return nil, err
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	var id int64
	err = s.st.InTx(ctx, func(q *store.Queries) error {
		nm := newMessage(u, t, body, internal, kind, p.Attachments)
		if id, err = q.CreateMessage(ctx, nm); err != nil {
			return err
		}
		if change != nil {
			if err := applyChanges(ctx, q, u, t, changes{status: change}); err != nil {
				return err
			}
			if err := s.technicalDone(ctx, q, u, t, change); err != nil {
				return err
			}
		}
		if err := s.refreshSLA(ctx, q, t.ID); err != nil {
			return err
		}
		if internal {
			// A note tells no one, but a status it sets is news to the customer.
			if change != nil {
				return s.notifyStatus(ctx, q, number, t.Status, u)
			}
			return nil
		}
		return s.notifyMessage(ctx, q, number, id)
	})
	if err != nil {
		return nil, fmt.Errorf("ticket %d: reply: %w", number, err)
	}
	s.kick()
	return s.st.Message(ctx, id)
}

func replyKind(p ReplyParams) (model.MessageKind, error) {
	switch {
	case p.Kind == "" && p.Internal:
		return model.KindNote, nil
	case p.Kind == "":
		return "", nil
	}
	for _, k := range agentKinds {
		if p.Kind == k {
			return k, nil
		}
	}
	return "", model.Invalid("kind", "error.option")
}

// newMessage builds a message of u on t with its recipients: staff write
// to the requester with the participants in copy; a contact writes to
// support with the other parties in copy. Notes reach no one.
func newMessage(u *model.User, t *model.Ticket, body string, internal bool, kind model.MessageKind, attachments []int64) store.NewMessage {
	nm := store.NewMessage{TicketID: t.ID, AuthorID: u.ID, Body: body, HTML: TextToHTML(body), Internal: internal, Attachments: attachments}
	switch {
	case internal:
		nm.Kind = model.KindNote
		return nm
	case u.IsAgent():
		nm.Kind = model.KindEmailOut
		if kind != "" {
			nm.Kind = kind
		}
		nm.To = []model.Recipient{{UserID: t.RequesterID}}
		for _, p := range t.Participants {
			if p != t.RequesterID {
				nm.Cc = append(nm.Cc, model.Recipient{UserID: p})
			}
		}
	default:
		nm.Kind = model.KindPortal
		for _, p := range append([]int64{t.RequesterID}, t.Participants...) {
			if p != u.ID && !containsUser(nm.Cc, p) {
				nm.Cc = append(nm.Cc, model.Recipient{UserID: p})
			}
		}
	}
	return nm
}

func containsUser(list []model.Recipient, id int64) bool {
	for _, r := range list {
		if r.UserID == id {
			return true
		}
	}
	return false
}

// TextToHTML renders plain text as safe HTML: escaped, paragraphs at blank
// lines, line breaks kept.
func TextToHTML(text string) string {
	if text == "" {
		return ""
	}
	var b strings.Builder
	for para := range strings.SplitSeq(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		para = strings.Trim(para, "\n")
		if para == "" {
			continue
		}
		b.WriteString("<p>")
		b.WriteString(strings.ReplaceAll(html.EscapeString(para), "\n", "<br>\n"))
		b.WriteString("</p>\n")
	}
	return b.String()
}
