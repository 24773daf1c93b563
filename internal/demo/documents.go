package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/store"
)

// demoDocument is a customer's maintenance contract and how far its
// signing has come: the states it went through, each a version.
type demoDocument struct {
	title  string
	states []model.DocumentState
}

// demoProject is a customer's development project with its milestones
// (due so many days from the demo's start; negative: past and done).
type demoProject struct {
	name, description string
	status            model.ProjectStatus
	milestones        []demoMilestone
}

type demoMilestone struct {
	title string
	days  int
}

// documents: one awaits the customer's signature, one countersignature,
// one is done.
var documents = map[string]demoDocument{
	"brandt":  {"Wartungsvertrag 2027", []model.DocumentState{model.DocumentBlank}},
	"harbour": {"Maintenance contract 2027", []model.DocumentState{model.DocumentBlank, model.DocumentSigned}},
	"keller":  {"Wartungsvertrag Service Level Gold", []model.DocumentState{model.DocumentBlank, model.DocumentSigned, model.DocumentCountersigned}},
}

var projects = map[string]demoProject{
	"brandt": {"Anbindung Lagerverwaltung", "Schnittstelle zwischen ERP und Lagerverwaltung, mit Scanner-Anbindung.", model.ProjectActive,
		[]demoMilestone{{"Schnittstelle spezifiziert", -20}, {"Testbetrieb", 14}, {"Produktivstart", 45}}},
	"harbour": {"EDI onboarding", "EDI messages with the new carrier partners.", model.ProjectActive,
		[]demoMilestone{{"Mapping agreed", -10}, {"Go-live", 30}}},
	"keller": {"Upgrade WMS 6.0", "Validated upgrade of the warehouse system to version 6.0.", model.ProjectOnHold,
		[]demoMilestone{{"Validation plan signed", -30}, {"Upgrade in test environment", 21}}},
}

// createDocumentsAndProjects gives each customer its maintenance contract
// document, its files uploaded by support and the customer's portal
// admin, and a project with milestones and two of its tickets.
func createDocumentsAndProjects(ctx context.Context, d Deps, who *ids, now time.Time) error {
	for _, o := range customers {
		doc, orgID := documents[o.key], who.orgs[o.key]
		var docID int64
		for i, state := range doc.states {
			by := "lena"
			if state == model.DocumentSigned {
				by = o.key + ".admin"
			}
			u, err := d.Store.User(ctx, who.users[by])
			if err != nil {
				return err
			}
			name := fmt.Sprintf("%s-%d.txt", strings.ReplaceAll(strings.ToLower(doc.title), " ", "-"), i+1)
			a, err := d.Tickets.Upload(ctx, u, name, "text/plain", strings.NewReader(doc.title+"\n\n"+string(state)+"\n"))
			if err != nil {
				return err
			}
			v := store.NewDocumentVersion{State: state, BlobKey: a.BlobKey, Name: a.Name, Size: a.Size, ContentType: a.ContentType, UploadedBy: u.ID}
			if i == 0 {
				docID, err = d.Store.CreateDocument(ctx, orgID, "maintenance_contract", doc.title, v)
			} else {
				_, err = d.Store.AddDocumentVersion(ctx, docID, v)
			}
			if err != nil {
				return err
			}
		}
		if err := createProject(ctx, d.Store, orgID, projects[o.key], now); err != nil {
			return err
		}
	}
	return nil
}

func createProject(ctx context.Context, st *store.Store, orgID int64, p demoProject, now time.Time) error {
	id, err := st.CreateProject(ctx, orgID, store.ProjectInput{Name: p.name, Description: p.description, Status: p.status})
	if err != nil {
		return err
	}
	for _, m := range p.milestones {
		day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, m.days)
		mid, err := st.AddMilestone(ctx, id, m.title, day)
		if err != nil {
			return err
		}
		if m.days < 0 {
			if err := st.SetMilestoneDone(ctx, id, mid, true); err != nil {
				return err
			}
		}
	}
	page, err := st.Tickets(ctx, store.TicketFilter{Scope: authz.TicketScope{All: true}, OrgID: orgID, Limit: 2})
	if err != nil {
		return err
	}
	for _, t := range page.Tickets {
		if err := st.SetTicketProject(ctx, t.ID, id); err != nil {
			return err
		}
	}
	return nil
}
