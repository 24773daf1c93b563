package authz

import "supportal/internal/model"

// Contracts reports whether u may see the support contracts of
// organization orgID and what is left of their units. Agents see every
// organization's contracts; a contact only its own organization's, and
// only with the contracts right (primary contacts and portal admins have
// it by their role).
func Contracts(u *model.User, orgID int64) bool {
	if u == nil || !u.Active || orgID == 0 {
		return false
	}
	if u.IsAgent() {
		return true
	}
	return model.SameOrg(u.OrgID, orgID) && u.Rights.Has(model.RightContracts)
}

// EditContracts reports whether u may create contracts and change their
// terms: admins only (DESIGN §1), since the terms are what the customer
// bought. Agents see them and book units.
func EditContracts(u *model.User) bool { return u != nil && u.Active && u.IsAdmin() }

// BookUnits reports whether u may book units on a contract it sees or
// credit them back: every agent, as support work consumes them.
func BookUnits(u *model.User) bool { return u != nil && u.Active && u.IsAgent() }
