package kbweb

import (
	"errors"
	"net/http"

	"supportal/internal/kb"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/web"
)

// treePage is the form of a category or a section: its name (and a
// category's description) per language side by side, a section's
// category, and deleting it.
type treePage struct {
	*web.Page
	ID        int64
	Section   bool // a section, else a category
	Base      string
	Names     kb.Names
	Languages []string
	// CategoryID and Categories are a section's category and the choices.
	CategoryID int64
	Categories []*store.KBCategory
}

// Action is where the form posts to.
func (p *treePage) Action() string {
	if p.Section {
		return "/desk/kb/sections/" + itoa(p.ID)
	}
	return "/desk/kb/categories/" + itoa(p.ID)
}

// Name is the name typed for language l.
func (p *treePage) Name(l string) string { return p.Names[l].Name }

// Description is the description typed for language l.
func (p *treePage) Description(l string) string { return p.Names[l].Description }

// Error is the error of field name_<l> or description_<l>.
func (p *treePage) Error(field, l string) string { return p.Errors[field+"_"+l] }

// LanguageName is a language's name in the page's language.
func (p *treePage) LanguageName(l string) string { return p.T("kb.language." + l) }

// readNames takes the names per language from the submitted form.
func readNames(f *web.Form) kb.Names {
	names := kb.Names{}
	for _, l := range kb.Languages {
		names[l] = store.KBName{Language: l, Name: f.Get("name_" + l), Description: f.Get("description_" + l)}
	}
	return names
}

// treeObject reads the category or section of the request's path into
// its form, as stored. On failure it has answered and returns nil.
func (h *handler) treeObject(w http.ResponseWriter, r *http.Request, section bool) *treePage {
	id, err := pathID(r)
	if err != nil {
		h.s.Error(w, r, err)
		return nil
	}
	u := web.UserOf(r)
	if section {
		s, err := h.kb.Section(r.Context(), u, id)
		if err != nil {
			h.s.Error(w, r, err)
			return nil
		}
		return &treePage{Page: h.s.NewPage(r, "kbtree.section.title", "Name", s.Base), ID: id, Section: true, Base: s.Base,
			Names: s.Names, CategoryID: s.CategoryID}
	}
	c, err := h.kb.Category(r.Context(), u, id)
	if err != nil {
		h.s.Error(w, r, err)
		return nil
	}
	return &treePage{Page: h.s.NewPage(r, "kbtree.category.title", "Name", c.Base), ID: id, Base: c.Base, Names: c.Names}
}

// categoryEdit shows the form of a category.
func (h *handler) categoryEdit(w http.ResponseWriter, r *http.Request) { h.treeEdit(w, r, false) }

// sectionEdit shows the form of a section.
func (h *handler) sectionEdit(w http.ResponseWriter, r *http.Request) { h.treeEdit(w, r, true) }

func (h *handler) treeEdit(w http.ResponseWriter, r *http.Request, section bool) {
	if p := h.treeObject(w, r, section); p != nil {
		h.renderTree(w, r, http.StatusOK, p)
	}
}

// categoryUpdate writes a category's names and descriptions.
func (h *handler) categoryUpdate(w http.ResponseWriter, r *http.Request) { h.treeUpdate(w, r, false) }

// sectionUpdate writes a section's names and moves it to the chosen
// category.
func (h *handler) sectionUpdate(w http.ResponseWriter, r *http.Request) { h.treeUpdate(w, r, true) }

