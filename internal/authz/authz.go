// Package authz is the one place that decides who may see and change
// what (DESIGN §3). Every page and API handler asks it; nothing else
// compares organization ids or reads rights. It does no I/O: callers load
// the objects, authz decides.
//
// The rule of thumb the whole product follows: what a caller may not see
// does not exist for it (handlers answer 404); what it sees but may not
// change answers 403.
package authz

import (
	"supportal/internal/model"
)

// TicketAccess is what a user may do with one ticket.
type TicketAccess struct {
	See    bool // read the ticket and the messages Message allows
	Reply  bool // add a public message
	Note   bool // add an internal note
	Edit   bool // change status, fields, team and assignee
	Reopen bool // move a resolved or closed ticket back to open
	Close  bool // close it
}

// Ticket decides what u may do with t. t must be loaded with its
// participants.
func Ticket(u *model.User, t *model.Ticket) TicketAccess {
	if u == nil || !u.Active || t == nil {
		return TicketAccess{}
	}
	if u.IsAgent() {
		if !agentSees(u, t) {
			return TicketAccess{}
		}
		return TicketAccess{See: true, Reply: !t.Internal, Note: true, Edit: true, Reopen: t.Status.Category.Done(), Close: t.Status.Category != model.CategoryClosed}
	}
	if !contactSees(u, t) {
		return TicketAccess{}
	}
	write := t.IsParty(u.ID) || (u.Rights.Has(model.RightCommentOrg) && model.SameOrg(u.OrgID, t.OrgID))
	own := t.RequesterID == u.ID || (u.Rights.Has(model.RightCommentOrg) && model.SameOrg(u.OrgID, t.OrgID))
	return TicketAccess{
		See:    true,
		Reply:  write,
		Reopen: write && t.Status.Category.Done(),
		Close:  own && t.Status.Category != model.CategoryClosed,
	}
}

func agentSees(u *model.User, t *model.Ticket) bool {
	return u.IsAdmin() || u.InTeam(t.TeamID) || (t.AssigneeID != 0 && t.AssigneeID == u.ID)
}

func contactSees(u *model.User, t *model.Ticket) bool {
	if t.Internal {
		return false
	}
	return t.IsParty(u.ID) || (u.Rights.Has(model.RightOrgTickets) && model.SameOrg(u.OrgID, t.OrgID))
}

// Message reports whether u may read message m of ticket t. Agents who see
// the ticket read everything; contacts never read internal notes, and read
// the rest only with all_correspondence for their organization, or when
// they wrote or received the message.
func Message(u *model.User, t *model.Ticket, m *model.Message) bool {
	if !Ticket(u, t).See || m.TicketID != t.ID {
		return false
	}
	if u.IsAgent() {
		return true
	}
	if m.Internal {
		return false
	}
	if u.Rights.Has(model.RightAllCorrespondence) && model.SameOrg(u.OrgID, t.OrgID) {
		return true
	}
	return m.AuthorID == u.ID || m.Received(u.ID)
}

// Attachment reports whether u may download a. An attachment of a message
// follows the message (t and m must be those of a); an upload not yet
// attached (a.MessageID == 0) belongs to its uploader alone.
func Attachment(u *model.User, a *model.Attachment, t *model.Ticket, m *model.Message) bool {
	if u == nil || !u.Active {
		return false
	}
	if a.MessageID == 0 {
		return a.UploaderID == u.ID
	}
	if m == nil || t == nil || m.ID != a.MessageID {
		return false
	}
	return Message(u, t, m)
}

// CreateTicket reports whether u may open tickets: every active user.
func CreateTicket(u *model.User) bool { return u != nil && u.Active }

// TicketScope describes, as data, the set of tickets a user may see, for
// list queries that cannot load each ticket. It must select exactly the
// tickets for which Ticket(u, t).See holds; a test holds it to that.
type TicketScope struct {
	None bool // sees nothing

	All bool // sees every ticket (admins)

	// Agents: tickets of these teams, and tickets assigned to AssigneeID.
	TeamIDs    []int64
	AssigneeID int64

	// Contacts: tickets that are not internal and of which PartyID is the
	// requester or a participant, or that belong to OrgID (when non-zero).
	PartyID int64
	OrgID   int64

	// Contacts: the organization of whose tickets the contact reads every
	// message but internal notes (all_correspondence); in other tickets
	// it reads those it wrote or received (see Message). A search of
	// message text matches only messages the caller may read.
	CorrespondenceOrgID int64
}

// Tickets returns the scope of the tickets u may see.
func Tickets(u *model.User) TicketScope {
	switch {
	case u == nil || !u.Active:
		return TicketScope{None: true}
	case u.IsAdmin():
		return TicketScope{All: true}
	case u.IsAgent():
		return TicketScope{TeamIDs: u.TeamIDs, AssigneeID: u.ID}
	}
	s := TicketScope{PartyID: u.ID}
	if u.Rights.Has(model.RightOrgTickets) && u.OrgID != 0 {
		s.OrgID = u.OrgID
	}
	if u.Rights.Has(model.RightAllCorrespondence) && u.OrgID != 0 {
		s.CorrespondenceOrgID = u.OrgID
	}
	return s
}
