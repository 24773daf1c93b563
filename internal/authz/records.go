package authz

import "supportal/internal/model"

// Documents reports whether u may see the documents of organization
// orgID, download their files and, as a contact, upload a signed copy.
// Agents see every organization's documents; a contact only its own
// organization's, and only with the manage_org right (DESIGN §3 lists
// documents under it alone).
func Documents(u *model.User, orgID int64) bool {
	if u == nil || !u.Active || orgID == 0 {
		return false
	}
	if u.IsAgent() {
		return true
	}
	return model.SameOrg(u.OrgID, orgID) && u.Rights.Has(model.RightManageOrg)
}

// Projects reports whether u may see the projects of organization orgID
// with their milestones: every agent, and every contact of that
// organization. Which tickets of a project a contact sees is Ticket's
// decision, as anywhere else.
func Projects(u *model.User, orgID int64) bool {
	if u == nil || !u.Active || orgID == 0 {
		return false
	}
	return u.IsAgent() || model.SameOrg(u.OrgID, orgID)
}

// EditProjects reports whether u may create projects, change them and
// put tickets into them: agents.
func EditProjects(u *model.User) bool { return u != nil && u.Active && u.IsAgent() }
