package portal

import (
	"errors"
	"net/http"
	"strconv"

	"supportal/internal/document"
	"supportal/internal/model"
	"supportal/internal/project"
	"supportal/internal/web"
	"supportal/internal/web/recordview"
)

// The records of the contact's organization: its documents, for portal
// admins (manage_org) only, with every version to download and the form
// that uploads the signed copy of a blank; and its projects, for every
// contact of the organization, with the tickets of each that the contact
// may see anyway. For everyone else they do not exist (404).

// recordPages serves the document and project pages.
type recordPages struct {
	s        *web.Server
	docs     *document.Service
	projects *project.Service
}

// registerRecords adds the document and project pages.
func registerRecords(s *web.Server) {
	h := &recordPages{s: s, docs: s.Documents, projects: project.New(s.Store, s.Tickets, s.Config.TimeZone)}
	r := s.Router()
	r.Page("GET /portal/documents", web.Contact, h.documents)
	r.Page("GET /portal/documents/{id}", web.Contact, h.document)
	r.Page("POST /portal/documents/{id}/versions", web.Contact, h.sign)
	r.Page("GET /portal/documents/{id}/versions/{version}", web.Contact, h.download)
	r.Page("GET /portal/projects", web.Contact, h.projectList)
	r.Page("GET /portal/projects/{id}", web.Contact, h.project)
}

// recordID reads a positive id from the path; 0 when it is none.
func recordID(r *http.Request, name string) int64 {
	n, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || n <= 0 {
		return 0
	}
	return n
}

// documentsPage lists the organization's documents.
type documentsPage struct {
	*web.Page
	Docs     []recordview.Doc
	Awaiting int // blanks that await the organization's signature
}

func (h *recordPages) documents(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := web.UserOf(r)
	list, err := h.docs.List(ctx, u, u.OrgID)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	kinds, err := h.docs.Kinds(ctx)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p := &documentsPage{Page: h.s.NewPage(r, "documents.title")}
	p.Docs = recordview.Docs(p.Page, kinds, list, "/portal/documents/")
	for _, d := range list {
		if d.State == model.DocumentBlank {
			p.Awaiting++
		}
	}
	h.s.Render(w, r, http.StatusOK, "portal/documents", p)
}

// documentPage is one document with its versions and, for a blank, the
// form that uploads the signed copy.
type documentPage struct {
	*web.Page
	Doc       recordview.Doc
	Versions  []recordview.Version
	CanUpload bool // the form that adds a version is offered
}

func (h *recordPages) document(w http.ResponseWriter, r *http.Request) {
	h.renderDocument(w, r, http.StatusOK, nil)
}

func (h *recordPages) renderDocument(w http.ResponseWriter, r *http.Request, code int, verr *model.ValidationError) {
	ctx := r.Context()
	d, versions, err := h.docs.Document(ctx, web.UserOf(r), recordID(r, "id"))
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	kinds, err := h.docs.Kinds(ctx)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p := &documentPage{Page: h.s.NewPage(r, "documents.portal.document", "Title", d.Title), CanUpload: d.State == model.DocumentBlank}
	if verr != nil {
		p.SetErrors(verr)
	}
	p.Doc = recordview.Docs(p.Page, kinds, []*model.Document{d}, "/portal/documents/")[0]
	p.Versions = recordview.Versions(p.Page, versions, p.Doc.Path)
	h.s.Render(w, r, code, "portal/document", p)
}

// sign adds the uploaded signed copy to a blank.
func (h *recordPages) sign(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	var upload int64
	if len(f.Uploads) > 0 {
		upload = f.Uploads[0].ID
	}
	did := recordID(r, "id")
	err = h.docs.AddVersion(r.Context(), web.UserOf(r), did, model.DocumentSigned, upload)
	var verr *model.ValidationError
	if errors.As(err, &verr) {
		h.renderDocument(w, r, http.StatusUnprocessableEntity, verr)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.documents.signed")
	http.Redirect(w, r, "/portal/documents/"+strconv.FormatInt(did, 10), http.StatusSeeOther)
}

// download sends one version's file.
func (h *recordPages) download(w http.ResponseWriter, r *http.Request) {
	a, f, err := h.docs.Open(r.Context(), web.UserOf(r), recordID(r, "id"), recordID(r, "version"))
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	defer f.Close()
	web.ServeAttachment(w, r, a, f)
}

// projectsPage lists the organization's projects.
type projectsPage struct {
	*web.Page
	Projects []*model.Project
}

func (h *recordPages) projectList(w http.ResponseWriter, r *http.Request) {
	u := web.UserOf(r)
	list, err := h.projects.List(r.Context(), u, u.OrgID)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	h.s.Render(w, r, http.StatusOK, "portal/projects", &projectsPage{Page: h.s.NewPage(r, "projects.title"), Projects: list})
}

// projectPage is a project with its milestones and the tickets of it
// the contact may see.
type projectPage struct {
	*web.Page
	Project    *model.Project
	Milestones []recordview.Milestone
	Tickets    []*model.Ticket
	More       bool
}

func (h *recordPages) project(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := web.UserOf(r)
	pr, ms, err := h.projects.Project(ctx, u, recordID(r, "id"))
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	page, err := h.projects.Tickets(ctx, u, pr, "")
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p := &projectPage{Page: h.s.NewPage(r, "projects.portal.project", "Name", pr.Name), Project: pr, Tickets: page.Tickets, More: page.Next != ""}
	p.Milestones = recordview.Milestones(p.Page, ms)
	h.s.Render(w, r, http.StatusOK, "portal/project", p)
}
