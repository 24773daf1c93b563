package model

import (
	"slices"
	"strings"
	"time"
)

// Category groups statuses; it decides whose turn a ticket is.
type Category string

// The six categories of DESIGN §2.
const (
	CategoryNew             Category = "new"
	CategoryOpen            Category = "open"
	CategoryWaitingCustomer Category = "waiting_customer"
	CategoryOnHold          Category = "on_hold"
	CategoryResolved        Category = "resolved"
	CategoryClosed          Category = "closed"
)

// Categories lists the categories in the order of a ticket's life.
var Categories = []Category{CategoryNew, CategoryOpen, CategoryWaitingCustomer, CategoryOnHold, CategoryResolved, CategoryClosed}

// Valid reports whether c is one of the six categories.
func (c Category) Valid() bool { return slices.Contains(Categories, c) }

// Ball says whose turn a ticket is.
type Ball string

// Whose turn.
const (
	BallSupport  Ball = "support"
	BallCustomer Ball = "customer"
	BallNone     Ball = "none"
)

// Ball derives whose turn it is from the category: support works new, open
// and on-hold tickets; the customer answers a waiting ticket and may reopen
// a resolved one; a closed ticket waits for nobody.
func (c Category) Ball() Ball {
	switch c {
	case CategoryWaitingCustomer, CategoryResolved:
		return BallCustomer
	case CategoryClosed:
		return BallNone
	}
	return BallSupport
}

// Done reports whether the category ends the work (resolved or closed).
func (c Category) Done() bool { return c == CategoryResolved || c == CategoryClosed }

// Status is a named state in a category.
type Status struct {
	ID       int64
	Name     string
	Category Category
	Position int
	Labels   Labels // display names admins gave it, by language
}

// Channel says how a ticket came in.
type Channel string

// Channels.
const (
	ChannelPortal Channel = "portal"
	ChannelEmail  Channel = "email"
	ChannelPhone  Channel = "phone"
	ChannelAPI    Channel = "api"
	ChannelDesk   Channel = "desk"
	ChannelSMS    Channel = "sms"
)

// Ticket is one case.
type Ticket struct {
	ID             int64
	Number         int64
	Subject        string
	OrgID          int64
	OrgName        string
	RequesterID    int64
	RequesterName  string
	RequesterEmail string
	Status         Status
	WaitingReason  string
	Type           string
	Priority       string
	Impact         string
	Module         string
	Version        string
	TeamID         int64
	TeamName       string
	AssigneeID     int64
	AssigneeName   string
	Channel        Channel
	MailboxID      int64 // the mailbox the ticket's mail goes through; 0: the default sender
	Internal       bool
	CustomFields   map[string]any
	CreatedAt      time.Time
	UpdatedAt      time.Time
	LastActivityAt time.Time
	PriorityRank   int64    // position of the priority among its options
	Tags           []string // lower-case words, set by routing rules
	SLA            SLA
	ProjectID      int64   // the project it belongs to; 0: none
	Participants   []int64 // loaded with the single ticket, not in lists
}

// SLA is where a ticket's service-level clocks stand. A zero due time is
// none pending: no target, met, or the clock stands still while the ball
// is with the customer.
type SLA struct {
	FirstResponseAt  time.Time // support's first answer; zero: none yet
	FirstResponseDue time.Time
	ResolutionDue    time.Time
}

// NextDue is the earlier pending due time, zero when none is pending.
func (s SLA) NextDue() time.Time {
	if s.FirstResponseDue.IsZero() || (!s.ResolutionDue.IsZero() && s.ResolutionDue.Before(s.FirstResponseDue)) {
		return s.ResolutionDue
	}
	return s.FirstResponseDue
}

// Ball says whose turn the ticket is.
func (t *Ticket) Ball() Ball { return t.Status.Category.Ball() }

// IsParty reports whether user id is the ticket's requester or a
// participant. Participants are known only on a ticket loaded by itself.
func (t *Ticket) IsParty(id int64) bool {
	return id != 0 && (t.RequesterID == id || slices.Contains(t.Participants, id))
}

// MessageKind says where a message came from.
type MessageKind string

// Message kinds of DESIGN §2.
const (
	KindEmailIn  MessageKind = "email_in"
	KindEmailOut MessageKind = "email_out"
	KindPortal   MessageKind = "portal"
	KindNote     MessageKind = "note"
	KindPhone    MessageKind = "phone"
	KindSMSIn    MessageKind = "sms_in"
	KindSMSOut   MessageKind = "sms_out"
	KindSystem   MessageKind = "system"
)

// MessageKinds lists every kind.
var MessageKinds = []MessageKind{KindEmailIn, KindEmailOut, KindPortal, KindNote, KindPhone, KindSMSIn, KindSMSOut, KindSystem}

// Recipient is an addressee of a message; UserID is 0 for an address that
// belongs to no user.
type Recipient struct {
	UserID int64
	Email  string
	Name   string
}

// Message is one piece of correspondence.
type Message struct {
	ID          int64
	TicketID    int64
	Kind        MessageKind
	AuthorID    int64
	AuthorName  string
	AuthorKind  Kind
	To          []Recipient
	Cc          []Recipient
	Body        string
	HTML        string
	Internal    bool
	MessageID   string // RFC 5322 Message-ID, without angle brackets
	InReplyTo   string
	Sender      string // the From address of a received mail
	RawKey      string // blob key of the raw mail as received; "" for others
	Auto        bool   // an auto-reply or bounce: it notifies no one and reopens nothing
	Flags       string // space-separated warnings for agents, e.g. "dmarc-fail"
	Attachments []Attachment
	CreatedAt   time.Time
	// A phone call or text message: the other party's number; for a call
	// its direction, length and outcome (see the ticket package's Call*).
	Phone         string
	CallDirection string
	CallSeconds   int64
	CallOutcome   string
}

// HasFlag reports whether the message carries flag f.
func (m *Message) HasFlag(f string) bool {
	return slices.Contains(strings.Fields(m.Flags), f)
}

// Received reports whether user id is among the message's To or Cc.
func (m *Message) Received(id int64) bool {
	for _, list := range [][]Recipient{m.To, m.Cc} {
		for _, r := range list {
			if id != 0 && r.UserID == id {
				return true
			}
		}
	}
	return false
}

// Attachment is a file on a message, or an upload not attached yet
// (MessageID 0).
type Attachment struct {
	ID          int64
	MessageID   int64
	TicketID    int64 // of the message; 0 for an upload
	UploaderID  int64
	Name        string
	Size        int64
	ContentType string
	BlobKey     string
	ContentID   string // Content-ID of a mail part, without angle brackets
	Inline      bool   // shown inside the message (a cid: image), not listed
	CreatedAt   time.Time
}

// Event is one entry of a ticket's history: a field changed from Old to New.
type Event struct {
	ID        int64
	TicketID  int64
	ActorID   int64
	ActorName string
	Field     string
	Old       string
	New       string
	CreatedAt time.Time
}

// Option is one allowed value of a ticket field such as priority.
type Option struct {
	Field             string
	Value             string
	Parent            string // the module of a version
	Position          int
	ContactSelectable bool
	Default           bool
	Labels            Labels // display names admins gave it, by language
}

// The ticket fields that take their values from options.
const (
	FieldType     = "type"
	FieldPriority = "priority"
	FieldImpact   = "impact"
	FieldModule   = "module"
	FieldVersion  = "version"
)

// OptionFields lists the option-backed fields in form order.
var OptionFields = []string{FieldType, FieldPriority, FieldImpact, FieldModule, FieldVersion}
