package desk

import (
	"fmt"
	"net/http"
	"slices"
	"time"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/slaclock"
	"supportal/internal/web"
	"supportal/internal/web/mailview"
)

// ticketPage is the data of one ticket: the correspondence, the history,
// the side panel that changes status and fields, and the reply form.
type ticketPage struct {
	*web.Page
	Ticket      *model.Ticket
	BallLabel   string
	CanReply    bool // a public reply is possible (not an internal ticket)
	Messages    []messageView
	Links       []linkView // tickets linked to this one that the agent may see
	History     []historyLine
	Edit        editForm
	EditErrors  map[string]string
	Reply       replyForm
	ReplyErrors map[string]string
	Uploads     []*model.Attachment // files of a reply that failed, kept for the next try
	Fields      ticketFields
	Time        timeSection // time worked on the ticket and the form to log more
	Calls       callSection // the forms that log a call and send a text message
	LinkTools   linkTools   // technical ticket, links, merge and split
	Templates   tplSection  // the macros and the reply template picker
	References  refSection  // order and reference numbers

	Project projectSection // the project the ticket belongs to

	Ideas []*model.Idea // ideas of the feature board linked to the ticket (agents see every idea)

	Levels levelsSection // escalate, take over, who else is here, held replies

	ls *lists
}

// dueView is a service-level due time with how it stands now.
type dueView struct {
	Page  *web.Page
	At    time.Time
	State slaclock.State
}

// Due describes due time at for the "desk-due" partial.
func (p *ticketPage) Due(at time.Time) dueView {
	return dueView{Page: p.Page, At: at, State: slaclock.StateAt(at, time.Now())}
}

// ticketFields are the selects of the ticket page.
type ticketFields struct {
	Status, Type, Priority, Impact, Module, Version, Team, Assignee, ReplyStatus selectField
}

// replyForm is what the agent typed into the reply form.
type replyForm struct {
	Body     string
	Internal bool
	Status   string
	Reason   string
}

// newTicketPage loads what the page of t shows, with the forms holding the
// ticket's current values.
func (h *handler) newTicketPage(r *http.Request, t *model.Ticket, acc authz.TicketAccess) (*ticketPage, error) {
	ctx := r.Context()
	u := web.UserOf(r)
	p := &ticketPage{Page: h.s.NewPage(r, "desk.ticket.title", "Number", t.Number), Ticket: t, CanReply: acc.Reply, Edit: editFormOf(t)}
	p.BallLabel = p.T("desk.ball." + string(t.Ball()))
	p.Reply.Internal = !acc.Reply
	msgs, err := h.s.Tickets.Messages(ctx, u, t)
	if err != nil {
		return nil, fmt.Errorf("desk: ticket %d messages: %w", t.Number, err)
	}
	if p.Messages, err = h.messageViews(ctx, p.Page, t, msgs, mailview.RemoteOf(r.URL.Query().Get("remote"))); err != nil {
		return nil, err
	}
	if p.Links, err = h.links(ctx, p.Page, u, t); err != nil {
		return nil, err
	}
	if p.LinkTools, err = h.linkToolsOf(ctx, p.Page, u, t, acc); err != nil {
		return nil, err
	}
	events, err := h.s.Tickets.History(ctx, u, t)
	if err != nil {
		return nil, fmt.Errorf("desk: ticket %d history: %w", t.Number, err)
	}
	p.History = historyLines(p.Page, events)
	if p.Time, err = h.timeSectionOf(ctx, p.Page, u, t); err != nil {
		return nil, err
	}
	if p.Calls, err = h.callSectionOf(ctx, p.Page, t); err != nil {
		return nil, err
	}
	if p.References, err = h.referenceSectionOf(ctx, u, t); err != nil {
		return nil, err
	}
	if p.Project, err = h.projectSectionOf(ctx, p.Page, t); err != nil {
		return nil, err
	}
	if p.Ideas, err = h.s.Store.TicketIdeas(ctx, t.ID); err != nil {
		return nil, err
	}
	if p.Templates, err = h.replyTemplatesOf(r, p, t, acc); err != nil {
		return nil, err
	}
	if p.ls, err = h.lists(ctx); err != nil {
		return nil, err
	}
	if p.Levels, err = h.levelsSectionOf(ctx, u, t, msgs, p.ls.teams); err != nil {
		return nil, err
	}
	return p, nil
}

// failEdit shows the side panel's errors, keeping what the agent chose.
func (p *ticketPage) failEdit(form editForm, v *model.ValidationError) {
	p.Edit = form
	p.SetErrors(v)
	p.EditErrors, p.Errors = p.Errors, nil
}

// failReply shows the reply form's errors, keeping what the agent wrote.
func (p *ticketPage) failReply(form replyForm, uploads []*model.Attachment, v *model.ValidationError) {
	p.Reply, p.Uploads = form, uploads
	p.SetErrors(v)
	p.ReplyErrors, p.Errors = p.Errors, nil
}

// renderTicket builds the selects, with their errors, and writes the page.
func (h *handler) renderTicket(w http.ResponseWriter, r *http.Request, code int, p *ticketPage) {
	p.Fields = p.fields()
	h.s.Render(w, r, code, "desk/ticket_view", p)
}

func (p *ticketPage) fields() ticketFields {
	ls, e := p.ls, p.Edit
	field := func(name, label string, c []choice) selectField {
		return selectField{Name: name, ID: name, Label: p.T(label), Error: p.EditErrors[name], Choices: c}
	}
	agents := ls.activeAgents()
	if i := slices.IndexFunc(ls.agents, func(a *model.User) bool { return a.ID == p.Ticket.AssigneeID }); i >= 0 && !ls.agents[i].Active {
		agents = append(agents, ls.agents[i]) // keep an assignee who left
	}
	f := ticketFields{
		Status:   field("status", "field.status", statusChoices(p.Page, ls.statuses, e.Status)),
		Type:     field(model.FieldType, "field.type", optionChoices(p.Page, ls.options, model.FieldType, e.Type)),
		Priority: field(model.FieldPriority, "field.priority", optionChoices(p.Page, ls.options, model.FieldPriority, e.Priority)),
		Impact:   field(model.FieldImpact, "field.impact", optionChoices(p.Page, ls.options, model.FieldImpact, e.Impact)),
		Module:   field(model.FieldModule, "field.module", optionChoices(p.Page, ls.options, model.FieldModule, e.Module)),
		Version:  field(model.FieldVersion, "field.version", lead("", p.T("field.none"), e.Version, nil)),
		Team:     field("team", "field.team", lead("0", p.T("field.none"), e.Team, teamChoices(ls.teams, e.Team))),
		Assignee: field("assignee_id", "field.assignee", lead("0", p.T("desk.ticket.nobody"), e.Assignee, agentChoices(agents, e.Assignee))),
	}
	f.Version.Groups = versionGroups(p.Page, ls.options, e.Module, e.Version)
	f.ReplyStatus = selectField{Name: "status", ID: "reply-status", Label: p.T("desk.reply.status"), Error: p.ReplyErrors["status"],
		Choices: lead("", p.T("desk.reply.keep_status"), p.Reply.Status, statusChoices(p.Page, ls.statuses, p.Reply.Status))}
	return f
}
