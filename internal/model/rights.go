package model

import (
	"slices"
	"strings"
)

// Right is one permission a contact holds (DESIGN §3). Seeing and replying
// to one's own tickets needs no right.
type Right string

// The contact rights.
const (
	RightOrgTickets        Right = "org_tickets"
	RightAllCorrespondence Right = "all_correspondence"
	RightCommentOrg        Right = "comment_org"
	RightManageOrg         Right = "manage_org"
	RightContracts         Right = "contracts"
)

// AllRights lists every right in a stable order.
var AllRights = []Right{RightOrgTickets, RightAllCorrespondence, RightCommentOrg, RightManageOrg, RightContracts}

// Contact roles: presets of rights.
const (
	RoleMember    = "member"
	RoleColleague = "colleague"
	RolePrimary   = "primary"
	RolePortalAdm = "admin"
	RoleCustom    = "custom" // rights set one by one
)

// ContactRoles lists the presets in order of growing rights.
var ContactRoles = []string{RoleMember, RoleColleague, RolePrimary, RolePortalAdm}

// Rights is a set of rights.
type Rights []Right

// Has reports whether r contains x.
func (r Rights) Has(x Right) bool { return slices.Contains(r, x) }

// String encodes the set as a comma-separated list, the form it is stored in.
func (r Rights) String() string {
	s := make([]string, len(r))
	for i, x := range r {
		s[i] = string(x)
	}
	return strings.Join(s, ",")
}

// ParseRights decodes the stored form. Unknown names are dropped, so a
// right removed from the code is removed from every contact.
func ParseRights(s string) Rights {
	var r Rights
	for part := range strings.SplitSeq(s, ",") {
		x := Right(strings.TrimSpace(part))
		if slices.Contains(AllRights, x) && !r.Has(x) {
			r = append(r, x)
		}
	}
	return r.Normal()
}

// Normal returns the rights in the order of AllRights without duplicates.
func (r Rights) Normal() Rights {
	out := Rights{}
	for _, x := range AllRights {
		if r.Has(x) {
			out = append(out, x)
		}
	}
	return out
}

// RoleRights returns the rights of a contact role preset and whether the
// role exists.
func RoleRights(role string) (Rights, bool) {
	switch role {
	case RoleMember:
		return Rights{}, true
	case RoleColleague:
		return Rights{RightOrgTickets}, true
	case RolePrimary:
		return Rights{RightOrgTickets, RightAllCorrespondence, RightCommentOrg, RightContracts}, true
	case RolePortalAdm:
		return Rights{RightOrgTickets, RightAllCorrespondence, RightCommentOrg, RightManageOrg, RightContracts}, true
	}
	return nil, false
}

// RoleFor names the preset that grants exactly r, or RoleCustom.
func RoleFor(r Rights) string {
	for _, role := range ContactRoles {
		preset, _ := RoleRights(role)
		if slices.Equal(preset, r.Normal()) {
			return role
		}
	}
	return RoleCustom
}
