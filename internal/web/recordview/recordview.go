// Package recordview prepares documents and projects for the pages of
// the desk and the portal alike: labels in the page's language and what
// each side is waiting for.
package recordview

import (
	"strconv"

	"supportal/internal/model"
	"supportal/internal/web"
)

// Doc is a document as a list shows it.
type Doc struct {
	*model.Document
	Path       string // its page
	KindLabel  string
	StateLabel string
	Awaiting   string // "awaiting customer signature" / "awaiting countersignature", or ""
}

// Docs prepares documents for page p; base is the path their pages are
// under ("/desk/documents/").
func Docs(p *web.Page, kinds []model.DocumentKind, list []*model.Document, base string) []Doc {
	labels := map[string]string{}
	for _, k := range kinds {
		labels[k.Key] = k.Label(p.Lang)
	}
	out := make([]Doc, len(list))
	for i, d := range list {
		out[i] = Doc{Document: d, Path: base + strconv.FormatInt(d.ID, 10), KindLabel: labels[d.Kind], StateLabel: p.T("documents.state." + string(d.State))}
		if out[i].KindLabel == "" {
			out[i].KindLabel = d.Kind
		}
		switch d.State {
		case model.DocumentBlank:
			out[i].Awaiting = p.T("documents.awaiting_customer")
		case model.DocumentSigned:
			out[i].Awaiting = p.T("documents.awaiting_countersignature")
		}
	}
	return out
}

// Version is a version of a document as its page lists it.
type Version struct {
	model.DocumentVersion
	Path       string // its download
	StateLabel string
}

// Versions prepares the versions of a document, the newest first; base is
// the document's path.
func Versions(p *web.Page, list []model.DocumentVersion, base string) []Version {
	out := make([]Version, 0, len(list))
	for i := len(list) - 1; i >= 0; i-- {
		v := list[i]
		out = append(out, Version{DocumentVersion: v, Path: base + "/versions/" + strconv.FormatInt(v.ID, 10),
			StateLabel: p.T("documents.state." + string(v.State))})
	}
	return out
}

// Choice is an option of a select.
type Choice struct {
	Value, Label string
	Selected     bool
}

// KindChoices lists the kinds of document for a select.
func KindChoices(p *web.Page, kinds []model.DocumentKind, selected string) []Choice {
	out := make([]Choice, len(kinds))
	for i, k := range kinds {
		out[i] = Choice{Value: k.Key, Label: k.Label(p.Lang), Selected: k.Key == selected}
	}
	return out
}

// StateChoices lists document states for a select.
func StateChoices(p *web.Page, states []model.DocumentState, selected string) []Choice {
	out := make([]Choice, len(states))
	for i, s := range states {
		out[i] = Choice{Value: string(s), Label: p.T("documents.state." + string(s)), Selected: string(s) == selected}
	}
	return out
}

// StatusChoices lists project statuses for a select.
func StatusChoices(p *web.Page, selected string) []Choice {
	out := make([]Choice, len(model.ProjectStatuses))
	for i, s := range model.ProjectStatuses {
		out[i] = Choice{Value: string(s), Label: p.T("projects.status." + string(s)), Selected: string(s) == selected}
	}
	return out
}

// Milestone is a milestone as a project page shows it.
type Milestone struct {
	model.Milestone
	Due string // the due day in the page's language, or ""
}

// Milestones prepares milestones for page p.
func Milestones(p *web.Page, list []model.Milestone) []Milestone {
	out := make([]Milestone, len(list))
	for i, m := range list {
		out[i] = Milestone{Milestone: m}
		if !m.DueAt.IsZero() {
			out[i].Due = p.Date(m.DueAt)
		}
	}
	return out
}
