package kbweb

import (
	"errors"
	"html/template"
	"io"
	"mime"
	"net/http"
	"strings"

	"supportal/internal/kb"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/web"
)

// deskPage is the agents' overview: the tree with every article, drafts
// and internal ones included, and the forms for categories and sections.
type deskPage struct {
	*web.Page
	Categories []*kb.Category
	Unsorted   []*kb.Article // articles in no section
}

// deskList shows the whole knowledge base to agents.
func (h *handler) deskList(w http.ResponseWriter, r *http.Request) {
	h.renderDesk(w, r, http.StatusOK, &deskPage{Page: h.s.NewPage(r, "kb.desk.title")})
}

func (h *handler) renderDesk(w http.ResponseWriter, r *http.Request, code int, p *deskPage) {
	u := web.UserOf(r)
	cats, err := h.kb.Tree(r.Context(), u, p.Lang)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	all, err := h.kb.List(r.Context(), u, p.Lang)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	for _, a := range all {
		if a.SectionID == 0 {
			p.Unsorted = append(p.Unsorted, a)
		}
	}
	p.Categories = cats
	h.s.Render(w, r, code, "kb/desk_list", p)
}

// categoryCreate adds a category.
func (h *handler) categoryCreate(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	_, err = h.kb.CreateCategory(r.Context(), web.UserOf(r), f.Get("name"), f.Get("description"))
	h.afterTreeChange(w, r, err)
}

// sectionCreate adds a section to a category.
func (h *handler) sectionCreate(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	_, err = h.kb.CreateSection(r.Context(), web.UserOf(r), f.Int64("category"), f.Get("section_name"))
	var bad *model.ValidationError
	if errors.As(err, &bad) {
		if k, ok := bad.Fields["name"]; ok {
			delete(bad.Fields, "name")
			bad.Fields["section_name"] = k
		}
	}
	h.afterTreeChange(w, r, err)
}

