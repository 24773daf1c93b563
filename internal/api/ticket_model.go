package api

import (
	"net/http"

	"supportal/internal/model"
	"supportal/internal/web"
)

// ticketModelJSON is what client software needs to build ticket forms:
// the statuses, the values of the option fields and the custom fields.
// A contact gets only the option values it may choose and the custom
// fields it may see.
type ticketModelJSON struct {
	Statuses     []statusJSON      `json:"statuses"`
	Options      []optionJSON      `json:"options"`
	CustomFields []customFieldJSON `json:"custom_fields"`
}

type statusJSON struct {
	Name     string         `json:"name"`
	Category model.Category `json:"category"`
	Labels   model.Labels   `json:"labels"`
}

type optionJSON struct {
	Field             string       `json:"field"`
	Value             string       `json:"value"`
	Module            *string      `json:"module"` // of a version
	ContactSelectable bool         `json:"contact_selectable"`
	Default           bool         `json:"default"`
	Labels            model.Labels `json:"labels"`
}

type customFieldJSON struct {
	Key             string                `json:"key"`
	Kind            model.CustomFieldKind `json:"kind"`
	Labels          model.Labels          `json:"labels"`
	Options         []string              `json:"options"`
	ContactVisible  bool                  `json:"contact_visible"`
	ContactEditable bool                  `json:"contact_editable"`
	RequiredCreate  bool                  `json:"required_create"`
	RequiredResolve bool                  `json:"required_resolve"`
}

// ticketModel answers GET /api/v1/ticket-model.
func (h *handler) ticketModel(w http.ResponseWriter, r *http.Request) {
	m, err := h.s.Tickets.ContactModel(r.Context(), web.UserOf(r))
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	out := ticketModelJSON{Statuses: []statusJSON{}, Options: []optionJSON{}, CustomFields: []customFieldJSON{}}
	for _, s := range m.Statuses {
		out.Statuses = append(out.Statuses, statusJSON{Name: s.Name, Category: s.Category, Labels: orNoLabels(s.Labels)})
	}
	for _, o := range m.Options {
		j := optionJSON{Field: o.Field, Value: o.Value, ContactSelectable: o.ContactSelectable, Default: o.Default, Labels: orNoLabels(o.Labels)}
		if o.Field == model.FieldVersion {
			j.Module = &o.Parent
		}
		out.Options = append(out.Options, j)
	}
	for _, f := range m.ActiveFields() {
		out.CustomFields = append(out.CustomFields, customFieldJSON{Key: f.Key, Kind: f.Kind, Labels: orNoLabels(f.Labels),
			Options: append([]string{}, f.Options...), ContactVisible: f.ContactVisible, ContactEditable: f.ContactEditable,
			RequiredCreate: f.RequiredCreate, RequiredResolve: f.RequiredResolve})
	}
	web.WriteJSON(w, http.StatusOK, out)
}

func orNoLabels(l model.Labels) model.Labels {
	if l == nil {
		return model.Labels{}
	}
	return l
}
