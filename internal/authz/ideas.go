package authz

import "supportal/internal/model"

// IdeaAccess is what a user may do with one idea of the feature board.
type IdeaAccess struct {
	See     bool // read it, its comments and history
	Vote    bool // vote for it and take the vote back (contacts)
	Comment bool // comment on it
	Manage  bool // respond officially, set status, tag, merge, link tickets (agents)
	OrgVote bool // see which organizations voted (agents)
}

// Idea decides what u may do with idea i when the instance's idea
// visibility is visibility (model.IdeasOwnOrg or model.IdeasAll; anything
// else counts as own_org). Agents see every idea. With own_org a contact
// sees the ideas of its own organization, and a contact without an
// organization only the ideas it submitted; with all, every contact sees
// every idea. A merged duplicate is read-only.
func Idea(u *model.User, i *model.Idea, visibility string) IdeaAccess {
	if u == nil || !u.Active || i == nil {
		return IdeaAccess{}
	}
	open := i.MergedInto == 0
	if u.IsAgent() {
		return IdeaAccess{See: true, Comment: open, Manage: true, OrgVote: true}
	}
	see := visibility == model.IdeasAll || i.AuthorID == u.ID || model.SameOrg(u.OrgID, i.OrgID)
	if !see {
		return IdeaAccess{}
	}
	return IdeaAccess{See: true, Vote: open, Comment: open}
}

// IdeaScope describes, as data, the ideas a user may see, for list
// queries. It selects exactly the ideas for which Idea(u, i, v).See holds.
type IdeaScope struct {
	None     bool  // sees nothing
	All      bool  // sees every idea
	OrgID    int64 // else: ideas of this organization (when non-zero) …
	AuthorID int64 // … and ideas this user submitted
}

// Ideas returns the scope of the ideas u may see.
func Ideas(u *model.User, visibility string) IdeaScope {
	switch {
	case u == nil || !u.Active:
		return IdeaScope{None: true}
	case u.IsAgent() || visibility == model.IdeasAll:
		return IdeaScope{All: true}
	}
	return IdeaScope{OrgID: u.OrgID, AuthorID: u.ID}
}

// IdeaAuthorShown reports whether u may learn who wrote something on the
// feature board, given the writer's kind, id and organization: agents see
// everyone, everyone sees support's staff and themselves, and a contact
// sees contacts of its own organization only. Everyone else shows as "a
// customer".
func IdeaAuthorShown(u *model.User, kind model.Kind, authorID, authorOrg int64) bool {
	switch {
	case u == nil:
		return false
	case u.IsAgent(), kind == model.KindAgent, authorID == u.ID:
		return true
	}
	return model.SameOrg(u.OrgID, authorOrg)
}
