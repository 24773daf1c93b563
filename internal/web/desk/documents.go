package desk

import (
	"errors"
	"net/http"
	"strconv"

	"supportal/internal/document"
	"supportal/internal/model"
	"supportal/internal/web"
	"supportal/internal/web/recordview"
)

// The document pages: an organization's documents with the form that
// publishes one, a document with every version and the form that adds
// the next, and the overview of what waits for support. Every read goes
// through the document service, which asks authz.

// documentPages serves the document pages.
type documentPages struct {
	*handler
	docs *document.Service
}

// registerDocumentPages adds the document pages.
func registerDocumentPages(h *handler) {
	d := &documentPages{handler: h, docs: h.s.Documents}
	r := h.s.Router()
	r.Page("GET /desk/documents", web.Agent, d.overview)
	r.Page("GET /desk/orgs/{id}/documents", web.Agent, d.orgDocuments)
	r.Page("POST /desk/orgs/{id}/documents", web.Agent, d.create)
	r.Page("GET /desk/documents/{id}", web.Agent, d.show)
	r.Page("POST /desk/documents/{id}/versions", web.Agent, d.addVersion)
	r.Page("GET /desk/documents/{id}/versions/{version}", web.Agent, d.download)
}

// documentOverviewPage lists documents of every organization by state.
type documentOverviewPage struct {
	*web.Page
	Docs   []recordview.Doc
	States []recordview.Choice
	State  string
}

// overview lists the documents in the state asked for, by default those
// that await countersignature.
func (h *documentPages) overview(w http.ResponseWriter, r *http.Request) {
	state := r.URL.Query().Get("state")
	if _, ok := r.URL.Query()["state"]; !ok {
		state = string(model.DocumentSigned)
	}
	list, err := h.docs.InState(r.Context(), web.UserOf(r), model.DocumentState(state))
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	kinds, err := h.docs.Kinds(r.Context())
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p := &documentOverviewPage{Page: h.s.NewPage(r, "documents.desk.overview"), State: state}
	p.Docs = recordview.Docs(p.Page, kinds, list, "/desk/documents/")
	p.States = recordview.StateChoices(p.Page, model.DocumentStates, state)
	h.s.Render(w, r, http.StatusOK, "desk/documents_overview", p)
}

// orgDocumentsPage lists an organization's documents with the form that
// publishes one.
type orgDocumentsPage struct {
	*web.Page
	Org    *model.Organization
	Docs   []recordview.Doc
	Kinds  []recordview.Choice
	States []recordview.Choice
	Input  document.CreateParams
}

func (h *documentPages) orgDocuments(w http.ResponseWriter, r *http.Request) {
	o, ok := h.orgOf(w, r)
	if !ok {
		return
	}
	p := &orgDocumentsPage{Page: h.s.NewPage(r, "documents.desk.title", "Org", o.Name), Org: o}
	h.renderOrgDocuments(w, r, http.StatusOK, p)
}

func (h *documentPages) renderOrgDocuments(w http.ResponseWriter, r *http.Request, code int, p *orgDocumentsPage) {
	ctx := r.Context()
	list, err := h.docs.List(ctx, web.UserOf(r), p.Org.ID)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	kinds, err := h.docs.Kinds(ctx)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p.Docs = recordview.Docs(p.Page, kinds, list, "/desk/documents/")
	p.Kinds = recordview.KindChoices(p.Page, kinds, p.Input.Kind)
	p.States = recordview.StateChoices(p.Page, model.DocumentStates, string(p.Input.State))
	h.s.Render(w, r, code, "desk/documents", p)
}

// create publishes a document of the organization with its first file.
func (h *documentPages) create(w http.ResponseWriter, r *http.Request) {
	o, f, ok := h.orgForm(w, r)
	if !ok {
		return
	}
	in := document.CreateParams{Kind: f.Get("kind"), Title: f.Get("title"), State: model.DocumentState(f.Get("state")), UploadID: firstUpload(f)}
	did, err := h.docs.Create(r.Context(), web.UserOf(r), o.ID, in)
	var verr *model.ValidationError
	if errors.As(err, &verr) {
		p := &orgDocumentsPage{Page: h.s.NewPage(r, "documents.desk.title", "Org", o.Name), Org: o, Input: in}
		p.SetErrors(verr)
		h.renderOrgDocuments(w, r, http.StatusUnprocessableEntity, p)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.documents.created")
	http.Redirect(w, r, "/desk/documents/"+id(did), http.StatusSeeOther)
}

// firstUpload is the id of the form's first file, 0 when it has none.
func firstUpload(f *web.Form) int64 {
	if len(f.Uploads) == 0 {
		return 0
	}
	return f.Uploads[0].ID
}

// documentPage is one document with its versions and the upload form.
type documentPage struct {
	*web.Page
	Doc      recordview.Doc
	Versions []recordview.Version
	States   []recordview.Choice
	// CanUpload offers the form that adds a version: not once countersigned.
	CanUpload bool
}

func (h *documentPages) show(w http.ResponseWriter, r *http.Request) {
	h.renderDocument(w, r, http.StatusOK, nil)
}

func (h *documentPages) renderDocument(w http.ResponseWriter, r *http.Request, code int, verr *model.ValidationError) {
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
	p := &documentPage{Page: h.s.NewPage(r, "documents.desk.document", "Title", d.Title), CanUpload: d.State != model.DocumentCountersigned}
	if verr != nil {
		p.SetErrors(verr)
	}
	p.Doc = recordview.Docs(p.Page, kinds, []*model.Document{d}, "/desk/documents/")[0]
	p.Versions = recordview.Versions(p.Page, versions, p.Doc.Path)
	next := model.DocumentCountersigned
	if d.State == model.DocumentBlank {
		next = model.DocumentBlank
	}
	p.States = recordview.StateChoices(p.Page, model.DocumentStates, string(next))
	h.s.Render(w, r, code, "desk/document", p)
}

// addVersion adds the uploaded file as the document's next version.
func (h *documentPages) addVersion(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	did := recordID(r, "id")
	err = h.docs.AddVersion(r.Context(), web.UserOf(r), did, model.DocumentState(f.Get("state")), firstUpload(f))
	var verr *model.ValidationError
	if errors.As(err, &verr) {
		h.renderDocument(w, r, http.StatusUnprocessableEntity, verr)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.documents.uploaded")
	http.Redirect(w, r, "/desk/documents/"+id(did), http.StatusSeeOther)
}

// download sends one version's file.
func (h *documentPages) download(w http.ResponseWriter, r *http.Request) {
	a, f, err := h.docs.Open(r.Context(), web.UserOf(r), recordID(r, "id"), recordID(r, "version"))
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	defer f.Close()
	web.ServeAttachment(w, r, a, f)
}

// recordID reads a positive id from the path; 0 when it is none, which no
// record has.
func recordID(r *http.Request, name string) int64 {
	n, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || n <= 0 {
		return 0
	}
	return n
}
