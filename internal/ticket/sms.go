package ticket

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"supportal/internal/model"
	"supportal/internal/sms"
	"supportal/internal/store"
)

// SetSMS makes the service send text messages through g. Without one,
// sending fails with sms.ErrNotConfigured.
func (s *Service) SetSMS(g sms.Gateway) { s.sms = g }

// ErrUnknownSender is a received text message whose number belongs to
// no contact, or to more than one: it is stored nowhere.
var ErrUnknownSender = errors.New("ticket: text message from an unknown number")

// SMSParams is a text message an agent sends from a ticket. To empty:
// the requester's phone number.
type SMSParams struct {
	To   string
	Text string
}

// SendSMS sends a text message to the requester (or another number) and
// records it on the ticket as a public message of kind sms_out. The
// gateway is asked first, outside any transaction; when it refuses, the
// error wraps sms.ErrGateway and nothing is stored.
func (s *Service) SendSMS(ctx context.Context, u *model.User, number int64, p SMSParams) (*model.Message, error) {
	t, acc, err := s.Get(ctx, u, number)
	if err != nil {
		return nil, err
	}
	if !u.IsAgent() || !acc.Reply {
		return nil, model.ErrForbidden
	}
	v := &model.ValidationError{}
	text := strings.TrimSpace(strings.ToValidUTF8(p.Text, "\uFFFD"))
	switch {
	case text == "":
		v.Add("text", "error.required")
	case utf8.RuneCountInString(text) > sms.MaxText:
		v.Add("text", "calls.error.sms_too_long")
	}
	to := strings.TrimSpace(p.To)
	toRequester := to == ""
	if toRequester {
		r, err := s.st.User(ctx, t.RequesterID)
		if err != nil {
			return nil, err
		}
		to = r.Phone
		if strings.TrimSpace(to) == "" {
			v.Add("to", "calls.error.no_phone")
		}
	}
	dial := model.PhoneDigits(to)
	if to != "" && (len(to) > 40 || len(strings.TrimPrefix(dial, "+")) < 6) {
		v.Add("to", "calls.error.number")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if s.sms == nil {
		return nil, sms.ErrNotConfigured
	}
	if _, err := s.sms.Send(ctx, dial, text); err != nil {
		return nil, fmt.Errorf("ticket %d: send sms: %w", number, err)
	}
	nm := store.NewMessage{TicketID: t.ID, Kind: model.KindSMSOut, AuthorID: u.ID, Body: text, HTML: TextToHTML(text), Phone: dial}
	if toRequester || s.requesterHas(ctx, t, dial) {
		nm.To = []model.Recipient{{UserID: t.RequesterID}}
	}
	var id int64
	err = s.st.InTx(ctx, func(q *store.Queries) error {
		if id, err = q.CreateMessage(ctx, nm); err != nil {
			return err
		}
		if err := s.refreshSLA(ctx, q, t.ID); err != nil {
			return err
		}
		return s.notifyMessage(ctx, q, number, id)
	})
	if err != nil {
		return nil, fmt.Errorf("ticket %d: record sent sms: %w", number, err)
	}
	s.kick()
	return s.st.Message(ctx, id)
}

// requesterHas reports whether phone is the requester's number.
func (s *Service) requesterHas(ctx context.Context, t *model.Ticket, phone string) bool {
	r, err := s.st.User(ctx, t.RequesterID)
	return err == nil && model.SamePhone(r.Phone, phone)
}

// ReceivedSMS is where a received text message went.
type ReceivedSMS struct {
	Number  int64 // the ticket
	Created bool  // a new ticket was opened for it
}

// ReceiveSMS files a text message received from phone: the one active
// contact with that number (model.SamePhone) writes it onto its newest
// open ticket, as a reply that hands the ball back to support, else
// opens a new ticket of channel sms. A number of no contact, or of
// several, is ErrUnknownSender and nothing is stored.
func (s *Service) ReceiveSMS(ctx context.Context, phone, text string) (ReceivedSMS, error) {
	text = strings.TrimSpace(strings.ToValidUTF8(text, "\uFFFD"))
	if text == "" {
		return ReceivedSMS{}, model.Invalid("text", "error.required")
	}
	if utf8.RuneCountInString(text) > sms.MaxText {
		return ReceivedSMS{}, model.Invalid("text", "calls.error.sms_too_long")
	}
	contacts, err := s.st.ContactsByPhone(ctx, phone)
	if err != nil {
		return ReceivedSMS{}, err
	}
	if len(contacts) != 1 {
		return ReceivedSMS{}, ErrUnknownSender
	}
	u := contacts[0]
	dial := model.PhoneDigits(phone)
	n, err := s.st.NewestOpenTicket(ctx, u.ID)
	switch {
	case errors.Is(err, model.ErrNotFound):
		t, err := s.Create(ctx, u, CreateParams{Subject: smsSubject(text), Channel: model.ChannelSMS,
			first: func(t *model.Ticket) store.NewMessage {
				return store.NewMessage{TicketID: t.ID, Kind: model.KindSMSIn, AuthorID: u.ID, Body: text, HTML: TextToHTML(text), Phone: dial}
			}})
		if err != nil {
			return ReceivedSMS{}, err
		}
		return ReceivedSMS{Number: t.Number, Created: true}, nil
	case err != nil:
		return ReceivedSMS{}, err
	}
	return ReceivedSMS{Number: n}, s.appendSMS(ctx, u, n, text, dial)
}

// appendSMS adds a received text message to ticket n of its sender, the
// way a contact's reply is added.
func (s *Service) appendSMS(ctx context.Context, u *model.User, n int64, text, phone string) error {
	t, acc, err := s.Get(ctx, u, n)
	if err != nil {
		return err
	}
	if !acc.Reply {
		return ErrUnknownSender
	}
	v := &model.ValidationError{}
	var change *statusChange
	if t.Status.Category != model.CategoryOpen && t.Ball() != model.BallSupport {
		if change, err = s.resolveStatus(ctx, t, "", model.CategoryOpen, "", false, v); err != nil {
			return err
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	nm := newMessage(u, t, text, false, "", nil)
	nm.Kind, nm.Phone = model.KindSMSIn, phone
	err = s.st.InTx(ctx, func(q *store.Queries) error {
		id, err := q.CreateMessage(ctx, nm)
		if err != nil {
			return err
		}
		if change != nil {
			if err := applyChanges(ctx, q, u, t, changes{status: change}); err != nil {
				return err
			}
		}
		if err := s.refreshSLA(ctx, q, t.ID); err != nil {
			return err
		}
		return s.notifyMessage(ctx, q, n, id)
	})
	if err != nil {
		return fmt.Errorf("ticket %d: receive sms: %w", n, err)
	}
	s.kick()
	return nil
}

// smsSubject is the subject of a ticket a text message opens: its first
// line, at most 80 characters.
func smsSubject(text string) string {
	line, _, _ := strings.Cut(text, "\n")
	line = strings.TrimSpace(line)
	if utf8.RuneCountInString(line) > 80 {
		line = string([]rune(line)[:79]) + "…"
	}
	return line
}
