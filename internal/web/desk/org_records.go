package desk

import (
	"context"

	"supportal/internal/model"
	"supportal/internal/web"
	"supportal/internal/web/recordview"
)

// orgRecords are the documents and projects of an organization as its
// page lists them (the "desk-org-records" partial).
type orgRecords struct {
	*web.Page
	OrgID    int64
	Docs     []recordview.Doc
	Projects []*model.Project
}

// loadOrgRecords reads the documents and projects of organization orgID
// for its page.
func (h *handler) loadOrgRecords(ctx context.Context, p *web.Page, orgID int64) (orgRecords, error) {
	out := orgRecords{Page: p, OrgID: orgID}
	if h.s.Documents == nil {
		return out, nil
	}
	u := p.User
	docs, err := h.s.Documents.List(ctx, u, orgID)
	if err != nil {
		return out, err
	}
	kinds, err := h.s.Documents.Kinds(ctx)
	if err != nil {
		return out, err
	}
	out.Docs = recordview.Docs(p, kinds, docs, "/desk/documents/")
	out.Projects, err = h.s.Store.ProjectsOf(ctx, orgID)
	return out, err
}
