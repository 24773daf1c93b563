package web

import (
	"slices"
	"time"

	"supportal/internal/i18n"
	"supportal/internal/model"
)

// customPrefix starts the form names of custom fields ("cf.serial"); the
// form lists the keys it shows in "cf", so an unticked box or an empty
// multi select still clears its value.
const customPrefix = "cf."

// CustomInput is one custom field of a form, for the "custom-field"
// partial.
type CustomInput struct {
	Key, Name, ID, Label, Kind, Value, Error string
	Required                                 bool
	Checked                                  bool     // a ticked checkbox
	Choices                                  []Choice // of the select kinds
	MaxLength                                int
}

// CustomInputs builds the inputs of fields holding values (as stored or
// as typed); errors come from the page's validation errors
// ("custom_fields.<key>"); required says which fields to mark required.
// idPrefix tells two forms of one page apart.
func (p *Page) CustomInputs(fields []model.CustomField, values map[string]any, errors map[string]string, idPrefix string, required func(model.CustomField) bool) []CustomInput {
	out := make([]CustomInput, 0, len(fields))
	for _, f := range fields {
		val := values[f.Key]
		in := CustomInput{
			Key: f.Key, Name: customPrefix + f.Key, ID: idPrefix + "cf-" + f.Key, Label: f.Label(p.Lang), Kind: string(f.Kind),
			Value: model.CustomValueText(val), Error: errors["custom_fields."+f.Key], Required: required != nil && required(f),
		}
		switch f.Kind {
		case model.KindText:
			in.MaxLength = 500
		case model.KindCheckbox:
			in.Checked = in.Value != "" && in.Value != "0" && in.Value != "false"
		case model.KindSelect, model.KindMultiSelect:
			chosen := model.CustomValueList(val)
			if s, ok := val.(string); ok {
				chosen = []string{s}
			}
			if f.Kind == model.KindSelect {
				in.Choices = append(in.Choices, Choice{Value: "", Label: p.T("field.none"), Selected: len(chosen) == 0})
			}
			for _, o := range f.Options {
				in.Choices = append(in.Choices, Choice{Value: o, Label: o, Selected: slices.Contains(chosen, o)})
			}
			for _, c := range chosen { // a value no longer offered still shows as it is
				if !slices.Contains(f.Options, c) {
					in.Choices = append(in.Choices, Choice{Value: c, Label: c, Selected: true})
				}
			}
		}
		out = append(out, in)
	}
	return out
}

// CustomValuesOf reads the custom fields a form shows, as the ticket
// service takes them: text as typed, a multi select as a list, a
// checkbox as whether it was ticked. Keys the model does not know are
// passed on as text for the service to refuse.
func CustomValuesOf(f *Form, m *model.TicketModel) map[string]any {
	out := map[string]any{}
	for _, key := range f.Values["cf"] {
		name := customPrefix + key
		kind := model.KindText
		if fd := m.Field(key); fd != nil {
			kind = fd.Kind
		}
		switch kind {
		case model.KindMultiSelect:
			out[key] = slices.Concat([]string{}, f.Values[name])
		case model.KindCheckbox:
			out[key] = f.Get(name) != ""
		default:
			out[key] = f.Get(name)
		}
	}
	return out
}

// CustomValue is a custom field with its value as a page shows it.
type CustomValue struct {
	Key, Label, Value string
}

// CustomValues lists the values of a ticket's custom fields in the order
// of the fields, for the fields given (callers choose what the reader may
// see). Empty fields are left out.
func (p *Page) CustomValues(fields []model.CustomField, values map[string]any) []CustomValue {
	var out []CustomValue
	for _, f := range fields {
		text := model.CustomValueText(values[f.Key])
		if text == "" {
			continue
		}
		switch f.Kind {
		case model.KindCheckbox:
			text = p.T("ticketmodel.yes")
		case model.KindDate:
			if d, err := time.Parse(time.DateOnly, text); err == nil {
				text = i18n.Date(p.Lang, d) // a calendar day, in no time zone
			}
		}
		out = append(out, CustomValue{Key: f.Key, Label: f.Label(p.Lang), Value: text})
	}
	return out
}
