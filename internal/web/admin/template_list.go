package admin

import (
	"context"
	"fmt"
	"net/http"

	"supportal/internal/mailout"
)

// Templates edits the notification templates; *mailout.Outbox is one.
type Templates interface {
	// Template returns a template as used now: the admin's version or the
	// default. An unknown name or language is model.ErrNotFound.
	Template(ctx context.Context, name, lang string) (mailout.TemplateText, error)
	// SaveTemplate stores an admin's version; one that does not parse or
	// run is a *model.ValidationError on "subject" and "body".
	SaveTemplate(ctx context.Context, name, lang, subject, body string, by int64) error
	// ResetTemplate goes back to the default.
	ResetTemplate(ctx context.Context, name, lang string) error
	// Preview renders subject and body on sample data without saving.
	Preview(ctx context.Context, name, lang, subject, body string) (string, string, error)
}

// templateListPage lists every template in every language.
type templateListPage struct {
	mailPage
	Available bool
	Templates []templateRow
}

// templateRow is one template with its languages.
type templateRow struct {
	Name        string
	Label       string
	Description string
	Languages   []templateLang
}

// templateLang is a template in one language.
type templateLang struct {
	URL    string
	Label  string
	Custom bool
}

// templateList shows the templates and which of them admins changed.
func (h *mailHandler) templateList(w http.ResponseWriter, r *http.Request) {
	if _, ok := h.templateService(w, r); !ok {
		return
	}
	p := &templateListPage{mailPage: h.page(r, "admin.templates.title"), Available: true}
	custom, err := h.s.Store.MailTemplates(r.Context())
	if err != nil {
		h.s.Error(w, r, fmt.Errorf("admin: %w", err))
		return
	}
	changed := map[string]bool{}
	for _, t := range custom {
		changed[t.Name+"/"+t.Language] = true
	}
	for _, name := range mailout.TemplateNames() {
		row := templateRow{Name: name, Label: p.Kind(name), Description: p.orRaw("admin.template.about."+name, "")}
		for _, lang := range mailout.TemplateLanguages() {
			row.Languages = append(row.Languages, templateLang{
				URL: "/admin/templates/" + name + "/" + lang, Label: p.orRaw("admin.language."+lang, lang), Custom: changed[name+"/"+lang],
			})
		}
		p.Templates = append(p.Templates, row)
	}
	h.s.Render(w, r, http.StatusOK, "admin/template_list", p)
}

// templateService returns the template service. Without one every
// template page answers with the notice that templates are not available
// here, changing nothing, and ok is false.
func (h *mailHandler) templateService(w http.ResponseWriter, r *http.Request) (t Templates, ok bool) {
	if h.mail.Templates == nil {
		h.s.Render(w, r, http.StatusOK, "admin/template_list", &templateListPage{mailPage: h.page(r, "admin.templates.title")})
		return nil, false
	}
	return h.mail.Templates, true
}
