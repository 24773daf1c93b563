package demo

import (
	"context"
	"fmt"

	"supportal/internal/model"
	"supportal/internal/store"
)

// The addresses use the .example top-level domain (RFC 2606), which can
// never be delivered to, so a demo instance that is later given a mail
// server sends nothing to real people.

// person is a demo user.
type person struct {
	key        string // how the ticket plans refer to the person
	name       string
	email      string
	role       string // contact role preset, or agent/admin
	lang       string
	salutation string   // how support addresses the person in a reply
	teams      []string // staff only
}

// organization is a demo customer with a contact in every role.
type organization struct {
	key    string
	name   string
	domain string
	people []person // member, colleague, primary, admin
}

// vendor is the company whose support desk the demo shows.
const vendor = "Nordwerk Software"

// staff are the support team: an admin in every team, a 1st-level agent
// and a 2nd-level/technical agent.
var staff = []person{
	{key: "sabine", name: "Sabine Krause", email: "sabine.krause@nordwerk.example", role: model.RoleAdmin, lang: "de",
		teams: []string{"1st level", "2nd level", "Technical"}},
	{key: "lena", name: "Lena Hoffmann", email: "lena.hoffmann@nordwerk.example", role: model.RoleAgent, lang: "de",
		teams: []string{"1st level"}},
	{key: "daniel", name: "Daniel Okafor", email: "daniel.okafor@nordwerk.example", role: model.RoleAgent, lang: "en",
		teams: []string{"2nd level", "Technical"}},
}

// customers are the three organizations: a German engineering firm, an
// English logistics company and a Swiss medical-technology firm whose
// people write in German or English.
var customers = []organization{
	{key: "brandt", name: "Brandt & Söhne Maschinenbau GmbH", domain: "brandt-maschinenbau.example", people: []person{
		{key: "brandt.member", name: "Jonas Weber", email: "jonas.weber@brandt-maschinenbau.example", role: model.RoleMember, lang: "de", salutation: "Herr Weber"},
		{key: "brandt.colleague", name: "Petra Schulz", email: "petra.schulz@brandt-maschinenbau.example", role: model.RoleColleague, lang: "de", salutation: "Frau Schulz"},
		{key: "brandt.primary", name: "Markus Brandt", email: "markus.brandt@brandt-maschinenbau.example", role: model.RolePrimary, lang: "de", salutation: "Herr Brandt"},
		{key: "brandt.admin", name: "Claudia Neumann", email: "claudia.neumann@brandt-maschinenbau.example", role: model.RolePortalAdm, lang: "de", salutation: "Frau Neumann"},
	}},
	{key: "harbour", name: "Harbour Logistics Ltd", domain: "harbour-logistics.example", people: []person{
		{key: "harbour.member", name: "Oliver Hughes", email: "oliver.hughes@harbour-logistics.example", role: model.RoleMember, lang: "en", salutation: "Oliver"},
		{key: "harbour.colleague", name: "Priya Patel", email: "priya.patel@harbour-logistics.example", role: model.RoleColleague, lang: "en", salutation: "Priya"},
		{key: "harbour.primary", name: "James Whitfield", email: "james.whitfield@harbour-logistics.example", role: model.RolePrimary, lang: "en", salutation: "James"},
		{key: "harbour.admin", name: "Emma Clarke", email: "emma.clarke@harbour-logistics.example", role: model.RolePortalAdm, lang: "en", salutation: "Emma"},
	}},
	{key: "keller", name: "Keller Medizintechnik AG", domain: "keller-medtech.example", people: []person{
		{key: "keller.member", name: "Lukas Meier", email: "lukas.meier@keller-medtech.example", role: model.RoleMember, lang: "de", salutation: "Herr Meier"},
		{key: "keller.colleague", name: "Sophie Dubois", email: "sophie.dubois@keller-medtech.example", role: model.RoleColleague, lang: "en", salutation: "Sophie"},
		{key: "keller.primary", name: "Andrea Keller", email: "andrea.keller@keller-medtech.example", role: model.RolePrimary, lang: "de", salutation: "Frau Keller"},
		{key: "keller.admin", name: "Michael Frei", email: "michael.frei@keller-medtech.example", role: model.RolePortalAdm, lang: "en", salutation: "Michael"},
	}},
}

// modules are the products the vendor supports, with their versions.
var modules = []struct {
	name     string
	versions []string
}{
	{"WMS", []string{"5.2", "5.3", "6.0"}},
	{"Finance", []string{"3.1", "3.2"}},
	{"Shop Connect", []string{"7.1", "7.2"}},
	{"Mobile Scanner", []string{"2.4", "2.5"}},
	{"EDI Gateway", []string{"1.8", "1.9"}},
	{"Reporting", []string{"4.0", "4.1"}},
}

// ids are the database ids of the demo's people, organizations and teams.
type ids struct {
	users map[string]int64 // by person key
	orgs  map[string]int64 // by organization key
	teams map[string]int64 // by team name
}

// createPeople writes the organizations, their contacts, the staff and the
// modules. Every account gets the same, already hashed password.
func createPeople(ctx context.Context, q *store.Queries, hash string) (*ids, error) {
	out := &ids{users: map[string]int64{}, orgs: map[string]int64{}, teams: map[string]int64{}}
	teams, err := q.Teams(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range teams {
		out.teams[t.Name] = t.ID
	}
	add := func(p person, kind model.Kind, orgID int64) error {
		rights, _ := model.RoleRights(p.role)
		id, err := q.CreateUser(ctx, store.NewUser{Kind: kind, Email: p.email, Name: p.name, OrgID: orgID, Role: p.role,
			Rights: rights, EmailVerified: true, Language: p.lang, PasswordHash: hash})
		if err != nil {
			return err
		}
		out.users[p.key] = id
		for _, team := range p.teams {
			tid, err := q.CreateTeam(ctx, team)
			if err != nil {
				return fmt.Errorf("demo: team %s: %w", team, err)
			}
			if err := q.AddTeamMember(ctx, tid, id); err != nil {
				return err
			}
			out.teams[team] = tid
		}
		return nil
	}
	for _, p := range staff {
		if err := add(p, model.KindAgent, 0); err != nil {
			return nil, err
		}
	}
	for _, o := range customers {
		id, err := q.CreateOrganization(ctx, store.NewOrganization{Name: o.name, Domains: []string{o.domain}})
		if err != nil {
			return nil, err
		}
		out.orgs[o.key] = id
		for _, p := range o.people {
			if err := add(p, model.KindContact, id); err != nil {
				return nil, err
			}
		}
	}
	return out, addModules(ctx, q)
}

func addModules(ctx context.Context, q *store.Queries) error {
	for i, m := range modules {
		if err := q.AddOption(ctx, model.Option{Field: model.FieldModule, Value: m.name, Position: (i + 1) * 10, ContactSelectable: true}); err != nil {
			return fmt.Errorf("demo: module %s: %w", m.name, err)
		}
		for j, v := range m.versions {
			o := model.Option{Field: model.FieldVersion, Parent: m.name, Value: v, Position: (j + 1) * 10, ContactSelectable: true}
			if err := q.AddOption(ctx, o); err != nil {
				return fmt.Errorf("demo: version %s %s: %w", m.name, v, err)
			}
		}
	}
	return addCustomFields(ctx, q)
}
