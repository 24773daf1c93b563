package ticket

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"supportal/internal/model"
	"supportal/internal/store"
)

// Directions of a call.
const (
	CallIn  = "in"
	CallOut = "out"
)

// Outcomes of a call.
const (
	CallReached          = "reached"
	CallNotReached       = "not_reached"
	CallVoicemail        = "voicemail"
	CallCallbackArranged = "callback_arranged"
)

// CallOutcomes lists the outcomes in the order forms offer them.
var CallOutcomes = []string{CallReached, CallNotReached, CallVoicemail, CallCallbackArranged}

// MaxCallSeconds is the longest call that can be logged: one day.
const MaxCallSeconds = 24 * 60 * 60

// CallParams is a phone call as an agent logs it. Duration is "m:ss"
// (or "h:mm:ss") or whole minutes; empty is a call of no length, such as
// one that did not reach anyone.
type CallParams struct {
	Direction string
	Number    string
	Duration  string
	Outcome   string
	Note      string
}

// ParseCallDuration reads a call's length in seconds; ok is false for
// anything but "m:ss", "h:mm:ss" or whole minutes within a day.
func ParseCallDuration(s string) (seconds int64, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, true
	}
	parts := strings.Split(s, ":")
	if len(parts) > 3 {
		return 0, false
	}
	nums := make([]int64, len(parts))
	for i, p := range parts {
		n, err := strconv.ParseInt(p, 10, 64)
		if err != nil || n < 0 || (i > 0 && (len(p) != 2 || n > 59)) || n > MaxCallSeconds {
			return 0, false
		}
		nums[i] = n
	}
	switch len(nums) {
	case 1:
		seconds = nums[0] * 60
	case 2:
		seconds = nums[0]*60 + nums[1]
	default:
		seconds = nums[0]*3600 + nums[1]*60 + nums[2]
	}
	return seconds, seconds <= MaxCallSeconds
}

// callMessage validates a call and builds its message: an internal note
// of kind phone, because what an agent writes down about a call is the
// agent's record, not correspondence the customer reads.
func callMessage(u *model.User, t *model.Ticket, p CallParams, v *model.ValidationError) store.NewMessage {
	if p.Direction != CallIn && p.Direction != CallOut {
		v.Add("direction", "error.option")
	}
	if !slices.Contains(CallOutcomes, p.Outcome) {
		v.Add("outcome", "error.option")
	}
	number := strings.TrimSpace(p.Number)
	switch {
	case number == "":
		v.Add("number", "error.required")
	case len(number) > 40 || len(strings.TrimPrefix(model.PhoneDigits(number), "+")) < 3:
		v.Add("number", "calls.error.number")
	}
	seconds, ok := ParseCallDuration(p.Duration)
	if !ok {
		v.Add("duration", "calls.error.duration")
	}
	note, ok := cleanText(p.Note, MaxBody)
	if !ok {
		v.Add("note", "error.too_long")
	}
	return store.NewMessage{TicketID: t.ID, Kind: model.KindPhone, AuthorID: u.ID, Body: note, HTML: TextToHTML(note), Internal: true,
		Phone: number, CallDirection: p.Direction, CallSeconds: seconds, CallOutcome: p.Outcome}
}

// LogCall records a phone call on a ticket as an internal message of
// kind phone, with a line in the history. Only staff log calls.
func (s *Service) LogCall(ctx context.Context, u *model.User, number int64, p CallParams) (*model.Message, error) {
	t, acc, err := s.Get(ctx, u, number)
	if err != nil {
		return nil, err
	}
	if !u.IsAgent() || !acc.Note {
		return nil, model.ErrForbidden
	}
	v := &model.ValidationError{}
	nm := callMessage(u, t, p, v)
	if err := v.Err(); err != nil {
		return nil, err
	}
	var id int64
	err = s.st.InTx(ctx, func(q *store.Queries) error {
		if id, err = q.CreateMessage(ctx, nm); err != nil {
			return err
		}
		if err := q.AddEvent(ctx, model.Event{TicketID: t.ID, ActorID: u.ID, Field: "call", New: p.Outcome}); err != nil {
			return err
		}
		return s.refreshSLA(ctx, q, t.ID)
	})
	if err != nil {
		return nil, fmt.Errorf("ticket %d: log call: %w", number, err)
	}
	return s.st.Message(ctx, id)
}

// CallTicketParams is a ticket an agent opens from a call for a contact.
type CallTicketParams struct {
	RequesterID int64
	Subject     string
	Call        CallParams
}

// CreateFromCall opens a ticket of channel phone for a contact with the
// call as its first message. Only staff do this.
func (s *Service) CreateFromCall(ctx context.Context, u *model.User, p CallTicketParams) (*model.Ticket, error) {
	if !u.IsAgent() {
		return nil, model.ErrForbidden
	}
	v := &model.ValidationError{}
	callMessage(u, &model.Ticket{}, p.Call, v)
	if p.RequesterID == 0 {
		v.Add("requester_id", "error.required")
	} else if r, err := s.st.User(ctx, p.RequesterID); err == nil && !r.IsContact() {
		v.Add("requester_id", "error.unknown")
	}
	if strings.TrimSpace(p.Subject) == "" {
		v.Add("subject", "error.required")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	t, err := s.Create(ctx, u, CreateParams{Subject: p.Subject, RequesterID: p.RequesterID, Channel: model.ChannelPhone,
		first: func(t *model.Ticket) store.NewMessage {
			return callMessage(u, t, p.Call, &model.ValidationError{})
		}})
	if err != nil {
		return nil, err
	}
	return t, nil
}
