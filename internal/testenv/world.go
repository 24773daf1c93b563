package testenv

import (
	"context"
	"sync"
	"testing"

	"supportal/internal/account"
	"supportal/internal/model"
	"supportal/internal/store"
)

// Password is the password of every user of the test world.
const Password = "correct horse battery"

var passwordHash = sync.OnceValue(func() string {
	h, err := account.HashPassword(Password)
	if err != nil {
		panic(err)
	}
	return h
})

// World is the two-organization world most tests run in. Users are keyed:
//
//	a.member a.colleague a.primary a.admin   contacts of organization A (a.example)
//	b.member b.colleague b.primary b.admin   contacts of organization B (b.example)
//	loner                                    a contact of no organization
//	agent                                    agent in "1st level"
//	agent2                                   agent in "2nd level" only (another team)
//	admin                                    admin in every team
type World struct {
	Store *store.Store
	OrgA  *model.Organization
	OrgB  *model.Organization
	Users map[string]*model.User
	Teams map[string]int64 // by name
}

// Roles lists the contact roles in the order the keys use them.
var Roles = []string{model.RoleMember, model.RoleColleague, model.RolePrimary, model.RolePortalAdm}

// User returns the user under key, failing the test for an unknown key.
func (w *World) User(t testing.TB, key string) *model.User {
	t.Helper()
	u := w.Users[key]
	if u == nil {
		t.Fatalf("testenv: no user %q in the world", key)
	}
	return u
}

// NewWorld fills st with the two-organization world.
func NewWorld(t testing.TB, st *store.Store) *World {
	t.Helper()
	ctx := context.Background()
	w := &World{Store: st, Users: map[string]*model.User{}, Teams: map[string]int64{}}
	teams, err := st.Teams(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tm := range teams {
		w.Teams[tm.Name] = tm.ID
	}
	for _, org := range []struct {
		key, name, domain string
		dst               **model.Organization
	}{{"a", "Org A", "a.example", &w.OrgA}, {"b", "Org B", "b.example", &w.OrgB}} {
		id, err := st.CreateOrganization(ctx, store.NewOrganization{Name: org.name, Domains: []string{org.domain}})
		if err != nil {
			t.Fatal(err)
		}
		if *org.dst, err = st.Organization(ctx, id); err != nil {
			t.Fatal(err)
		}
		for _, role := range Roles {
			w.add(t, org.key+"."+role, model.KindContact, role, id)
		}
	}
	w.add(t, "loner", model.KindContact, model.RoleMember, 0)
	w.add(t, "agent", model.KindAgent, model.RoleAgent, 0, "1st level")
	w.add(t, "agent2", model.KindAgent, model.RoleAgent, 0, "2nd level")
	w.add(t, "admin", model.KindAgent, model.RoleAdmin, 0, "1st level", "2nd level", "Technical")
	return w
}

func (w *World) add(t testing.TB, key string, kind model.Kind, role string, org int64, teams ...string) {
	t.Helper()
	ctx := context.Background()
	rights, _ := model.RoleRights(role)
	if kind == model.KindAgent {
		rights = nil
	}
	id, err := w.Store.CreateUser(ctx, store.NewUser{
		Kind: kind, Email: key + "@" + domainOf(key), Name: "User " + key, OrgID: org, Role: role, Rights: rights,
		EmailVerified: true, PasswordHash: passwordHash(),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, team := range teams {
		if err := w.Store.AddTeamMember(ctx, w.Teams[team], id); err != nil {
			t.Fatal(err)
		}
	}
	if w.Users[key], err = w.Store.User(ctx, id); err != nil {
		t.Fatal(err)
	}
}

func domainOf(key string) string {
	switch key[:2] {
	case "a.":
		return "a.example"
	case "b.":
		return "b.example"
	}
	return "staff.example"
}
