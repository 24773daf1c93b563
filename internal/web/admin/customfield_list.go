package admin

import (
	"net/http"

	"supportal/internal/model"
	"supportal/internal/web"
)

// customFieldsPage lists the custom fields and holds the form that adds
// one.
type customFieldsPage struct {
	modelPage
	Rows      []customFieldRow
	Form      customFieldForm
	Kinds     []web.Choice
	Languages []string
}

// customFieldRow is a field in the list.
type customFieldRow struct {
	model.CustomField
	Name        string // in the page's language
	First, Last bool
}

func (h *modelPages) customFieldList(w http.ResponseWriter, r *http.Request) {
	h.renderCustomFields(w, r, http.StatusOK, customFieldForm{Kind: string(model.KindText), Active: true}, nil)
}

// renderCustomFields shows the list with the add form f and its errors.
func (h *modelPages) renderCustomFields(w http.ResponseWriter, r *http.Request, code int, f customFieldForm, v *model.ValidationError) {
	p := &customFieldsPage{modelPage: modelPage{h.s.NewPage(r, "ticketmodel.custom.title")}, Form: f, Languages: labelLanguages}
	if v != nil {
		p.SetErrors(v)
	}
	p.Kinds = kindChoices(p.Page, f.Kind)
	fields, err := h.s.Store.CustomFields(r.Context())
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	for i, c := range fields {
		p.Rows = append(p.Rows, customFieldRow{CustomField: c, Name: c.Label(p.Lang), First: i == 0, Last: i == len(fields)-1})
	}
	h.s.Render(w, r, code, "admin/custom_fields", p)
}
