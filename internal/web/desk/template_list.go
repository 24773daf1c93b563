package desk

import (
	"errors"
	"net/http"

	"supportal/internal/model"
	"supportal/internal/replytpl"
	"supportal/internal/web"
)

// templatePage is the list of reply templates with the form of a new one,
// or the form of one stored template.
type templatePage struct {
	*web.Page
	Templates    []templateRow
	Template     *replytpl.Template // the template being edited; nil on the list
	Form         templateForm
	Language     web.Select
	Placeholders []placeholder
}

// templateRow is a template of the list.
type templateRow struct {
	*replytpl.Template
	Language string // translated
	Editable bool
}

// templateForm is the template form as typed or stored.
type templateForm struct {
	Name, Language, Body string
	Solution, Shared     bool
}

// Action is where the template form posts to.
func (p *templatePage) Action() string {
	if p.Template == nil {
		return "/desk/templates"
	}
	return "/desk/templates/" + id(p.Template.ID)
}

// readTemplate takes a template from a submitted form.
func readTemplate(f *web.Form) templateForm {
	return templateForm{Name: f.Get("name"), Language: f.Trimmed("language"), Body: f.Get("body"),
		Solution: f.Get("solution") != "", Shared: f.Get("shared") != ""}
}

func (f templateForm) template() replytpl.Template {
	return replytpl.Template{Name: f.Name, Language: f.Language, Body: f.Body, Solution: f.Solution}
}

// templateList shows the templates the agent may use and a form for a new
// one.
func (h *tplHandler) templateList(w http.ResponseWriter, r *http.Request) {
	p := &templatePage{Page: h.s.NewPage(r, "replytpl.title")}
	h.renderTemplates(w, r, http.StatusOK, p, templateForm{Language: p.Lang})
}

// templateCreate adds a template: the agent's own, or a shared one when
// an admin asks for it.
func (h *tplHandler) templateCreate(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	form := readTemplate(f)
	_, err = h.tpl.Create(r.Context(), web.UserOf(r), form.template(), form.Shared)
	var bad *model.ValidationError
	if errors.As(err, &bad) {
		p := &templatePage{Page: h.s.NewPage(r, "replytpl.title")}
		p.SetErrors(bad)
		h.renderTemplates(w, r, http.StatusUnprocessableEntity, p, form)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.replytpl.saved")
	http.Redirect(w, r, "/desk/templates", http.StatusSeeOther)
}

// renderTemplates writes the list with the new template's form.
func (h *tplHandler) renderTemplates(w http.ResponseWriter, r *http.Request, code int, p *templatePage, form templateForm) {
	u := web.UserOf(r)
	list, err := h.tpl.List(r.Context(), u)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	for _, t := range list {
		p.Templates = append(p.Templates, templateRow{Template: t, Language: p.T("replytpl.language." + t.Language),
			Editable: !t.Shared() || u.IsAdmin()})
	}
	h.renderTemplateForm(w, r, code, p, form, "desk/reply_templates")
}

// renderTemplateForm fills the form and writes page name.
func (h *tplHandler) renderTemplateForm(w http.ResponseWriter, r *http.Request, code int, p *templatePage, form templateForm, name string) {
	p.Form = form
	p.Placeholders = placeholders(p.Page)
	p.Language = web.Select{Name: "language", ID: "tpl-language", Label: p.T("replytpl.field.language"), Error: p.Errors["language"]}
	for _, l := range replytpl.Languages {
		p.Language.Choices = append(p.Language.Choices, web.Choice{Value: l, Label: p.T("replytpl.language." + l), Selected: l == form.Language})
	}
	h.s.Render(w, r, code, name, p)
}
