package authz

import "supportal/internal/model"

// ManageContact reports whether u may change contact c: its role, rights,
// activity and profile. Agents may change every contact, also one of no
// organization; a contact only the contacts of the organization it
// manages (ManageOrg). Whoever may not change a contact may not see it
// through the management paths either, so a refusal answers 404.
func ManageContact(u, c *model.User) bool {
	if u == nil || !u.Active || !c.IsContact() {
		return false
	}
	if u.IsAgent() {
		return true
	}
	return ManageOrg(u, c.OrgID)
}