func (h *handler) treeUpdate(w http.ResponseWriter, r *http.Request, section bool) {
	p := h.treeObject(w, r, section)
	if p == nil {
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	names := readNames(f)
	p.Names = copyNames(names)
	u := web.UserOf(r)
	if section {
		p.CategoryID = f.Int64("category")
		err = h.kb.UpdateSection(r.Context(), u, p.ID, kb.SectionInput{CategoryID: p.CategoryID, Names: names})
	} else {
		err = h.kb.UpdateCategory(r.Context(), u, p.ID, kb.CategoryInput{Names: names})
	}
	h.afterTreeEdit(w, r, p, err)
}

// copyNames keeps what was typed for the form, as validation trims and
// drops empty languages from the input it is given.
func copyNames(names kb.Names) kb.Names {
	out := kb.Names{}
	for l, n := range names {
		out[l] = n
	}
	return out
}

func (h *handler) renderTree(w http.ResponseWriter, r *http.Request, code int, p *treePage) {
	p.Languages = kb.Languages
	if p.Section {
		cats, err := h.kb.Tree(r.Context(), web.UserOf(r), p.Lang)
		if err != nil {
			h.s.Error(w, r, err)
			return
		}
		for _, c := range cats {
			p.Categories = append(p.Categories, c.KBCategory)
		}
	}
	h.s.Render(w, r, code, "kb/desk_tree", p)
}

// afterTreeEdit shows the form again with what was typed when it was
// refused, else goes back to the overview.
func (h *handler) afterTreeEdit(w http.ResponseWriter, r *http.Request, p *treePage, err error) {
	var bad *model.ValidationError
	if errors.As(err, &bad) {
		p.SetErrors(bad)
		h.renderTree(w, r, http.StatusUnprocessableEntity, p)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.kb.saved")
	http.Redirect(w, r, "/desk/kb#"+anchor(p.Section, p.ID), http.StatusSeeOther)
}

// anchor is the id of a category's or section's heading on /desk/kb.
func anchor(section bool, id int64) string {
	if section {
		return "section-" + itoa(id)
	}
	return "category-" + itoa(id)
}

// categoryMove moves a category one place up or down (dir=up|down).
func (h *handler) categoryMove(w http.ResponseWriter, r *http.Request) {
	h.treeMove(w, r, false)
}

// sectionMove moves a section one place up or down within its category.
func (h *handler) sectionMove(w http.ResponseWriter, r *http.Request) {
	h.treeMove(w, r, true)
}

func (h *handler) treeMove(w http.ResponseWriter, r *http.Request, section bool) {
	id, err := pathID(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	u := web.UserOf(r)
	dir := f.Get("dir")
	switch {
	case dir != "up" && dir != "down":
		err = model.Invalid("dir", "error.option")
	case section:
		err = h.kb.MoveSection(r.Context(), u, id, dir == "up")
	default:
		err = h.kb.MoveCategory(r.Context(), u, id, dir == "up")
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.kb.saved")
	http.Redirect(w, r, "/desk/kb#"+anchor(section, id), http.StatusSeeOther)
}

// categoryDelete removes an empty category; one with sections stays and
// its form says how many it holds.
func (h *handler) categoryDelete(w http.ResponseWriter, r *http.Request) {
	h.treeDelete(w, r, false)
}

// sectionDelete removes a section without articles; one with articles
// stays and its form says how many it holds.
func (h *handler) sectionDelete(w http.ResponseWriter, r *http.Request) {
	h.treeDelete(w, r, true)
}

func (h *handler) treeDelete(w http.ResponseWriter, r *http.Request, section bool) {
	id, err := pathID(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	if _, err := h.s.ParseForm(w, r); err != nil {
		h.s.Error(w, r, err)
		return
	}
	u := web.UserOf(r)
	if section {
		err = h.kb.DeleteSection(r.Context(), u, id)
	} else {
		err = h.kb.DeleteCategory(r.Context(), u, id)
	}
	var full *kb.NotEmptyError
	if errors.As(err, &full) {
		h.refuseDelete(w, r, section, id, full)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.kbtree.deleted")
	http.Redirect(w, r, "/desk/kb", http.StatusSeeOther)
}

// refuseDelete shows the form again with why nothing was deleted.
func (h *handler) refuseDelete(w http.ResponseWriter, r *http.Request, section bool, id int64, full *kb.NotEmptyError) {
	u := web.UserOf(r)
	var p *treePage
	if section {
		s, err := h.kb.Section(r.Context(), u, id)
		if err != nil {
			h.s.Error(w, r, err)
			return
		}
		p = &treePage{Page: h.s.NewPage(r, "kbtree.section.title", "Name", s.Base), ID: id, Section: true, Base: s.Base,
			Names: s.Names, CategoryID: s.CategoryID}
		p.FormError = p.T("kbtree.error.section_not_empty", "Count", full.Articles)
	} else {
		c, err := h.kb.Category(r.Context(), u, id)
		if err != nil {
			h.s.Error(w, r, err)
			return
		}
		p = &treePage{Page: h.s.NewPage(r, "kbtree.category.title", "Name", c.Base), ID: id, Base: c.Base, Names: c.Names}
		p.FormError = p.T("kbtree.error.category_not_empty", "Count", full.Sections)
	}
	h.renderTree(w, r, http.StatusConflict, p)
}

// treeTools are the edit link and move buttons of a category or section
// on /desk/kb, translated.
type treeTools struct {
	Kind                          string // categories or sections, as in the path
	ID                            int64
	Edit, Up, Down                string
	EditLabel, UpLabel, DownLabel string // with the name, for screen readers
}

// Tools builds the edit link and move buttons of a category (kind
// "categories") or section ("sections") named name.
func (p *deskPage) Tools(kind string, id int64, name string) treeTools {
	return treeTools{Kind: kind, ID: id, Edit: p.T("kbtree.edit"), EditLabel: p.T("kbtree.edit_label", "Name", name), Up: p.T("kbtree.move.up"), Down: p.T("kbtree.move.down"),
		UpLabel: p.T("kbtree.move.up_label", "Name", name), DownLabel: p.T("kbtree.move.down_label", "Name", name)}
}
