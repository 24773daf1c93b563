package desk

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"supportal/internal/authz"
	"supportal/internal/macro"
	"supportal/internal/model"
	"supportal/internal/replytpl"
	"supportal/internal/web"
)

// tplSection are the ticket page's template picker and macros.
type tplSection struct {
	Groups   []pickerGroup // the requester's language first
	Resolved string        // the names of resolved statuses, one a line, for the script
	Macros   []*macro.Macro
}

// pickerGroup is the templates of one language.
type pickerGroup struct {
	Label   string
	Options []pickerOption
}

// pickerOption is a template with its text filled in for the ticket.
type pickerOption struct {
	ID       int64
	Name     string
	Text     string
	Solution bool
	Selected bool
}

// replyTemplatesOf fills the template picker for t: every template the
// agent may use, filled in for the requester, in the requester's language
// first. A template chosen with ?template=ID (the picker without script)
// pre-fills the reply; a solution template also proposes a resolved
// status.
func (h *handler) replyTemplatesOf(r *http.Request, p *ticketPage, t *model.Ticket, acc authz.TicketAccess) (tplSection, error) {
	ctx := r.Context()
	u := web.UserOf(r)
	var out tplSection
	list, err := h.templates().List(ctx, u)
	if err != nil {
		return out, err
	}
	contact, err := h.s.Store.User(ctx, t.RequesterID)
	if err != nil && !errors.Is(err, model.ErrNotFound) {
		return out, err
	}
	lang := h.s.Config.DefaultLanguage
	if contact != nil && contact.Language != "" {
		lang = contact.Language
	}
	statuses, err := h.s.Tickets.Statuses(ctx)
	if err != nil {
		return out, err
	}
	var resolved []string
	for _, s := range statuses {
		if s.Category == model.CategoryResolved {
			resolved = append(resolved, s.Name)
		}
	}
	out.Resolved = strings.Join(resolved, "\n")
	chosen, _ := strconv.ParseInt(r.URL.Query().Get("template"), 10, 64)
	langs := append([]string{lang}, slices.DeleteFunc(slices.Clone(replytpl.Languages), func(l string) bool { return l == lang })...)
	for _, l := range langs {
		g := pickerGroup{Label: p.T("replytpl.language." + l)}
		if l == lang {
			g.Label = p.T("replytpl.picker.requester_language", "Language", g.Label)
		}
		for _, tpl := range list {
			if tpl.Language != l {
				continue
			}
			text := replytpl.Expand(tpl.Body, replytpl.TicketValues(t, h.statusName(tpl.Language, t.Status.Name), contact, u))
			o := pickerOption{ID: tpl.ID, Name: tpl.Name, Text: text, Solution: tpl.Solution, Selected: tpl.ID == chosen}
			if o.Selected && p.Reply.Body == "" {
				p.Reply.Body = text
				if tpl.Solution && p.Reply.Status == "" && len(resolved) > 0 {
					p.Reply.Status = resolved[0]
				}
			}
			g.Options = append(g.Options, o)
		}
		if len(g.Options) > 0 {
			out.Groups = append(out.Groups, g)
		}
	}
	if acc.Edit {
		if out.Macros, err = h.macroService().List(ctx, u); err != nil {
			return out, err
		}
	}
	return out, nil
}
