package model

import (
	"slices"
	"strings"
)

// Notification names a kind of mail a user may turn off in the profile.
//
// Only mails that tell of something the user can also see in the portal
// are optional. Never optional are an agent's reply addressed to the user
// (that is the correspondence itself), the copy of a request the user
// asked for with "send me a copy", and the mails of an account's life
// (address verification, password reset, invitation, change of address).
type Notification string

// The notifications a contact may turn off.
const (
	// NotifyReceived: a ticket of the contact's was received (by mail, API
	// or staff).
	NotifyReceived Notification = "received"
	// NotifyReplies: another participant wrote on a ticket the contact
	// takes part in.
	NotifyReplies Notification = "replies"
	// NotifyStatus: a ticket waits for the customer, or was resolved.
	NotifyStatus Notification = "status"
)

// ContactNotifications lists, in the order the profile shows them, the
// notifications a contact may turn off.
var ContactNotifications = []Notification{NotifyReceived, NotifyReplies, NotifyStatus}

// AgentNotifications lists the notifications an agent may turn off. There
// are no mails to agents yet; the kinds that tell agents of their work
// (an assignment, say) belong here.
var AgentNotifications = []Notification{}

// AllNotifications lists every notification of every kind of user.
var AllNotifications = slices.Concat(ContactNotifications, AgentNotifications)

// NotificationsFor lists the notifications u may turn off.
func NotificationsFor(u *User) []Notification {
	if u.IsAgent() {
		return AgentNotifications
	}
	return ContactNotifications
}

// Notifications is a set of notifications, as kept in User.NotifyOff.
type Notifications []Notification

// Has reports whether n contains x.
func (n Notifications) Has(x Notification) bool { return slices.Contains(n, x) }

// String encodes the set as a comma-separated list, the form it is stored in.
func (n Notifications) String() string {
	s := make([]string, len(n))
	for i, x := range n {
		s[i] = string(x)
	}
	return strings.Join(s, ",")
}

// ParseNotifications decodes the stored form, in the order of
// AllNotifications. Unknown names are dropped, so a notification removed
// from the code is forgotten.
func ParseNotifications(s string) Notifications {
	var in Notifications
	for part := range strings.SplitSeq(s, ",") {
		in = append(in, Notification(strings.TrimSpace(part)))
	}
	return in.Normal()
}

// Normal returns the known notifications of n in the order of
// AllNotifications, without duplicates.
func (n Notifications) Normal() Notifications {
	out := Notifications{}
	for _, x := range AllNotifications {
		if n.Has(x) {
			out = append(out, x)
		}
	}
	return out
}
