package model

import "time"

// IdeaStatus is where an idea of the feature board stands.
type IdeaStatus string

// The statuses of an idea, in the order of its life.
const (
	IdeaOpen        IdeaStatus = "open"
	IdeaUnderReview IdeaStatus = "under_review"
	IdeaPlanned     IdeaStatus = "planned"
	IdeaInProgress  IdeaStatus = "in_progress"
	IdeaDone        IdeaStatus = "done"
	IdeaDeclined    IdeaStatus = "declined"
)

// IdeaStatuses lists every status, in the order of an idea's life.
var IdeaStatuses = []IdeaStatus{IdeaOpen, IdeaUnderReview, IdeaPlanned, IdeaInProgress, IdeaDone, IdeaDeclined}

// Valid reports whether s is a known status.
func (s IdeaStatus) Valid() bool {
	for _, x := range IdeaStatuses {
		if x == s {
			return true
		}
	}
	return false
}

// Idea visibility settings: which ideas a contact sees.
const (
	// IdeasOwnOrg: a contact sees the ideas submitted by its own
	// organization (a contact without one: its own ideas). The default.
	IdeasOwnOrg = "own_org"
	// IdeasAll: every contact sees every idea, but not who of another
	// organization wrote it, nor which organizations voted.
	IdeasAll = "all"
)

// Idea is a feature suggestion of the feature board.
type Idea struct {
	ID         int64
	Title      string
	Body       string // plain text
	Status     IdeaStatus
	AuthorID   int64
	AuthorName string
	AuthorKind Kind
	OrgID      int64 // the author's organization when submitted; 0: none
	Votes      int64
	Trend      int64 // votes in the last 30 days, filled by the trending sort
	MergedInto int64 // the surviving idea of a merged duplicate
	Tags       []string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// IdeaComment is a comment on an idea; Official marks support's response.
type IdeaComment struct {
	ID         int64
	IdeaID     int64
	AuthorID   int64
	AuthorName string
	AuthorKind Kind
	OrgID      int64
	Body       string
	Official   bool
	CreatedAt  time.Time
}

// IdeaEvent is an entry of an idea's history: a status change with its
// note, or a duplicate merged into it (MergedFrom).
type IdeaEvent struct {
	ID         int64
	IdeaID     int64
	ActorName  string
	Kind       string // "status" or "merged"
	Status     IdeaStatus
	Note       string
	MergedFrom int64
	CreatedAt  time.Time
}

// OrgVotes is how many users of one organization voted for an idea.
type OrgVotes struct {
	OrgID   int64
	OrgName string
	Votes   int64
}
