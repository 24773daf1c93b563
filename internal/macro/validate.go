package macro

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/ticket"
)

// Choices are what a macro may name, as configured, and the templates
// its owner may use.
type Choices struct {
	Statuses  []model.Status
	Options   []model.Option
	Teams     []model.Team
	Agents    []*model.User // active or not; only active ones may be chosen
	Templates []*store.ReplyTemplate
}

// LoadChoices reads the choices of a macro owned by ownerID (0: shared).
func LoadChoices(ctx context.Context, st *store.Store, ownerID int64) (*Choices, error) {
	c := &Choices{}
	var err error
	if c.Statuses, err = st.Statuses(ctx); err != nil {
		return nil, err
	}
	if c.Options, err = st.Options(ctx); err != nil {
		return nil, err
	}
	if c.Teams, err = st.Teams(ctx); err != nil {
		return nil, err
	}
	if c.Agents, err = st.Agents(ctx); err != nil {
		return nil, err
	}
	if c.Templates, err = st.ReplyTemplates(ctx, ownerID); err != nil {
		return nil, err
	}
	return c, nil
}

// Values lists the values of an option field that a macro may set.
func (c *Choices) Values(field string) []string {
	var out []string
	for _, o := range c.Options {
		if o.Field == field && o.Parent == "" {
			out = append(out, o.Value)
		}
	}
	return out
}

// Status returns the status named name.
func (c *Choices) Status(name string) (model.Status, bool) {
	i := slices.IndexFunc(c.Statuses, func(s model.Status) bool { return s.Name == name })
	if i < 0 {
		return model.Status{}, false
	}
	return c.Statuses[i], true
}

// Validate checks and cleans m against the choices. Form field names are
// the keys.
func (c *Choices) Validate(m *Macro) *model.ValidationError {
	v := &model.ValidationError{}
	m.Name = strings.TrimSpace(m.Name)
	switch {
	case m.Name == "":
		v.Add("name", "error.required")
	case utf8.RuneCountInString(m.Name) > MaxName:
		v.Add("name", "error.too_long")
	}
	a := &m.Actions
	if a.Empty() {
		v.Add("actions", "replytpl.macro.error.empty")
	}
	if a.TemplateID != 0 && !slices.ContainsFunc(c.Templates, func(t *store.ReplyTemplate) bool {
		return t.ID == a.TemplateID && (t.Shared() || t.OwnerID == m.OwnerID)
	}) {
		v.Add("template_id", "error.unknown")
	}
	a.WaitingReason = strings.TrimSpace(a.WaitingReason)
	if a.Status != "" {
		st, ok := c.Status(a.Status)
		switch {
		case !ok:
			v.Add("status", "error.status")
		case st.Category == model.CategoryWaitingCustomer && a.WaitingReason == "":
			v.Add("waiting_reason", "error.reason_required")
		case st.Category != model.CategoryWaitingCustomer && a.WaitingReason != "":
			v.Add("waiting_reason", "error.reason_not_waiting")
		}
	} else if a.WaitingReason != "" {
		v.Add("waiting_reason", "error.reason_not_waiting")
	}
	if len(a.WaitingReason) > ticket.MaxWaitingReason {
		v.Add("waiting_reason", "error.too_long")
	}
	for field, val := range map[string]string{model.FieldType: a.Type, model.FieldPriority: a.Priority, model.FieldImpact: a.Impact} {
		if val != "" && !slices.Contains(c.Values(field), val) {
			v.Add(field, "error.option")
		}
	}
	if a.TeamID != 0 && !slices.ContainsFunc(c.Teams, func(t model.Team) bool { return t.ID == a.TeamID }) {
		v.Add("team_id", "error.unknown")
	}
	if a.AssigneeID != 0 && !slices.ContainsFunc(c.Agents, func(u *model.User) bool { return u.ID == a.AssigneeID && u.Active }) {
		v.Add("assignee_id", "error.unknown")
	}
	return v
}
