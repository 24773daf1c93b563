package authz

import "supportal/internal/model"

// ManageOrg reports whether u may run organization orgID: invite its
// contacts, change their roles and rights, deactivate them and claim
// domains. Agents may manage every organization; a contact only its own,
// and only with the manage_org right.
func ManageOrg(u *model.User, orgID int64) bool {
	if u == nil || !u.Active || orgID == 0 {
		return false
	}
	if u.IsAgent() {
		return true
	}
	return u.OrgID == orgID && u.Rights.Has(model.RightManageOrg)
}
