package routing

import (
	"slices"
	"strings"
	"unicode"

	"supportal/internal/model"
	"supportal/internal/store"
)

// Limits of a rule.
const (
	MaxName  = 200
	MaxWords = 50 // subject words or phrases of one rule
	MaxTags  = 20
	MaxTag   = 40
)

// Channels lists the channels a rule may name.
var Channels = []model.Channel{model.ChannelPortal, model.ChannelEmail, model.ChannelPhone, model.ChannelAPI, model.ChannelDesk}

// Choices are the values a rule may name, as configured.
type Choices struct {
	Teams     []model.Team
	Agents    []*model.User // active or not; only active ones may be chosen
	Options   []model.Option
	Orgs      []*model.Organization
	Mailboxes []*store.Mailbox
}

// Values lists the configured values of an option field, each once
// (versions of different modules may share a name).
func (c *Choices) Values(field string) []string {
	var out []string
	for _, o := range c.Options {
		if o.Field == field && !slices.Contains(out, o.Value) {
			out = append(out, o.Value)
		}
	}
	return out
}

// Validate checks r against the choices, cleaning its words and tags
// (trimmed, lower-case, each once). Form field names are the keys.
func (c *Choices) Validate(r *Rule) *model.ValidationError {
	v := &model.ValidationError{}
	r.Name = strings.TrimSpace(r.Name)
	switch {
	case r.Name == "":
		v.Add("name", "error.required")
	case len(r.Name) > MaxName:
		v.Add("name", "error.too_long")
	}
	c.validateConditions(v, &r.Conditions)
	c.validateActions(v, &r.Actions)
	return v
}

func (c *Choices) validateConditions(v *model.ValidationError, k *Conditions) {
	checkAll(v, "modules", k.Modules, c.Values(model.FieldModule))
	checkAll(v, "versions", k.Versions, c.Values(model.FieldVersion))
	checkAll(v, "types", k.Types, c.Values(model.FieldType))
	checkAll(v, "priorities", k.Priorities, c.Values(model.FieldPriority))
	checkAll(v, "channels", k.Channels, Channels)
	checkAll(v, "org_ids", k.OrgIDs, ids(c.Orgs, func(o *model.Organization) int64 { return o.ID }))
	checkAll(v, "mailbox_ids", k.MailboxIDs, ids(c.Mailboxes, func(m *store.Mailbox) int64 { return m.ID }))
	k.SubjectWords = clean(k.SubjectWords)
	if len(k.SubjectWords) > MaxWords {
		v.Add("subject_words", "routing.error.too_many")
	}
	for _, w := range k.SubjectWords {
		if len(Words(w)) == 0 || len(w) > MaxName {
			v.Add("subject_words", "routing.error.word")
		}
	}
}

func (c *Choices) validateActions(v *model.ValidationError, a *Actions) {
	if a.TeamID != 0 && !slices.ContainsFunc(c.Teams, func(t model.Team) bool { return t.ID == a.TeamID }) {
		v.Add("team_id", "routing.error.team")
	}
	if a.AssigneeID != 0 && !slices.ContainsFunc(c.Agents, func(u *model.User) bool { return u.ID == a.AssigneeID && u.Active }) {
		v.Add("assignee_id", "routing.error.agent")
	}
	if a.Priority != "" && !slices.Contains(c.Values(model.FieldPriority), a.Priority) {
		v.Add("priority", "routing.error.option")
	}
	a.Tags = clean(a.Tags)
	if len(a.Tags) > MaxTags {
		v.Add("tags", "routing.error.too_many")
	}
	for _, t := range a.Tags {
		if !ValidTag(t) {
			v.Add("tags", "routing.error.tag")
		}
	}
	if a.Empty() {
		v.Add("actions", "routing.error.no_action")
	}
}

// ValidTag reports whether t is a tag: a lower-case word of letters,
// digits, "-" and "_", at most MaxTag bytes.
func ValidTag(t string) bool {
	return t != "" && len(t) <= MaxTag && !strings.ContainsFunc(t, func(r rune) bool {
		return !(unicode.IsLower(r) || unicode.IsDigit(r) || r == '-' || r == '_' || (unicode.IsLetter(r) && !unicode.IsUpper(r)))
	})
}

// checkAll adds the key of an unknown value to field when some value of
// list is not among allowed.
func checkAll[T comparable](v *model.ValidationError, field string, list, allowed []T) {
	for _, x := range list {
		if !slices.Contains(allowed, x) {
			v.Add(field, "routing.error.option")
		}
	}
}

func ids[T any](list []T, id func(T) int64) []int64 {
	out := make([]int64, len(list))
	for i, x := range list {
		out[i] = id(x)
	}
	return out
}

// clean trims and lower-cases words and drops empty ones and repeats.
func clean(words []string) []string {
	var out []string
	for _, w := range words {
		w = strings.ToLower(strings.Join(strings.Fields(w), " "))
		if w != "" && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}
