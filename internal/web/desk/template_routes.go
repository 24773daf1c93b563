package desk

import (
	"net/http"
	"strconv"

	"supportal/internal/macro"
	"supportal/internal/model"
	"supportal/internal/replytpl"
	"supportal/internal/web"
)

// tplHandler serves the reply template and macro pages.
type tplHandler struct {
	*handler
	tpl    *replytpl.Service
	macros *macro.Service
}

// registerTemplatePages adds the pages where agents keep reply templates
// and macros, and the action that applies a macro to a ticket.
func registerTemplatePages(h *handler) {
	th := &tplHandler{handler: h, tpl: h.templates(), macros: h.macroService()}
	r := h.s.Router()
	r.Page("GET /desk/templates", web.Agent, th.templateList)
	r.Page("POST /desk/templates", web.Agent, th.templateCreate)
	r.Page("GET /desk/templates/{id}", web.Agent, th.templateEdit)
	r.Page("POST /desk/templates/{id}", web.Agent, th.templateUpdate)
	r.Page("POST /desk/templates/{id}/delete", web.Agent, th.templateDelete)
	r.Page("GET /desk/macros", web.Agent, th.macroList)
	r.Page("POST /desk/macros", web.Agent, th.macroCreate)
	r.Page("GET /desk/macros/{id}", web.Agent, th.macroEdit)
	r.Page("POST /desk/macros/{id}", web.Agent, th.macroUpdate)
	r.Page("POST /desk/macros/{id}/delete", web.Agent, th.macroDelete)
	r.Page("POST /desk/tickets/{number}/macros/{id}", web.Agent, th.macroApply)
}

// templates returns the reply template service.
func (h *handler) templates() *replytpl.Service { return replytpl.New(h.s.Store) }

// macroService returns the macro service.
func (h *handler) macroService() *macro.Service {
	return macro.New(h.s.Store, h.s.Tickets, h.statusName)
}

// statusName is a status's name in lang as the customer reads it;
// statuses admins add show as named.
func (h *handler) statusName(lang, status string) string {
	if s, ok := h.s.Catalog.Lookup(lang, "status."+status); ok {
		return s
	}
	return status
}

// pathID reads the {id} of the path; anything but a positive number is
// model.ErrNotFound.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, model.ErrNotFound
	}
	return id, nil
}

// placeholder is one placeholder with what it stands for, for the help
// beside the template form.
type placeholder struct {
	Code, About string
}

func placeholders(p *web.Page) []placeholder {
	out := make([]placeholder, 0, len(replytpl.Placeholders))
	for _, name := range replytpl.Placeholders {
		out = append(out, placeholder{Code: "{{" + name + "}}", About: p.T("replytpl.placeholder." + name)})
	}
	return out
}
