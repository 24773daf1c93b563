package desk

import (
	"errors"
	"net/http"

	"supportal/internal/model"
	"supportal/internal/replytpl"
	"supportal/internal/web"
)

// templateEdit shows the form of a template the agent may change.
func (h *tplHandler) templateEdit(w http.ResponseWriter, r *http.Request) {
	t, err := h.editableTemplate(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	form := templateForm{Name: t.Name, Language: t.Language, Body: t.Body, Solution: t.Solution, Shared: t.Shared()}
	h.renderTemplateForm(w, r, http.StatusOK, h.templateEditPage(r, t), form, "desk/reply_template_form")
}

// templateUpdate changes a template; its owner stays.
func (h *tplHandler) templateUpdate(w http.ResponseWriter, r *http.Request) {
	t, err := h.editableTemplate(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	form := readTemplate(f)
	form.Shared = t.Shared()
	typed := form.template()
	typed.ID = t.ID
	err = h.tpl.Update(r.Context(), web.UserOf(r), typed)
	var bad *model.ValidationError
	if errors.As(err, &bad) {
		p := h.templateEditPage(r, t)
		p.SetErrors(bad)
		h.renderTemplateForm(w, r, http.StatusUnprocessableEntity, p, form, "desk/reply_template_form")
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.replytpl.saved")
	http.Redirect(w, r, "/desk/templates", http.StatusSeeOther)
}

// templateDelete removes a template.
func (h *tplHandler) templateDelete(w http.ResponseWriter, r *http.Request) {
	t, err := h.editableTemplate(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	if err := h.tpl.Delete(r.Context(), web.UserOf(r), t.ID); err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.replytpl.deleted")
	http.Redirect(w, r, "/desk/templates", http.StatusSeeOther)
}

// editableTemplate loads the template of the path that the agent may
// change: another agent's own is not found, a shared one forbidden to
// agents who are not admins.
func (h *tplHandler) editableTemplate(r *http.Request) (*replytpl.Template, error) {
	n, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return h.tpl.Editable(r.Context(), web.UserOf(r), n)
}

func (h *tplHandler) templateEditPage(r *http.Request, t *replytpl.Template) *templatePage {
	return &templatePage{Page: h.s.NewPage(r, "replytpl.edit_title", "Name", t.Name), Template: t}
}
