package authz_test

import (
	"testing"

	"supportal/internal/authz"
	"supportal/internal/testenv"
)

func TestManageOrg(t *testing.T) {
	w := testenv.NewWorld(t, testenv.Store(t))
	a, b := w.OrgA.ID, w.OrgB.ID
	for key, want := range map[string][2]bool{ // may manage A, B
		"a.member": {false, false}, "a.colleague": {false, false}, "a.primary": {false, false}, "a.admin": {true, false},
		"b.member": {false, false}, "b.colleague": {false, false}, "b.primary": {false, false}, "b.admin": {false, true},
		"loner": {false, false}, "agent": {true, true}, "agent2": {true, true}, "admin": {true, true},
	} {
		u := w.User(t, key)
		if got := [2]bool{authz.ManageOrg(u, a), authz.ManageOrg(u, b)}; got != want {
			t.Errorf("%s: ManageOrg(A, B) = %v, want %v", key, got, want)
		}
		if authz.ManageOrg(u, 0) {
			t.Errorf("%s may manage organization 0", key)
		}
	}
	inactive := *w.User(t, "a.admin")
	inactive.Active = false
	if authz.ManageOrg(&inactive, a) {
		t.Error("a deactivated portal admin may still manage its organization")
	}
	if authz.ManageOrg(nil, a) {
		t.Error("nobody may manage an organization")
	}
}
