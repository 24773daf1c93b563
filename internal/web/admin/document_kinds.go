package admin

import (
	"errors"
	"net/http"

	"supportal/internal/model"
	"supportal/internal/web"
)

// The kinds of document (maintenance contract, data processing
// agreement, …) that agents choose from when they publish a document,
// each with a German and an English label. A kind is added or its labels
// changed by its key; none is removed, since documents keep theirs.

// registerDocumentKinds adds the page of the kinds of document.
func registerDocumentKinds(h *handler) {
	r := h.s.Router()
	r.Page("GET /admin/document-kinds", web.Admin, h.documentKindsShow)
	r.Page("POST /admin/document-kinds", web.Admin, h.documentKindSave)
}

// documentKindsPage lists the kinds with the form that adds or changes one.
type documentKindsPage struct {
	*web.Page
	Kinds []model.DocumentKind
	Form  model.DocumentKind
}

func (h *handler) documentKindsShow(w http.ResponseWriter, r *http.Request) {
	h.renderDocumentKinds(w, r, http.StatusOK, &documentKindsPage{Page: h.s.NewPage(r, "documents.admin.title")})
}

func (h *handler) renderDocumentKinds(w http.ResponseWriter, r *http.Request, code int, p *documentKindsPage) {
	kinds, err := h.s.Documents.Kinds(r.Context())
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p.Kinds = kinds
	h.s.Render(w, r, code, "admin/document_kinds", p)
}

// documentKindSave adds a kind or changes its labels.
func (h *handler) documentKindSave(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	k := model.DocumentKind{Key: f.Trimmed("key"), LabelDE: f.Get("label_de"), LabelEN: f.Get("label_en")}
	err = h.s.Documents.SaveKind(r.Context(), web.UserOf(r), k)
	var v *model.ValidationError
	if errors.As(err, &v) {
		p := &documentKindsPage{Page: h.s.NewPage(r, "documents.admin.title"), Form: k}
		p.SetErrors(v)
		h.renderDocumentKinds(w, r, http.StatusUnprocessableEntity, p)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.documents.kind_saved")
	http.Redirect(w, r, "/admin/document-kinds", http.StatusSeeOther)
}