func (h *handler) afterTreeChange(w http.ResponseWriter, r *http.Request, err error) {
	var bad *model.ValidationError
	if errors.As(err, &bad) {
		p := &deskPage{Page: h.s.NewPage(r, "kb.desk.title")}
		p.SetErrors(bad)
		h.renderDesk(w, r, http.StatusUnprocessableEntity, p)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.kb.saved")
	http.Redirect(w, r, "/desk/kb", http.StatusSeeOther)
}

// editPage is the form of an article in one language (a tab per
// language), with the preview, the images, counts and revisions.
type editPage struct {
	*web.Page
	ID        int64 // 0 for a new article
	Form      kb.Input
	Languages []string
	// Visibilities and Statuses are the choices of the form.
	Visibilities, Statuses []string
	Has                    map[string]bool // languages the article has a translation in
	Sections               []*store.KBSection
	Preview                template.HTML
	Files                  []*store.KBFile
	Revisions              []*store.KBRevision
	Stats                  store.KBStats
}

// Action is where the form posts to.
func (p *editPage) Action() string {
	if p.ID == 0 {
		return "/desk/kb/articles"
	}
	return "/desk/kb/articles/" + itoa(p.ID)
}

// articleNew shows the form of a new article.
func (h *handler) articleNew(w http.ResponseWriter, r *http.Request) {
	p := &editPage{Page: h.s.NewPage(r, "kb.edit.new_title"), Form: kb.Input{Language: readLang(r), Visibility: "public", Status: "draft", Notify: true}}
	h.renderEdit(w, r, http.StatusOK, p)
}

// articleEdit shows the form of a translation of an article (?lang=).
func (h *handler) articleEdit(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	u := web.UserOf(r)
	lang := readLang(r)
	a, err := h.kb.Get(r.Context(), u, id, lang)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p := &editPage{Page: h.s.NewPage(r, "kb.edit.title", "Title", a.Translation.Title), ID: id,
		Form: kb.Input{SectionID: a.SectionID, Visibility: a.Visibility, Language: lang, Status: "draft", Notify: true}}
	for _, t := range a.All {
		if t.Language == lang {
			p.Form.Title, p.Form.Body, p.Form.Status = t.Title, t.Body, t.Status
		}
	}
	h.renderEdit(w, r, http.StatusOK, p)
}

func (h *handler) renderEdit(w http.ResponseWriter, r *http.Request, code int, p *editPage) {
	u := web.UserOf(r)
	ctx := r.Context()
	var err error
	p.Languages, p.Visibilities, p.Statuses = kb.Languages, kb.Visibilities, kb.Statuses
	p.Has = map[string]bool{}
	if p.Sections, err = h.kb.Sections(ctx, u, p.Lang); err != nil {
		h.s.Error(w, r, err)
		return
	}
	if p.ID != 0 {
		a, err := h.kb.Get(ctx, u, p.ID, p.Form.Language)
		if err != nil {
			h.s.Error(w, r, err)
			return
		}
		for _, t := range a.All {
			p.Has[t.Language] = true
		}
		if p.Files, err = h.kb.Files(ctx, u, p.ID); err != nil {
			h.s.Error(w, r, err)
			return
		}
		if p.Revisions, err = h.kb.Revisions(ctx, u, p.ID); err != nil {
			h.s.Error(w, r, err)
			return
		}
		if p.Stats, err = h.kb.Stats(ctx, u, p.ID); err != nil {
			h.s.Error(w, r, err)
			return
		}
	}
	if p.Form.Body != "" {
		p.Preview = kb.Render(p.Form.Body)
	}
	h.s.Render(w, r, code, "kb/desk_article", p)
}

// readInput takes an article from the submitted form.
func readInput(f *web.Form) kb.Input {
	return kb.Input{SectionID: f.Int64("section"), Visibility: f.Trimmed("visibility"), Language: f.Trimmed("language"),
		Title: f.Get("title"), Body: f.Get("body"), Status: f.Trimmed("status"), Notify: f.Get("notify") != ""}
}

// articleCreate adds an article with its first translation.
func (h *handler) articleCreate(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	in := readInput(f)
	p := &editPage{Page: h.s.NewPage(r, "kb.edit.new_title"), Form: in}
	if f.Get("preview") != "" {
		h.renderEdit(w, r, http.StatusOK, p)
		return
	}
	id, err := h.kb.Create(r.Context(), web.UserOf(r), in)
	h.afterSave(w, r, p, id, in.Language, err)
}

// articleUpdate writes a translation of an article.
func (h *handler) articleUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	u := web.UserOf(r)
	if _, err := h.kb.Get(r.Context(), u, id, ""); err != nil {
		h.s.Error(w, r, err)
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	in := readInput(f)
	p := &editPage{Page: h.s.NewPage(r, "kb.edit.title", "Title", in.Title), ID: id, Form: in}
	if f.Get("preview") != "" {
		h.renderEdit(w, r, http.StatusOK, p)
		return
	}
	err = h.kb.Update(r.Context(), u, id, in)
	h.afterSave(w, r, p, id, in.Language, err)
}

func (h *handler) afterSave(w http.ResponseWriter, r *http.Request, p *editPage, id int64, lang string, err error) {
	var bad *model.ValidationError
	if errors.As(err, &bad) {
		p.SetErrors(bad)
		h.renderEdit(w, r, http.StatusUnprocessableEntity, p)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.kb.saved")
	http.Redirect(w, r, "/desk/kb/articles/"+itoa(id)+"?lang="+lang, http.StatusSeeOther)
}

// maxImage is the largest image an article takes.
const maxImage = 10 << 20

// fileUpload stores an image of the article from the multipart field
// "file" and shows the Markdown that embeds it.
func (h *handler) fileUpload(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	u := web.UserOf(r)
	if _, err := h.kb.Get(r.Context(), u, id, ""); err != nil {
		h.s.Error(w, r, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxImage+1<<16)
	mr, err := r.MultipartReader()
	if err != nil {
		h.s.Error(w, r, model.Invalid("file", "error.required"))
		return
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			h.s.Error(w, r, model.Invalid("file", "error.required"))
			return
		}
		if err != nil {
			h.s.Error(w, r, web.ErrBadRequest)
			return
		}
		if part.FormName() != "file" || part.FileName() == "" {
			continue
		}
		ct, _, _ := mime.ParseMediaType(part.Header.Get("Content-Type"))
		f, err := h.kb.Upload(r.Context(), u, id, part.FileName(), strings.ToLower(ct), part)
		if err != nil {
			h.s.Error(w, r, err)
			return
		}
		web.Flash(w, "flash.kb.uploaded")
		http.Redirect(w, r, "/desk/kb/articles/"+itoa(id)+"?lang="+readLang(r)+"#file-"+itoa(f.ID), http.StatusSeeOther)
		return
	}
}

// fileAttachment describes an article image for web.ServeAttachment.
func fileAttachment(f *store.KBFile) *model.Attachment {
	return &model.Attachment{ID: f.ID, Name: f.Name, Size: f.Size, ContentType: f.ContentType, BlobKey: f.BlobKey}
}
