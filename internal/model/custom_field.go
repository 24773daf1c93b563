package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Labels are display names by language ("de", "en"); a language without
// one falls back to the catalogue or the stored value.
type Labels map[string]string

// CustomFieldKind is how a custom field is typed in and stored.
type CustomFieldKind string

// The kinds of custom fields. In tickets.custom_fields a text, long text,
// date (YYYY-MM-DD) and select value is a string, a number a JSON number,
// a multi select a list of strings, a checkbox true.
const (
	KindText        CustomFieldKind = "text"
	KindLongText    CustomFieldKind = "long_text"
	KindNumber      CustomFieldKind = "number"
	KindDate        CustomFieldKind = "date"
	KindSelect      CustomFieldKind = "select"
	KindMultiSelect CustomFieldKind = "multi_select"
	KindCheckbox    CustomFieldKind = "checkbox"
)

// CustomFieldKinds lists the kinds in the order forms offer them.
var CustomFieldKinds = []CustomFieldKind{KindText, KindLongText, KindNumber, KindDate, KindSelect, KindMultiSelect, KindCheckbox}

// Valid reports whether k is a known kind.
func (k CustomFieldKind) Valid() bool { return slices.Contains(CustomFieldKinds, k) }

// HasOptions reports whether values of the kind come from a list.
func (k CustomFieldKind) HasOptions() bool { return k == KindSelect || k == KindMultiSelect }

// CustomField is a ticket field an admin defined. Key is the stable name
// in tickets.custom_fields and the API.
type CustomField struct {
	ID              int64
	Key             string
	Kind            CustomFieldKind
	Labels          Labels
	Options         []string // allowed values of the select kinds
	Position        int
	ContactVisible  bool // contacts see the value
	ContactEditable bool // contacts set it when they open a ticket
	RequiredCreate  bool // a new ticket must have it (contacts: if they may edit it)
	RequiredResolve bool // a ticket may not be resolved or closed without it
	Active          bool
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// Label is the field's name in lang, else in any language, else its key.
func (f *CustomField) Label(lang string) string {
	if s := f.Labels[lang]; s != "" {
		return s
	}
	for _, l := range []string{"en", "de"} {
		if s := f.Labels[l]; s != "" {
			return s
		}
	}
	return f.Key
}

// TicketModel is the configured shape of tickets: statuses, the values of
// the option fields and the custom fields, as read at one moment.
type TicketModel struct {
	Version  string
	Statuses []Status
	Options  []Option
	Fields   []CustomField // active and inactive, in order
}

// StatusLabel is the admin's name for status name in lang, "" if none.
func (m *TicketModel) StatusLabel(name, lang string) string {
	if m == nil {
		return ""
	}
	for _, s := range m.Statuses {
		if s.Name == name {
			return s.Labels[lang]
		}
	}
	return ""
}

// OptionLabel is the admin's name for a value of an option field in
// lang, "" if none. Versions match in any module.
func (m *TicketModel) OptionLabel(field, value, lang string) string {
	if m == nil {
		return ""
	}
	for _, o := range m.Options {
		if o.Field == field && o.Value == value && o.Labels[lang] != "" {
			return o.Labels[lang]
		}
	}
	return ""
}

// Field returns the custom field with key, nil if there is none.
func (m *TicketModel) Field(key string) *CustomField {
	if m == nil {
		return nil
	}
	for i := range m.Fields {
		if m.Fields[i].Key == key {
			return &m.Fields[i]
		}
	}
	return nil
}

// ActiveFields lists the active custom fields in order.
func (m *TicketModel) ActiveFields() []CustomField {
	if m == nil {
		return nil
	}
	var out []CustomField
	for _, f := range m.Fields {
		if f.Active {
			out = append(out, f)
		}
	}
	return out
}

// CustomValueList reads a multi select value as stored: a list of strings.
func CustomValueList(v any) []string {
	switch x := v.(type) {
	case []string:
		return x
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// CustomValueText writes a stored value as text: numbers without
// trailing zeros, lists joined by ", ", a checkbox as "true", nothing as "".
func CustomValueText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		if x {
			return "true"
		}
		return ""
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []string, []any:
		return strings.Join(CustomValueList(x), ", ")
	}
	return fmt.Sprint(v)
}
