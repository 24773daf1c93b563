package admin

import (
	"errors"
	"fmt"
	"net/http"
	"slices"

	"supportal/internal/mailout"
	"supportal/internal/model"
	"supportal/internal/web"
)

// templatePage edits one template in one language, with a preview.
type templatePage struct {
	mailPage
	Name         string
	TemplateLang string // the language of the template, not of the page
	Subject      string
	Body         string
	Custom       bool
	Preview      *renderedTemplate
	Fields       []placeholder
	Language     string // the language's name
}

// renderedTemplate is a template run on sample data.
type renderedTemplate struct {
	Subject string
	Body    string
}

// placeholder is a value templates may use, with what it stands for.
type placeholder struct {
	Code  string
	About string
}

// placeholders are the fields of mailout.Data, documented for admins.
var placeholders = []struct{ code, key string }{
	{"{{.Ticket.Number}}", "ticket_number"},
	{"{{.Ticket.Subject}}", "ticket_subject"},
	{"{{.Ticket.Status}}", "ticket_status"},
	{"{{.Contact.Name}}", "contact_name"},
	{"{{.Contact.Email}}", "contact_email"},
	{"{{.Agent.Name}}", "agent_name"},
	{"{{.Author.Name}}", "author_name"},
	{"{{.Link}}", "link"},
	{"{{.Reason}}", "reason"},
	{"{{.Text}}", "text"},
	{"{{.Waiting}}", "waiting"},
	{"{{.Resolved}}", "resolved"},
	{"{{.BaseURL}}", "base_url"},
}

// Action is where the form saves to.
func (p *templatePage) Action() string { return "/admin/templates/" + p.Name + "/" + p.TemplateLang }

// templateEdit shows a template as it is used now.
func (h *mailHandler) templateEdit(w http.ResponseWriter, r *http.Request) {
	t, ok := h.templateService(w, r)
	if !ok {
		return
	}
	p, err := h.templatePage(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	tt, err := t.Template(r.Context(), p.Name, p.TemplateLang)
	if err != nil {
		h.s.Error(w, r, fmt.Errorf("admin: %w", err))
		return
	}
	p.Subject, p.Body, p.Custom = tt.Subject, tt.Body, tt.Custom
	h.s.Render(w, r, http.StatusOK, "admin/template_form", p)
}

// templateSave stores the admin's version of a template. One that does
// not parse or run is shown again with the parser's message.
func (h *mailHandler) templateSave(w http.ResponseWriter, r *http.Request) {
	t, p, ok := h.templateForm(w, r)
	if !ok {
		return
	}
	err := t.SaveTemplate(r.Context(), p.Name, p.TemplateLang, p.Subject, p.Body, p.User.ID)
	if h.templateFailed(w, r, p, err) {
		return
	}
	web.Flash(w, "flash.admin.template_saved")
	http.Redirect(w, r, p.Action(), http.StatusSeeOther)
}

// templatePreview renders the typed template on sample data without
// saving it.
func (h *mailHandler) templatePreview(w http.ResponseWriter, r *http.Request) {
	t, p, ok := h.templateForm(w, r)
	if !ok {
		return
	}
	subject, body, err := t.Preview(r.Context(), p.Name, p.TemplateLang, p.Subject, p.Body)
	if h.templateFailed(w, r, p, err) {
		return
	}
	p.Preview = &renderedTemplate{Subject: subject, Body: body}
	h.s.Render(w, r, http.StatusOK, "admin/template_form", p)
}

// templateReset goes back to the built-in template.
func (h *mailHandler) templateReset(w http.ResponseWriter, r *http.Request) {
	t, ok := h.templateService(w, r)
	if !ok {
		return
	}
	p, err := h.templatePage(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	if err := t.ResetTemplate(r.Context(), p.Name, p.TemplateLang); err != nil {
		h.s.Error(w, r, fmt.Errorf("admin: %w", err))
		return
	}
	web.Flash(w, "flash.admin.template_reset")
	http.Redirect(w, r, p.Action(), http.StatusSeeOther)
}

// templatePage starts the page of the template named by the path; an
// unknown name or language is not found.
func (h *mailHandler) templatePage(r *http.Request) (*templatePage, error) {
	name, lang := r.PathValue("name"), r.PathValue("lang")
	if !slices.Contains(mailout.TemplateNames(), name) || !slices.Contains(mailout.TemplateLanguages(), lang) {
		return nil, model.ErrNotFound
	}
	mp := h.page(r, "admin.templates.title")
	p := &templatePage{mailPage: mp, Name: name, TemplateLang: lang, Language: mp.orRaw("admin.language."+lang, lang)}
	p.Title = p.T("admin.template.edit_title", "Name", p.Kind(name), "Language", p.Language)
	for _, ph := range placeholders {
		p.Fields = append(p.Fields, placeholder{Code: ph.code, About: p.T("admin.template.ph." + ph.key)})
	}
	return p, nil
}

// templateForm reads a submitted template into its page. ok is false when
// the request was answered already.
func (h *mailHandler) templateForm(w http.ResponseWriter, r *http.Request) (Templates, *templatePage, bool) {
	t, ok := h.templateService(w, r)
	if !ok {
		return nil, nil, false
	}
	p, err := h.templatePage(r)
	if err != nil {
		h.s.Error(w, r, err)
		return nil, nil, false
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return nil, nil, false
	}
	p.Subject, p.Body = f.Get("subject"), f.Get("body")
	cur, err := t.Template(r.Context(), p.Name, p.TemplateLang)
	if err != nil {
		h.s.Error(w, r, fmt.Errorf("admin: %w", err))
		return nil, nil, false
	}
	p.Custom = cur.Custom
	return t, p, true
}

// templateFailed answers a failed save or preview: a template that does
// not parse or run shows the form again with the parser's words beside
// the field. It reports whether it answered.
func (h *mailHandler) templateFailed(w http.ResponseWriter, r *http.Request, p *templatePage, err error) bool {
	if err == nil {
		return false
	}
	var bad *model.ValidationError
	if !errors.As(err, &bad) {
		h.s.Error(w, r, fmt.Errorf("admin: %w", err))
		return true
	}
	p.SetErrors(bad)
	var te *mailout.TemplateError
	if errors.As(err, &te) {
		for field, reason := range te.Reasons {
			if reason != nil {
				p.Errors[field] = p.T("admin.template.error_parse", "Reason", reason.Error())
			}
		}
	}
	h.s.Render(w, r, http.StatusUnprocessableEntity, "admin/template_form", p)
	return true
}
