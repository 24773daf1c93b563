package admin

import (
	"regexp"
	"slices"
	"strings"

	"supportal/internal/model"
	"supportal/internal/plaintext"
	"supportal/internal/web"
)

// customKeyPattern is what a custom field's key may be: it names the
// field in the API and in stored tickets, so it stays plain and short.
var customKeyPattern = regexp.MustCompile(`^[a-z0-9_]{1,40}$`)

// maxCustomOptions is the number of values a select field may offer.
const maxCustomOptions = 100

// customFieldForm is the form of a custom field as typed.
type customFieldForm struct {
	ID              int64 // 0: a new field
	Key, Kind       string
	Labels          model.Labels
	Options         string // one value a line
	ContactVisible  bool
	ContactEditable bool
	RequiredCreate  bool
	RequiredResolve bool
	Active          bool
}

// Label returns the field's label in lang for the form.
func (f customFieldForm) Label(lang string) string { return f.Labels[lang] }

// customFieldFormOf fills the form with a stored field.
func customFieldFormOf(c model.CustomField) customFieldForm {
	return customFieldForm{ID: c.ID, Key: c.Key, Kind: string(c.Kind), Labels: c.Labels, Options: strings.Join(c.Options, "\n"),
		ContactVisible: c.ContactVisible, ContactEditable: c.ContactEditable, RequiredCreate: c.RequiredCreate,
		RequiredResolve: c.RequiredResolve, Active: c.Active}
}

// readCustomField reads and checks the form. The key and kind of an
// existing field come from it, not from the form: they never change.
func readCustomField(f *web.Form, existing *model.CustomField, v *model.ValidationError) (customFieldForm, model.CustomField) {
	in := customFieldForm{Key: strings.TrimSpace(f.Get("key")), Kind: f.Get("kind"), Labels: labelsOf(f, v), Options: f.Get("options"),
		ContactVisible: f.Get("contact_visible") != "", ContactEditable: f.Get("contact_editable") != "",
		RequiredCreate: f.Get("required_create") != "", RequiredResolve: f.Get("required_resolve") != "", Active: f.Get("active") != ""}
	if existing != nil {
		in.ID, in.Key, in.Kind = existing.ID, existing.Key, string(existing.Kind)
	} else if !customKeyPattern.MatchString(in.Key) {
		v.Add("key", "ticketmodel.error.key")
	}
	kind := model.CustomFieldKind(in.Kind)
	if !kind.Valid() {
		v.Add("kind", "error.option")
	}
	if in.ContactEditable {
		in.ContactVisible = true // what a contact fills in, it sees
	}
	if in.Labels["de"] == "" && in.Labels["en"] == "" {
		v.Add("label_en", "ticketmodel.error.label_required")
	}
	var options []string
	for line := range strings.Lines(in.Options) {
		o := plaintext.Line(line)
		if o == "" || slices.Contains(options, o) {
			continue
		}
		if len(o) > maxName {
			v.Add("options", "error.too_long")
		}
		options = append(options, o)
	}
	switch {
	case !kind.HasOptions():
		options = nil
	case len(options) == 0:
		v.Add("options", "ticketmodel.error.options_required")
	case len(options) > maxCustomOptions:
		v.Add("options", "ticketmodel.error.too_many_options")
	}
	in.Options = strings.Join(options, "\n")
	return in, model.CustomField{ID: in.ID, Key: in.Key, Kind: kind, Labels: in.Labels, Options: options,
		ContactVisible: in.ContactVisible, ContactEditable: in.ContactEditable, RequiredCreate: in.RequiredCreate,
		RequiredResolve: in.RequiredResolve, Active: in.Active}
}

// kindChoices lists the kinds for the form's select.
func kindChoices(p *web.Page, selected string) []web.Choice {
	var out []web.Choice
	for _, k := range model.CustomFieldKinds {
		out = append(out, web.Choice{Value: string(k), Label: p.T("ticketmodel.kind." + string(k)), Selected: string(k) == selected})
	}
	return out
}
