package authz_test

import (
	"testing"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/testenv"
)

func TestContractsAreSeenByAgentsAndContactsWithTheRight(t *testing.T) {
	w := testenv.NewWorld(t, testenv.Store(t))
	a, b := w.OrgA.ID, w.OrgB.ID
	for key, want := range map[string][2]bool{ // sees contracts of A, B
		"a.member": {false, false}, "a.colleague": {false, false}, "a.primary": {true, false}, "a.admin": {true, false},
		"b.member": {false, false}, "b.colleague": {false, false}, "b.primary": {false, true}, "b.admin": {false, true},
		"loner": {false, false}, "agent": {true, true}, "agent2": {true, true}, "admin": {true, true},
	} {
		u := w.User(t, key)
		if got := [2]bool{authz.Contracts(u, a), authz.Contracts(u, b)}; got != want {
			t.Errorf("%s: Contracts(A, B) = %v, want %v", key, got, want)
		}
		if authz.Contracts(u, 0) {
			t.Errorf("%s sees contracts of organization 0", key)
		}
	}
	granted := *w.User(t, "a.member")
	granted.Rights = model.Rights{model.RightContracts}
	if !authz.Contracts(&granted, a) || authz.Contracts(&granted, b) {
		t.Error("a member granted the contracts right must see its own organization's contracts only")
	}
	withdrawn := *w.User(t, "a.admin")
	withdrawn.Rights = model.Rights{model.RightManageOrg}
	if authz.Contracts(&withdrawn, a) {
		t.Error("a portal admin without the contracts right still sees contracts")
	}
	inactive := *w.User(t, "agent")
	inactive.Active = false
	if authz.Contracts(&inactive, a) || authz.BookUnits(&inactive) {
		t.Error("a deactivated agent still sees contracts or books units")
	}
	if authz.Contracts(nil, a) || authz.EditContracts(nil) || authz.BookUnits(nil) {
		t.Error("nobody may see or change contracts")
	}
}

func TestOnlyAdminsEditContractsAndAgentsBookUnits(t *testing.T) {
	w := testenv.NewWorld(t, testenv.Store(t))
	for key, want := range map[string][2]bool{ // edit, book
		"a.member": {false, false}, "a.primary": {false, false}, "a.admin": {false, false}, "b.admin": {false, false},
		"loner": {false, false}, "agent": {false, true}, "agent2": {false, true}, "admin": {true, true},
	} {
		u := w.User(t, key)
		if got := [2]bool{authz.EditContracts(u), authz.BookUnits(u)}; got != want {
			t.Errorf("%s: (EditContracts, BookUnits) = %v, want %v", key, got, want)
		}
	}
}
