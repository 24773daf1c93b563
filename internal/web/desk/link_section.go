package desk

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/ticket"
	"supportal/internal/web"
)

// The link tools of a ticket: open a technical ticket (the customer
// ticket waits on hold for it), link and unlink tickets, merge the ticket
// into another and split a message off into a ticket of its own. Every
// change goes through the ticket service, which asks authz about both
// tickets.

// registerLinkPages adds the forms of the link tools.
func registerLinkPages(h *handler) {
	r := h.s.Router()
	r.Page("POST /desk/tickets/{number}/technical", web.Agent, h.technicalCreate)
	r.Page("POST /desk/tickets/{number}/links", web.Agent, h.linkCreate)
	r.Page("POST /desk/tickets/{number}/links/{other}/delete", web.Agent, h.linkDelete)
	r.Page("POST /desk/tickets/{number}/merge", web.Agent, h.ticketMerge)
	r.Page("POST /desk/tickets/{number}/messages/{id}/split", web.Agent, h.messageSplit)
}

// linkTools is the link section of the ticket page.
type linkTools struct {
	MergedInto int64             // the ticket this one was merged into; 0: none
	Removable  []linkView        // plain links the agent may remove
	Messages   []splitChoice     // the messages that can be split off
	Technical  technicalForm     // typed into the technical ticket form
	Link       linkForm          // typed into the link form
	Into       string            // typed into the merge form
	Split      splitForm         // typed into the split form
	Form       string            // the form whose errors are shown
	Errors     map[string]string // by field, translated
	Teams      []choice          // for the technical ticket
	Kinds      []choice          // for the link form
	Shown      bool              // tools are offered (the agent may edit)
	page       *web.Page
}

// technicalForm, linkForm and splitForm are the forms as typed.
type (
	technicalForm struct{ Team, Subject, Note string }
	linkForm      struct{ Other, Kind string }
	splitForm     struct{ Message, Subject string }
)

// splitChoice is a message that can become a ticket of its own.
type splitChoice struct {
	ID    int64
	Label string
}

// linkToolsOf prepares the link section of t for the agent u.
func (h *handler) linkToolsOf(ctx context.Context, p *web.Page, u *model.User, t *model.Ticket, acc authz.TicketAccess) (linkTools, error) {
	lt := linkTools{page: p, Shown: acc.Edit, Technical: technicalForm{Subject: t.Subject}, Link: linkForm{Kind: ticket.LinkRelated}}
	var err error
	if lt.MergedInto, err = h.s.Tickets.MergedInto(ctx, t); err != nil {
		return lt, fmt.Errorf("desk: ticket %d merged: %w", t.Number, err)
	}
	if !acc.Edit {
		return lt, nil
	}
	links, err := h.s.Store.TicketLinks(ctx, t.ID)
	if err != nil {
		return lt, fmt.Errorf("desk: ticket %d links: %w", t.Number, err)
	}
	for _, l := range links {
		if !ticket.IsPlainLink(l.Kind) {
			continue
		}
		if _, _, err := h.s.Tickets.Get(ctx, u, l.Number); errors.Is(err, model.ErrNotFound) {
			continue
		} else if err != nil {
			return lt, err
		}
		lt.Removable = append(lt.Removable, linkView{Number: l.Number, Subject: l.Subject, Kind: linkKind(p, l.Kind)})
	}
	msgs, err := h.s.Tickets.Messages(ctx, u, t)
	if err != nil {
		return lt, fmt.Errorf("desk: ticket %d messages: %w", t.Number, err)
	}
	if len(msgs) > 1 {
		for _, m := range msgs {
			author := m.AuthorName
			if author == "" {
				author = p.T("desk.history.system")
			}
			lt.Messages = append(lt.Messages, splitChoice{ID: m.ID, Label: p.T("links.split.message", "Author", author, "At", p.DateTime(m.CreatedAt))})
		}
	}
	teams, err := h.s.Store.Teams(ctx)
	if err != nil {
		return lt, err
	}
	lt.fillChoices(teams)
	return lt, nil
}

// fillChoices builds the selects from what was typed.
func (lt *linkTools) fillChoices(teams []model.Team) {
	p := lt.page
	lt.Teams = lead("", p.T("links.technical.choose_team"), lt.Technical.Team, teamChoices(teams, lt.Technical.Team))
	lt.Kinds = pick(ticket.PlainLinkKinds, lt.Link.Kind, func(k string) (string, string) { return k, p.T("links.form.kind." + k) })
}

// fail shows the errors of one of the forms.
func (p *ticketPage) failLinks(form string, v *model.ValidationError) {
	p.SetErrors(v)
	p.LinkTools.Form, p.LinkTools.Errors, p.Errors = form, p.Errors, nil
}

// Error returns the translated error of field in form, if it failed.
func (lt linkTools) Error(form, field string) string {
	if lt.Form != form {
		return ""
	}
	return lt.Errors[field]
}

// linkKind translates what a linked ticket is to the one shown.
func linkKind(p *web.Page, kind string) string {
	if s, ok := p.Lookup("links.kind." + kind); ok {
		return s
	}
	return kind
}

// linkFailed answers a link form the service refused: input errors show
// on the ticket page with 422, keeping what was typed; anything else is
// the usual error page.
func (h *handler) linkFailed(w http.ResponseWriter, r *http.Request, t *model.Ticket, acc authz.TicketAccess, err error, keep func(*linkTools), form string) {
	var v *model.ValidationError
	if !errors.As(err, &v) {
		h.s.Error(w, r, err)
		return
	}
	p, perr := h.newTicketPage(r, t, acc)
	if perr != nil {
		h.s.Error(w, r, perr)
		return
	}
	keep(&p.LinkTools)
	teams, terr := h.s.Store.Teams(r.Context())
	if terr != nil {
		h.s.Error(w, r, terr)
		return
	}
	p.LinkTools.fillChoices(teams)
	p.failLinks(form, v)
	h.renderTicket(w, r, http.StatusUnprocessableEntity, p)
}

// formNumber reads a ticket number typed into a form, with or without
// its "#": 0 when empty, -1 when it is no number.
func formNumber(s string) int64 {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return -1
	}
	return n
}
