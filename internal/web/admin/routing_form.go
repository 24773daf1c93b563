package admin

import (
	"slices"
	"strconv"
	"strings"

	"supportal/internal/model"
	"supportal/internal/routing"
	"supportal/internal/web"
)

// ruleForm is the rule form as the template shows it: what was typed or
// stored, with the configured choices to pick from.
type ruleForm struct {
	Name     string
	Active   bool
	Words    string // subject words or phrases, one per line
	Tags     string // separated by commas or blanks
	Groups   []checkGroup
	Team     web.Select
	Assignee web.Select
	Priority web.Select
}

// checkGroup is a condition offered as a list of checkboxes.
type checkGroup struct {
	Name   string
	Legend string
	Error  string
	Boxes  []checkBox
}

// checkBox is one value of a checkGroup.
type checkBox struct {
	Value   string
	Label   string
	Checked bool
}

// readRule takes a rule from a submitted form. Values that do not parse
// become values no choice has, which validation refuses.
func readRule(f *web.Form) routing.Rule {
	r := routing.Rule{Name: f.Trimmed("name"), Active: f.Get("active") != ""}
	c := &r.Conditions
	c.Modules, c.Versions = f.Values["modules"], f.Values["versions"]
	c.Types, c.Priorities = f.Values["types"], f.Values["priorities"]
	for _, ch := range f.Values["channels"] {
		c.Channels = append(c.Channels, model.Channel(ch))
	}
	c.OrgIDs, c.MailboxIDs = int64s(f.Values["org_ids"]), int64s(f.Values["mailbox_ids"])
	c.SubjectWords = strings.FieldsFunc(f.Get("subject_words"), func(r rune) bool { return r == ',' || r == '\n' || r == '\r' })
	a := &r.Actions
	a.TeamID, a.AssigneeID, a.Priority = f.Int64("team_id"), f.Int64("assignee_id"), f.Trimmed("priority")
	a.Tags = strings.FieldsFunc(f.Get("tags"), func(r rune) bool { return r == ',' || r == ' ' || r == '\n' || r == '\r' || r == '\t' })
	return r
}

func int64s(list []string) []int64 {
	out := make([]int64, 0, len(list))
	for _, s := range list {
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil {
			n = -1
		}
		out = append(out, n)
	}
	return out
}

// fillForm builds the form of rule r with the choices c.
func fillForm(p *routingPage, r routing.Rule, c *routing.Choices) {
	k := r.Conditions
	p.Form = ruleForm{Name: r.Name, Active: r.Active, Words: strings.Join(k.SubjectWords, "\n"), Tags: strings.Join(r.Actions.Tags, ", ")}
	option := func(name, field string, checked []string) {
		g := checkGroup{Name: name, Legend: p.T("routing.cond." + name), Error: p.Errors[name]}
		for _, v := range c.Values(field) {
			g.Boxes = append(g.Boxes, checkBox{Value: v, Label: p.Option(field, v), Checked: slices.Contains(checked, v)})
		}
		p.Form.Groups = append(p.Form.Groups, g)
	}
	option("modules", model.FieldModule, k.Modules)
	option("versions", model.FieldVersion, k.Versions)
	option("types", model.FieldType, k.Types)
	option("priorities", model.FieldPriority, k.Priorities)
	ch := checkGroup{Name: "channels", Legend: p.T("routing.cond.channels"), Error: p.Errors["channels"]}
	for _, v := range routing.Channels {
		ch.Boxes = append(ch.Boxes, checkBox{Value: string(v), Label: p.T("desk.channel." + string(v)), Checked: slices.Contains(k.Channels, v)})
	}
	orgs := checkGroup{Name: "org_ids", Legend: p.T("routing.cond.org_ids"), Error: p.Errors["org_ids"]}
	for _, o := range c.Orgs {
		orgs.Boxes = append(orgs.Boxes, checkBox{Value: strconv.FormatInt(o.ID, 10), Label: o.Name, Checked: slices.Contains(k.OrgIDs, o.ID)})
	}
	boxes := checkGroup{Name: "mailbox_ids", Legend: p.T("routing.cond.mailbox_ids"), Error: p.Errors["mailbox_ids"]}
	for _, m := range c.Mailboxes {
		boxes.Boxes = append(boxes.Boxes, checkBox{Value: strconv.FormatInt(m.ID, 10), Label: m.Name + " <" + m.Address + ">", Checked: slices.Contains(k.MailboxIDs, m.ID)})
	}
	p.Form.Groups = append(p.Form.Groups, ch, orgs, boxes)
	fillActions(p, r.Actions, c)
}

// fillActions builds the selects of the actions.
func fillActions(p *routingPage, a routing.Actions, c *routing.Choices) {
	keep := web.Choice{Value: "", Label: p.T("routing.action.keep")}
	p.Form.Team = web.Select{Name: "team_id", ID: "rule-team", Label: p.T("routing.action.team"), Error: p.Errors["team_id"]}
	p.Form.Team.Choices = append(p.Form.Team.Choices, keep)
	for _, t := range c.Teams {
		p.Form.Team.Choices = append(p.Form.Team.Choices, web.Choice{Value: strconv.FormatInt(t.ID, 10), Label: t.Name, Selected: t.ID == a.TeamID})
	}
	p.Form.Assignee = web.Select{Name: "assignee_id", ID: "rule-assignee", Label: p.T("routing.action.assignee"), Error: p.Errors["assignee_id"]}
	p.Form.Assignee.Choices = append(p.Form.Assignee.Choices, keep)
	for _, u := range c.Agents {
		if u.Active || u.ID == a.AssigneeID {
			p.Form.Assignee.Choices = append(p.Form.Assignee.Choices, web.Choice{Value: strconv.FormatInt(u.ID, 10), Label: u.Name, Selected: u.ID == a.AssigneeID})
		}
	}
	p.Form.Priority = web.Select{Name: "priority", ID: "rule-priority", Label: p.T("routing.action.priority"), Error: p.Errors["priority"]}
	p.Form.Priority.Choices = append(p.Form.Priority.Choices, keep)
	for _, v := range c.Values(model.FieldPriority) {
		p.Form.Priority.Choices = append(p.Form.Priority.Choices, web.Choice{Value: v, Label: p.Option(model.FieldPriority, v), Selected: v == a.Priority})
	}
}
