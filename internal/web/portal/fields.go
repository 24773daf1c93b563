package portal

import (
	"supportal/internal/model"
	"supportal/internal/web"
)

// The select types of the shared "select" partial.
type (
	selectField = web.Select
	choice      = web.Choice
	choiceGroup = web.ChoiceGroup
)

// filesField is the attachments field for the "portal-files" partial.
type filesField struct {
	*web.Page
	ID, Label, Hint, Error string
	Kept                   []*model.Attachment
}

// attachmentLinks lists a message's files for the
// "portal-attachment-links" partial.
type attachmentLinks struct {
	*web.Page
	Label string
	Files []model.Attachment
}

// newFilesField builds the attachments field of a form; id tells two
// forms of one page apart.
func newFilesField(p *web.Page, id string, maxUpload int64, kept []*model.Attachment) filesField {
	return filesField{
		Page: p, ID: id, Label: p.T("field.attachments"), Error: p.Errors["attachments"], Kept: kept,
		Hint: p.T("portal.form.files_hint", "Limit", p.Size(maxUpload)),
	}
}

// optionSelects builds the selects of the option fields a contact may
// choose. value gives the current value of a field; an empty one selects
// the configured default, which the service also applies to an empty
// value. The version select is grouped by module and
// shown only when there are modules.
func optionSelects(p *web.Page, opts []model.Option, value func(field string) string) []selectField {
	var out []selectField
	modules := map[string]bool{}
	for _, field := range []string{model.FieldType, model.FieldPriority, model.FieldImpact, model.FieldModule} {
		f := selectField{Name: field, Label: p.T("field." + field), Error: p.Errors[field]}
		hasDefault := false
		for _, o := range opts {
			if o.Field != field || o.Parent != "" || !o.ContactSelectable {
				continue
			}
			v := value(field)
			f.Choices = append(f.Choices, choice{Value: o.Value, Label: p.Option(field, o.Value), Selected: v == o.Value || (v == "" && o.Default)})
			hasDefault = hasDefault || o.Default
			if field == model.FieldModule {
				modules[o.Value] = true
			}
		}
		if !hasDefault { // without a default, "none" is a choice of its own
			f.Choices = append([]choice{{Label: p.T("field.none")}}, f.Choices...)
		}
		if field == model.FieldModule && len(modules) == 0 {
			return out
		}
		out = append(out, f)
	}
	return append(out, versionSelect(p, opts, modules, value))
}

// versionSelect groups the versions by their module, so the customer sees
// which version belongs to which module; the service checks the pair.
func versionSelect(p *web.Page, opts []model.Option, modules map[string]bool, value func(field string) string) selectField {
	f := selectField{Name: model.FieldVersion, Label: p.T("field.version"), Error: p.Errors[model.FieldVersion]}
	f.Choices = []choice{{Label: p.T("field.none")}}
	module, version := value(model.FieldModule), value(model.FieldVersion)
	for _, o := range opts {
		if o.Field != model.FieldVersion || !modules[o.Parent] || !o.ContactSelectable {
			continue
		}
		if n := len(f.Groups); n == 0 || f.Groups[n-1].Value != o.Parent {
			f.Groups = append(f.Groups, choiceGroup{Label: p.Option(model.FieldModule, o.Parent), Value: o.Parent})
		}
		g := &f.Groups[len(f.Groups)-1]
		g.Choices = append(g.Choices, choice{Value: o.Value, Label: p.Option(model.FieldVersion, o.Value), Selected: module == o.Parent && version == o.Value})
	}
	return f
}
