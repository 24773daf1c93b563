package admin

import (
	"net/http"
	"slices"

	"supportal/internal/model"
	"supportal/internal/web"
)

// optionsPage lists the values of the option fields, grouped by field
// (versions by module), and the form that adds one.
type optionsPage struct {
	modelPage
	Groups    []optionGroup
	Fields    []web.Choice // the fields a value may be added to
	Modules   []web.Choice // the modules a version may belong to
	New       optionForm
	ErrorRow  string // the row whose form failed (optionForm.key); "": the add form
	Languages []string
}

// optionGroup is the values of one field, or the versions of one module.
type optionGroup struct {
	Title string
	Rows  []optionRow
}

// optionRow is one value with what its forms need.
type optionRow struct {
	model.Option
	Name        string // as the catalogue names it, for built-in values
	First, Last bool
	N           int // numbers the rows of the page, for element ids
}

// Key identifies the row's forms on the page.
func (r optionRow) Key() string { return r.Field + "|" + r.Parent + "|" + r.Value }

// Label returns the value's label in lang for the form.
func (r optionRow) Label(lang string) string { return r.Labels[lang] }

// optionForm is the add form as typed.
type optionForm struct {
	Field, Module, Value string
	Labels               model.Labels
	ContactSelectable    bool
	Default              bool
}

func (f optionForm) key() string { return f.Field + "|" + f.Module + "|" + f.Value }

func (h *modelPages) optionList(w http.ResponseWriter, r *http.Request) {
	h.renderOptions(w, r, http.StatusOK, optionForm{Field: model.FieldModule, ContactSelectable: true}, "", nil)
}

// renderOptions shows the page with the add form f and the errors of the
// form of row errorRow ("" for the add form).
func (h *modelPages) renderOptions(w http.ResponseWriter, r *http.Request, code int, f optionForm, errorRow string, errs map[string]string) {
	p := &optionsPage{modelPage: modelPage{h.s.NewPage(r, "ticketmodel.fields.title")}, New: f, ErrorRow: errorRow, Languages: labelLanguages}
	if len(errs) > 0 {
		p.Errors, p.FormError = errs, p.T("error.form")
	}
	opts, err := h.s.Store.Options(r.Context())
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	for _, field := range model.OptionFields {
		p.Fields = append(p.Fields, web.Choice{Value: field, Label: p.T("field." + field), Selected: f.Field == field})
		if field == model.FieldVersion {
			continue
		}
		p.Groups = append(p.Groups, optionGroupOf(p.Page, opts, field, "", p.T("field."+field)))
	}
	p.Modules = []web.Choice{{Value: "", Label: p.T("field.none"), Selected: f.Module == ""}}
	for _, o := range opts {
		if o.Field != model.FieldModule {
			continue
		}
		p.Modules = append(p.Modules, web.Choice{Value: o.Value, Label: p.Option(model.FieldModule, o.Value), Selected: f.Module == o.Value})
		title := p.T("ticketmodel.fields.versions_of", "Module", p.Option(model.FieldModule, o.Value))
		p.Groups = append(p.Groups, optionGroupOf(p.Page, opts, model.FieldVersion, o.Value, title))
	}
	n := 0
	for _, g := range p.Groups {
		for i := range g.Rows {
			n++
			g.Rows[i].N = n
		}
	}
	h.s.Render(w, r, code, "admin/fields", p)
}

func optionGroupOf(p *web.Page, opts []model.Option, field, parent, title string) optionGroup {
	g := optionGroup{Title: title}
	for _, o := range opts {
		if o.Field == field && o.Parent == parent {
			name, _ := p.Lookup("option." + field + "." + o.Value)
			g.Rows = append(g.Rows, optionRow{Option: o, Name: name})
		}
	}
	if n := len(g.Rows); n > 0 {
		g.Rows[0].First, g.Rows[n-1].Last = true, true
	}
	return g
}

// postedOption parses the form of a request on one option value (fields
// "field", "module" for a version, "value") and finds the value with its
// siblings in order. When it answers ok false it has written the error
// page: a bad form, or 404 for a value that does not exist.
func (h *modelPages) postedOption(w http.ResponseWriter, r *http.Request) (f *web.Form, o model.Option, siblings []string, ok bool) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return nil, o, nil, false
	}
	opts, err := h.s.Store.Options(r.Context())
	if err != nil {
		h.s.Error(w, r, err)
		return nil, o, nil, false
	}
	field, parent, value := f.Get("field"), f.Get("module"), f.Get("value")
	if field != model.FieldVersion {
		parent = ""
	}
	for _, x := range opts {
		if x.Field == field && x.Parent == parent {
			siblings = append(siblings, x.Value)
			if x.Value == value {
				o, ok = x, true
			}
		}
	}
	if !ok || !slices.Contains(model.OptionFields, field) {
		h.s.Error(w, r, model.ErrNotFound)
		return nil, o, nil, false
	}
	return f, o, siblings, true
}
