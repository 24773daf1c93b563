package admin

import (
	"net/http"
	"slices"
	"strings"

	"supportal/internal/model"
	"supportal/internal/plaintext"
	"supportal/internal/web"
)

// modelPages edit the ticket model: statuses, the values of the option
// fields and the custom fields.
type modelPages struct {
	*handler
}

// registerTicketModel adds the ticket model pages.
func registerTicketModel(h *handler) {
	p := &modelPages{handler: h}
	r := h.s.Router()
	r.Page("GET /admin/statuses", web.Admin, p.statusList)
	r.Page("POST /admin/statuses", web.Admin, p.statusCreate)
	r.Page("POST /admin/statuses/{id}", web.Admin, p.statusUpdate)
	r.Page("POST /admin/statuses/{id}/move", web.Admin, p.statusMove)
	r.Page("POST /admin/statuses/{id}/delete", web.Admin, p.statusDelete)
	r.Page("GET /admin/fields", web.Admin, p.optionList)
	r.Page("POST /admin/fields", web.Admin, p.optionCreate)
	r.Page("POST /admin/fields/update", web.Admin, p.optionUpdate)
	r.Page("POST /admin/fields/move", web.Admin, p.optionMove)
	r.Page("POST /admin/fields/delete", web.Admin, p.optionDelete)
	r.Page("GET /admin/custom-fields", web.Admin, p.customFieldList)
	r.Page("POST /admin/custom-fields", web.Admin, p.customFieldCreate)
	r.Page("GET /admin/custom-fields/{id}", web.Admin, p.customFieldEdit)
	r.Page("POST /admin/custom-fields/{id}", web.Admin, p.customFieldUpdate)
	r.Page("POST /admin/custom-fields/{id}/move", web.Admin, p.customFieldMove)
}

// labelLanguages are the languages admins name statuses, values and
// fields in.
var labelLanguages = []string{"de", "en"}

// builtinStatuses are the statuses every instance starts with; their
// names are the API's stable keys, so admins relabel them but never
// rename them.
var builtinStatuses = []string{"New", "Open", "Waiting for customer", "On hold", "Resolved", "Closed"}

// maxName is the length limit of names, values and labels.
const maxName = 100

// labelsOf reads the label_de and label_en fields of a form.
func labelsOf(f *web.Form, v *model.ValidationError) model.Labels {
	l := model.Labels{}
	for _, lang := range labelLanguages {
		s := plaintext.Line(f.Get("label_" + lang))
		if len(s) > maxName {
			v.Add("label_"+lang, "error.too_long")
		}
		l[lang] = s
	}
	return l
}

// nameOf reads a required one-line name.
func nameOf(f *web.Form, field string, v *model.ValidationError) string {
	s := plaintext.Line(f.Get(field))
	switch {
	case s == "":
		v.Add(field, "error.required")
	case len(s) > maxName:
		v.Add(field, "error.too_long")
	}
	return s
}

// statusesPage lists the statuses, each with its forms, and the form
// that adds one.
type statusesPage struct {
	modelPage
	Rows       []statusRow
	Categories []web.Choice
	New        statusForm
	ErrorRow   int64 // the status whose form failed; 0: the new one
	Languages  []string
}

// statusRow is a status with what its forms need.
type statusRow struct {
	model.Status
	Builtin     bool
	Tickets     int64
	Categories  []web.Choice
	MoveTargets []model.Status // statuses of the same category its tickets may move to
	First, Last bool
}

// statusForm is the add form as typed.
type statusForm struct {
	Name, Category string
	Labels         model.Labels
}

// Label returns the status's label in lang for the form.
func (r statusRow) Label(lang string) string { return r.Labels[lang] }

func (h *modelPages) statusList(w http.ResponseWriter, r *http.Request) {
	h.renderStatuses(w, r, http.StatusOK, statusForm{Category: string(model.CategoryOpen)}, 0, nil)
}

// renderStatuses shows the page; verr are the errors of the form of the
// status errorRow (0: the add form), translated already.
func (h *modelPages) renderStatuses(w http.ResponseWriter, r *http.Request, code int, f statusForm, errorRow int64, errs map[string]string) {
	ctx := r.Context()
	p := &statusesPage{modelPage: modelPage{h.s.NewPage(r, "ticketmodel.statuses.title")}, New: f, ErrorRow: errorRow, Languages: labelLanguages}
	if len(errs) > 0 {
		p.Errors, p.FormError = errs, p.T("error.form")
	}
	statuses, err := h.s.Store.Statuses(ctx)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p.Categories = categoryChoices(p.Page, model.Category(f.Category))
	for i, s := range statuses {
		row := statusRow{Status: s, Builtin: slices.Contains(builtinStatuses, s.Name), First: i == 0, Last: i == len(statuses)-1,
			Categories: categoryChoices(p.Page, s.Category)}
		if row.Tickets, err = h.s.Store.StatusTicketCount(ctx, s.ID); err != nil {
			h.s.Error(w, r, err)
			return
		}
		for _, o := range statuses {
			if o.Category == s.Category && o.ID != s.ID {
				row.MoveTargets = append(row.MoveTargets, o)
			}
		}
		p.Rows = append(p.Rows, row)
	}
	h.s.Render(w, r, code, "admin/statuses", p)
}

func categoryChoices(p *web.Page, selected model.Category) []web.Choice {
	var out []web.Choice
	for _, c := range model.Categories {
		out = append(out, web.Choice{Value: string(c), Label: p.T("category." + string(c)), Selected: c == selected})
	}
	return out
}

// translate turns a validation error into messages in the request's
// language.
func (h *modelPages) translate(r *http.Request, v *model.ValidationError) map[string]string {
	lang := web.LangOf(r)
	out := map[string]string{}
	for field, key := range v.Fields {
		out[field] = h.s.Catalog.T(lang, key)
	}
	return out
}

// statusOf finds a status by the {id} of the request.
// postedStatus finds the status of the request's path among all statuses
// and parses the posted form. When it answers ok false it has written the
// error page: 404 for a status that does not exist, or a bad form.
func (h *modelPages) postedStatus(w http.ResponseWriter, r *http.Request) (f *web.Form, statuses []model.Status, s model.Status, ok bool) {
	id, ok := pathID(r)
	if !ok {
		h.s.Error(w, r, model.ErrNotFound)
		return nil, nil, s, false
	}
	statuses, err := h.s.Store.Statuses(r.Context())
	if err != nil {
		h.s.Error(w, r, err)
		return nil, nil, s, false
	}
	if s, ok = statusOf(statuses, id); !ok {
		h.s.Error(w, r, model.ErrNotFound)
		return nil, nil, s, false
	}
	if f, err = h.s.ParseForm(w, r); err != nil {
		h.s.Error(w, r, err)
		return nil, nil, s, false
	}
	return f, statuses, s, true
}

func statusOf(statuses []model.Status, id int64) (model.Status, bool) {
	i := slices.IndexFunc(statuses, func(s model.Status) bool { return s.ID == id })
	if i < 0 {
		return model.Status{}, false
	}
	return statuses[i], true
}

// isBuiltin reports whether name is one of the statuses every instance
// starts with.
func isBuiltin(name string) bool {
	return slices.ContainsFunc(builtinStatuses, func(b string) bool { return strings.EqualFold(b, name) })
}
