// Package model holds the domain types shared by the store, the
// authorization rules and the services: users, organizations, teams,
// tickets, messages, attachments and history. It has no I/O and imports
// nothing of the project, so every other package may depend on it.
package model

import "time"

// Kind says whether a user is a customer's contact or a staff member.
type Kind string

// The two kinds of user.
const (
	KindContact Kind = "contact"
	KindAgent   Kind = "agent"
)

// Agent roles. Contact roles are the presets in rights.go.
const (
	RoleAgent = "agent"
	RoleAdmin = "admin"
)

// User is a contact or an agent. OrgID is 0 for agents and for contacts
// that belong to no organization yet.
type User struct {
	ID            int64
	Kind          Kind
	Email         string
	Name          string // the display name: FirstName and LastName when set
	FirstName     string
	LastName      string
	OrgID         int64
	OrgName       string
	Role          string
	Rights        Rights
	Active        bool
	EmailVerified bool
	Language      string
	PasswordHash  string
	JobTitle      string
	Phone         string
	PendingEmail  string        // a new address waiting for its confirmation
	TOTPEnabled   bool          // signs in with a second factor
	NotifyOff     Notifications // mails the user turned off
	TeamIDs       []int64       // agents only
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// IsAgent reports whether u is staff (agent or admin).
func (u *User) IsAgent() bool { return u != nil && u.Kind == KindAgent }

// IsAdmin reports whether u is an administrator.
func (u *User) IsAdmin() bool { return u.IsAgent() && u.Role == RoleAdmin }

// IsContact reports whether u is a customer's contact.
func (u *User) IsContact() bool { return u != nil && u.Kind == KindContact }

// InTeam reports whether the agent u is a member of team id.
func (u *User) InTeam(id int64) bool {
	if id == 0 {
		return false
	}
	for _, t := range u.TeamIDs {
		if t == id {
			return true
		}
	}
	return false
}

// SameOrg reports whether two organization ids name the same, existing
// organization. Zero (no organization) never matches, not even zero.
func SameOrg(a, b int64) bool { return a != 0 && a == b }

// Organization is a customer company.
type Organization struct {
	ID          int64
	Name        string
	Domains     []string
	DefaultRole string
	// ResponsibleAgentID is the agent who looks after the organization;
	// its new tickets go to that agent when no routing rule assigns. 0: none.
	ResponsibleAgentID int64
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// Team is a queue of work such as "1st level".
type Team struct {
	ID      int64
	Name    string
	Default bool // new tickets that match no rule land here
}
