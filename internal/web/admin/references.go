package admin

import (
	"errors"
	"net/http"
	"unicode/utf8"

	"supportal/internal/model"
	"supportal/internal/refnum"
	"supportal/internal/store"
	"supportal/internal/web"
)

// The references page: the pattern that finds order and reference
// numbers in incoming tickets and the URL template that links them to
// the shop or ERP, with a box that tries the pattern on a sample text
// (action=test) without saving anything.

// registerReferences adds the references page.
func registerReferences(h *handler) {
	r := h.s.Router()
	r.Page("GET /admin/references", web.Admin, h.referencesShow)
	r.Page("POST /admin/references", web.Admin, h.referencesSave)
}

// referencesPage is the settings form and the result of a try.
type referencesPage struct {
	*web.Page
	Form   refnum.Settings
	Sample string
	Tried  bool     // the pattern was tried on Sample
	Found  []string // what the try found
	Links  []string // the links of Found, by index; "" without a template
}

// referencesShow shows the stored settings.
func (h *handler) referencesShow(w http.ResponseWriter, r *http.Request) {
	s, err := refnum.Load(r.Context(), &h.s.Store.Queries)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	h.s.Render(w, r, http.StatusOK, "admin/references", &referencesPage{Page: h.s.NewPage(r, "refs.admin.title"), Form: s})
}

// referencesSave stores the settings, or with action=test shows what the
// typed pattern finds in the sample. Bad input re-shows the form with
// what was typed and changes nothing.
func (h *handler) referencesSave(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p := &referencesPage{Page: h.s.NewPage(r, "refs.admin.title"),
		Form: refnum.Settings{Pattern: f.Trimmed("pattern"), URL: f.Trimmed("url")}, Sample: f.Get("sample")}
	if f.Get("action") == "test" {
		h.referencesTry(w, r, p)
		return
	}
	err = h.s.Store.InTx(r.Context(), func(q *store.Queries) error {
		return refnum.Save(r.Context(), q, p.Form)
	})
	var v *model.ValidationError
	if errors.As(err, &v) {
		p.SetErrors(v)
		h.s.Render(w, r, http.StatusUnprocessableEntity, "admin/references", p)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.refs.saved")
	http.Redirect(w, r, "/admin/references", http.StatusSeeOther)
}

// referencesTry runs the typed pattern on the sample.
func (h *handler) referencesTry(w http.ResponseWriter, r *http.Request, p *referencesPage) {
	v := refnum.Check(p.Form)
	switch {
	case p.Form.Pattern == "":
		v.Add("pattern", "error.required")
	case utf8.RuneCountInString(p.Sample) > refnum.MaxSample:
		v.Add("sample", "error.too_long")
	}
	if v.Err() != nil {
		p.SetErrors(v)
		h.s.Render(w, r, http.StatusUnprocessableEntity, "admin/references", p)
		return
	}
	re, err := refnum.Compile(p.Form.Pattern)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p.Tried, p.Found = true, refnum.Find(re, refnum.MaxPerTicket, p.Sample)
	for _, ref := range p.Found {
		p.Links = append(p.Links, refnum.Link(p.Form.URL, ref))
	}
	h.s.Render(w, r, http.StatusOK, "admin/references", p)
}
