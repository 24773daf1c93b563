package desk

import (
	"context"

	"supportal/internal/model"
	"supportal/internal/web"
	"supportal/internal/web/recordview"
)

// projectSection is the form on the ticket page that puts the ticket
// into a project of its organization (the "desk-ticket-project"
// partial). A ticket without an organization has no projects to offer.
type projectSection struct {
	*web.Page
	Number   int64
	Current  *model.Project // nil: none
	Choices  []recordview.Choice
	Editable bool
}

func (h *handler) projectSectionOf(ctx context.Context, p *web.Page, t *model.Ticket) (projectSection, error) {
	out := projectSection{Page: p, Number: t.Number}
	if t.OrgID == 0 {
		return out, nil
	}
	list, err := h.s.Store.ProjectsOf(ctx, t.OrgID)
	if err != nil {
		return out, err
	}
	out.Editable = len(list) > 0 || t.ProjectID != 0
	out.Choices = append(out.Choices, recordview.Choice{Value: "", Label: p.T("projects.ticket.none"), Selected: t.ProjectID == 0})
	for _, pr := range list {
		out.Choices = append(out.Choices, recordview.Choice{Value: id(pr.ID), Label: pr.Name, Selected: pr.ID == t.ProjectID})
		if pr.ID == t.ProjectID {
			out.Current = pr
		}
	}
	return out, nil
}
