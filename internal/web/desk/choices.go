package desk

import (
	"strconv"

	"supportal/internal/model"
	"supportal/internal/web"
)

// The select types of the shared "select" partial.
type (
	selectField = web.Select
	choice      = web.Choice
	choiceGroup = web.ChoiceGroup
)

// pick builds the choices of items, marking the one whose value is
// selected.
func pick[T any](items []T, selected string, fn func(T) (value, label string)) []choice {
	out := make([]choice, 0, len(items))
	for _, it := range items {
		v, l := fn(it)
		out = append(out, choice{Value: v, Label: l, Selected: v == selected})
	}
	return out
}

// lead puts a first choice (such as "any" or "nobody") before the rest.
func lead(value, label, selected string, rest []choice) []choice {
	return append([]choice{{Value: value, Label: label, Selected: value == selected}}, rest...)
}

func statusChoices(p *web.Page, statuses []model.Status, selected string) []choice {
	return pick(statuses, selected, func(s model.Status) (string, string) { return s.Name, p.StatusName(s.Name) })
}

func teamChoices(teams []model.Team, selected string) []choice {
	return pick(teams, selected, func(t model.Team) (string, string) { return id(t.ID), t.Name })
}

func agentChoices(agents []*model.User, selected string) []choice {
	return pick(agents, selected, func(u *model.User) (string, string) { return id(u.ID), u.Name })
}

// optionChoices lists the values of one option field without a parent,
// with "–" for no value first.
func optionChoices(p *web.Page, opts []model.Option, field, selected string) []choice {
	var mine []model.Option
	for _, o := range opts {
		if o.Field == field && o.Parent == "" {
			mine = append(mine, o)
		}
	}
	found := selected == ""
	out := pick(mine, selected, func(o model.Option) (string, string) {
		if o.Value == selected {
			found = true
		}
		return o.Value, p.Option(field, o.Value)
	})
	if !found { // a value removed from the options still shows as it is
		out = append(out, choice{Value: selected, Label: p.Option(field, selected), Selected: true})
	}
	return lead("", p.T("field.none"), selected, out)
}

// versionGroups lists the versions grouped by their module; the selected
// one is the version of the ticket's module.
func versionGroups(p *web.Page, opts []model.Option, module, selected string) []choiceGroup {
	var groups []choiceGroup
	for _, o := range opts {
		if o.Field != model.FieldVersion {
			continue
		}
		if len(groups) == 0 || groups[len(groups)-1].Label != p.Option(model.FieldModule, o.Parent) {
			groups = append(groups, choiceGroup{Label: p.Option(model.FieldModule, o.Parent)})
		}
		g := &groups[len(groups)-1]
		g.Choices = append(g.Choices, choice{Value: o.Value, Label: o.Value, Selected: o.Parent == module && o.Value == selected})
	}
	return groups
}

func id(n int64) string { return strconv.FormatInt(n, 10) }
