package admin

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"supportal/internal/model"
	"supportal/internal/routing"
	"supportal/internal/web"
)

// ruleRow is a rule of the list with its conditions and actions in words.
type ruleRow struct {
	routing.Rule
	When []string
	Then []string
}

// routingList shows the rules in their order and the form of a new rule.
func (h *routingHandler) routingList(w http.ResponseWriter, r *http.Request) {
	h.renderList(w, r, http.StatusOK, h.page(r, "routing.title"), routing.Rule{Active: true})
}

// routingCreate adds a rule after the last one.
func (h *routingHandler) routingCreate(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	rule := readRule(f)
	_, err = h.routing.Create(r.Context(), web.UserOf(r), rule)
	var bad *model.ValidationError
	if errors.As(err, &bad) {
		p := h.page(r, "routing.title")
		p.SetErrors(bad)
		h.renderList(w, r, http.StatusUnprocessableEntity, p, rule)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "routing.flash.created")
	http.Redirect(w, r, "/admin/routing", http.StatusSeeOther)
}

// renderList loads the rules and the choices and writes the list page
// with form showing in the form of a new rule.
func (h *routingHandler) renderList(w http.ResponseWriter, r *http.Request, code int, p *routingPage, form routing.Rule) {
	ctx := r.Context()
	rules, err := h.routing.Rules(ctx, web.UserOf(r))
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	c, err := h.routing.Choices(ctx)
	if err != nil {
		h.s.Error(w, r, fmt.Errorf("admin: routing: %w", err))
		return
	}
	for _, rule := range rules {
		p.Rules = append(p.Rules, ruleRow{Rule: rule, When: when(p.Page, rule.Conditions, c), Then: then(p.Page, rule.Actions, c)})
	}
	fillForm(p, form, c)
	h.s.Render(w, r, code, "admin/routing_list", p)
}

// when words a rule's conditions, one line per condition.
func when(p *web.Page, k routing.Conditions, c *routing.Choices) []string {
	var out []string
	line := func(name string, values []string) {
		if len(values) > 0 {
			out = append(out, p.T("routing.cond."+name)+": "+strings.Join(values, ", "))
		}
	}
	options := func(field string, values []string) []string {
		var s []string
		for _, v := range values {
			s = append(s, p.Option(field, v))
		}
		return s
	}
	line("modules", options(model.FieldModule, k.Modules))
	line("versions", k.Versions)
	line("types", options(model.FieldType, k.Types))
	line("priorities", options(model.FieldPriority, k.Priorities))
	var channels, orgs, boxes []string
	for _, ch := range k.Channels {
		channels = append(channels, p.T("desk.channel."+string(ch)))
	}
	for _, o := range c.Orgs {
		if slices.Contains(k.OrgIDs, o.ID) {
			orgs = append(orgs, o.Name)
		}
	}
	for _, m := range c.Mailboxes {
		if slices.Contains(k.MailboxIDs, m.ID) {
			boxes = append(boxes, m.Name)
		}
	}
	line("channels", channels)
	line("org_ids", orgs)
	line("mailbox_ids", boxes)
	var words []string
	for _, w := range k.SubjectWords {
		words = append(words, strconv.Quote(w))
	}
	line("subject_words", words)
	return out
}

// then words a rule's actions.
func then(p *web.Page, a routing.Actions, c *routing.Choices) []string {
	var out []string
	for _, t := range c.Teams {
		if t.ID == a.TeamID {
			out = append(out, p.T("routing.action.team")+": "+t.Name)
		}
	}
	for _, u := range c.Agents {
		if u.ID == a.AssigneeID {
			out = append(out, p.T("routing.action.assignee")+": "+u.Name)
		}
	}
	if a.Priority != "" {
		out = append(out, p.T("routing.action.priority")+": "+p.Option(model.FieldPriority, a.Priority))
	}
	if len(a.Tags) > 0 {
		out = append(out, p.T("routing.action.tags")+": "+strings.Join(a.Tags, ", "))
	}
	return out
}
