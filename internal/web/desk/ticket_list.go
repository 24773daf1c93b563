package desk

import (
	"errors"
	"net/http"
	"time"

	"supportal/internal/model"
	"supportal/internal/slaclock"
	"supportal/internal/store"
	"supportal/internal/web"
)

// listPage is the data of the ticket list.
type listPage struct {
	*web.Page
	Queues   []queueLink
	Filters  []selectField
	Query    listQuery
	Listed   bool // the filters were valid and the list was read
	Tickets  []ticketRow
	NextURL  string
	FirstURL string

	Bulk bulkTools // the toolbar of bulk actions on the selected tickets
}

// ticketRow is a ticket of the list with whose turn it is, in agent words.
type ticketRow struct {
	*model.Ticket
	BallLabel string
	Due       time.Time      // the next service-level due time; zero: none pending
	DueState  slaclock.State // how it stands now
}

// ticketList shows the agent's queues and one page of the tickets the
// agent may see that match the filters. It never counts rows: a page
// costs the same at any depth and any size of the table.
func (h *handler) ticketList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := web.UserOf(r)
	p := &listPage{Page: h.s.NewPage(r, "desk.list.title")}
	ls, err := h.lists(ctx)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	q, bad := parseListQuery(r.URL.Query(), ls.statuses, ls.teams, ls.agents)
	p.Query = q
	p.Queues = queues(p.Page, u, ls.teams, q)
	if q.Cursor != "" {
		p.FirstURL = q.url("")
	}
	if bad.Err() != nil {
		h.renderList(w, r, p, ls, bad)
		return
	}
	page, err := h.s.Tickets.List(ctx, u, q.filter())
	var verr *model.ValidationError
	switch {
	case errors.As(err, &verr): // a cursor the list did not issue
		h.renderList(w, r, p, ls, verr)
		return
	case err != nil:
		h.s.Error(w, r, err)
		return
	}
	p.show(page, q)
	h.renderList(w, r, p, ls, nil)
}

// renderList builds the filter form and writes the list page; with bad
// filters it answers 422 and shows the errors instead of tickets.
func (h *handler) renderList(w http.ResponseWriter, r *http.Request, p *listPage, ls *lists, v *model.ValidationError) {
	code := http.StatusOK
	if v != nil {
		code = http.StatusUnprocessableEntity
		p.SetErrors(v)
		for _, name := range []string{"limit", "cursor"} { // not in the form: say it on top
			if msg, ok := p.Errors[name]; ok {
				p.FormError = msg
			}
		}
	}
	p.Filters = filterFields(p.Page, p.Query, ls)
	p.Bulk = bulkToolsOf(p.Page, p.Query, ls)
	h.s.Render(w, r, code, "desk/ticket_list", p)
}

// show puts a page of tickets on the list page.
func (p *listPage) show(page *store.TicketPage, q listQuery) {
	p.Listed = true
	now := time.Now()
	for _, t := range page.Tickets {
		due := t.SLA.NextDue()
		p.Tickets = append(p.Tickets, ticketRow{Ticket: t, BallLabel: p.T("desk.ball." + string(t.Ball())),
			Due: due, DueState: slaclock.StateAt(due, now)})
	}
	if page.Next != "" {
		p.NextURL = q.url(page.Next)
	}
}

// queueLink is one of the agent's queues.
type queueLink struct {
	Label   string
	URL     string
	Current bool
}

// queues lists the agent's queues: assigned to me, unassigned, one per
// team (an admin's: every team), and everything the agent may see.
func queues(p *web.Page, u *model.User, teams []model.Team, q listQuery) []queueLink {
	noTeam := q.Team == 0
	out := []queueLink{
		{Label: p.T("desk.queue.mine"), URL: "/desk/tickets?assignee=" + id(u.ID), Current: noTeam && q.Assignee == u.ID},
		{Label: p.T("desk.queue.unassigned"), URL: "/desk/tickets?assignee=" + assigneeNone, Current: noTeam && q.Assignee == -1},
	}
	for _, t := range teams {
		if u.IsAdmin() || u.InTeam(t.ID) {
			out = append(out, queueLink{Label: t.Name, URL: "/desk/tickets?team=" + id(t.ID), Current: q.Team == t.ID && q.Assignee == 0})
		}
	}
	return append(out, queueLink{Label: p.T("desk.queue.all"), URL: "/desk/tickets", Current: noTeam && q.Assignee == 0})
}

// filterFields builds the selects of the filter form with their errors.
func filterFields(p *web.Page, q listQuery, ls *lists) []selectField {
	categories := []choice{
		{Value: categoryActive, Label: p.T("category.active"), Selected: q.Category == categoryActive},
		{Value: categoryAll, Label: p.T("category.all"), Selected: q.Category == categoryAll},
	}
	for _, c := range model.Categories {
		categories = append(categories, choice{Value: string(c), Label: p.T("category." + string(c)), Selected: q.Category == string(c)})
	}
	assignee := ""
	switch {
	case q.Assignee == -1:
		assignee = assigneeNone
	case q.Assignee != 0:
		assignee = id(q.Assignee)
	}
	team := ""
	if q.Team != 0 {
		team = id(q.Team)
	}
	sorts := pick(store.Sorts, q.Sort, func(s string) (string, string) { return s, p.T("desk.sort." + s) })
	field := func(name, label string, c []choice) selectField {
		return selectField{Name: name, ID: "filter-" + name, Label: p.T(label), Error: p.Errors[name], Choices: c}
	}
	fields := []selectField{
		field("category", "field.category", categories),
		field("status", "field.status", lead("", p.T("desk.filter.any"), q.Status, statusChoices(p, ls.statuses, q.Status))),
		field("team", "field.team", lead("", p.T("desk.filter.any"), team, teamChoices(ls.teams, team))),
		field("assignee", "field.assignee", lead("", p.T("desk.filter.any"), assignee,
			lead(assigneeNone, p.T("desk.queue.unassigned"), assignee, agentChoices(ls.agents, assignee)))),
	}
	// A search lists its matches newest first whatever the sort
	// (store.TicketFilter.Text), so the form offers no sort then.
	if q.Q == "" {
		fields = append(fields, field("sort", "desk.filter.sort", sorts))
	}
	return fields
}
