package desk

import (
	"net/http"

	"supportal/internal/macro"
	"supportal/internal/model"
	"supportal/internal/web"
)

// macroPage is the list of macros with the form of a new one, or the form
// of one stored macro.
type macroPage struct {
	*web.Page
	Macros []macroRow
	Macro  *macro.Macro // the macro being edited; nil on the list
	Form   macroForm
}

// macroRow is a macro of the list.
type macroRow struct {
	*macro.Macro
	Editable bool
}

// macroForm is the macro form as typed or stored, with its selects.
type macroForm struct {
	Name          string
	Shared        bool
	WaitingReason string
	Selects       []web.Select // template, status, type, priority, impact, team, assignee
}

// Action is where the macro form posts to.
func (p *macroPage) Action() string {
	if p.Macro == nil {
		return "/desk/macros"
	}
	return "/desk/macros/" + id(p.Macro.ID)
}

// readMacro takes a macro from a submitted form. Numbers that do not
// parse become ids nothing has, which validation refuses.
func readMacro(f *web.Form) (m macro.Macro, shared bool) {
	num := func(name string) int64 {
		if f.Trimmed(name) == "" {
			return 0
		}
		if n := f.Int64(name); n > 0 {
			return n
		}
		return -1
	}
	m.Name = f.Get("name")
	m.Actions = macro.Actions{TemplateID: num("template_id"), Status: f.Trimmed("status"), WaitingReason: f.Get("waiting_reason"),
		Type: f.Trimmed(model.FieldType), Priority: f.Trimmed(model.FieldPriority), Impact: f.Trimmed(model.FieldImpact),
		TeamID: num("team_id"), AssigneeID: num("assignee_id")}
	return m, f.Get("shared") != ""
}

// renderMacroForm fills the form with m and the choices of its owner and
// writes page name.
func (h *tplHandler) renderMacroForm(w http.ResponseWriter, r *http.Request, code int, p *macroPage, m macro.Macro, shared bool, name string) {
	owner := web.UserOf(r).ID
	if shared {
		owner = 0
	}
	c, err := h.macros.Choices(r.Context(), owner)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	a := m.Actions
	keep := func(name, id, label string, rest []choice) web.Select {
		return web.Select{Name: name, ID: id, Label: p.T(label), Error: p.Errors[name],
			Choices: lead("", p.T("replytpl.macro.keep"), "", rest)}
	}
	num := func(n int64) string {
		if n == 0 {
			return ""
		}
		return id(n)
	}
	var templates []choice
	for _, t := range c.Templates {
		templates = append(templates, choice{Value: id(t.ID), Label: t.Name + " (" + p.T("replytpl.language."+t.Language) + ")", Selected: num(a.TemplateID) == id(t.ID)})
	}
	option := func(field, label, selected string) web.Select {
		return keep(field, "macro-"+field, label, pick(c.Values(field), selected, func(v string) (string, string) { return v, p.Option(field, v) }))
	}
	var agents []*model.User
	for _, u := range c.Agents {
		if u.Active || u.ID == a.AssigneeID {
			agents = append(agents, u)
		}
	}
	tpl := keep("template_id", "macro-template", "replytpl.macro.template", templates)
	tpl.Choices[0].Label = p.T("replytpl.macro.no_reply")
	p.Form = macroForm{Name: m.Name, Shared: shared, WaitingReason: a.WaitingReason, Selects: []web.Select{
		tpl,
		keep("status", "macro-status", "field.status", statusChoices(p.Page, c.Statuses, a.Status)),
		option(model.FieldType, "field.type", a.Type),
		option(model.FieldPriority, "field.priority", a.Priority),
		option(model.FieldImpact, "field.impact", a.Impact),
		keep("team_id", "macro-team", "field.team", teamChoices(c.Teams, num(a.TeamID))),
		keep("assignee_id", "macro-assignee", "field.assignee", agentChoices(agents, num(a.AssigneeID))),
	}}
	h.s.Render(w, r, code, name, p)
}
