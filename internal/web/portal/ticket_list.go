package portal

import (
	"errors"
	"net/http"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/web"
)

// listRow is one ticket of the list.
type listRow struct {
	*model.Ticket
	Turn turn
}

// listPage is the data of the ticket list.
type listPage struct {
	*web.Page
	Filter        listFilter
	Groups        []choice
	Scopes        []choice // empty unless the user may list the organization's tickets
	ShowRequester bool
	Rows          []listRow
	NextURL       string
	FirstURL      string
}

// ticketList shows the tickets the contact may see, newest activity
// first, one page at a time. A page link that is no longer valid shows
// the first page with a notice instead of failing.
func (h *handler) ticketList(w http.ResponseWriter, r *http.Request) {
	u := web.UserOf(r)
	f := parseFilter(u, r.URL.Query())
	p := &listPage{Page: h.s.NewPage(r, "portal.list.title"), Filter: f, ShowRequester: f.Scope == scopeOrg}
	page, err := h.s.Tickets.List(r.Context(), u, f.storeFilter(u))
	if errors.Is(err, store.ErrBadCursor) {
		p.FormError = p.T("error.cursor")
		p.Filter.Cursor = ""
		page, err = h.s.Tickets.List(r.Context(), u, p.Filter.storeFilter(u))
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	for _, t := range page.Tickets {
		p.Rows = append(p.Rows, listRow{Ticket: t, Turn: turnOf(p.Page, t)})
	}
	if page.Next != "" {
		p.NextURL = p.Filter.URL(page.Next)
	}
	if p.Filter.Cursor != "" {
		p.FirstURL = p.Filter.URL("")
	}
	p.Groups = groupChoices(p.Page, p.Filter.Group)
	if p.Filter.Scope != "" {
		p.Scopes = []choice{
			{Value: scopeOrg, Label: p.T("portal.list.scope_org"), Selected: p.Filter.Scope == scopeOrg},
			{Value: scopeMine, Label: p.T("portal.list.scope_mine"), Selected: p.Filter.Scope == scopeMine},
		}
	}
	h.s.Render(w, r, http.StatusOK, "portal/ticket_list", p)
}

// groupChoices lists the status groups of the filter: not closed, all,
// then each category.
func groupChoices(p *web.Page, selected string) []choice {
	out := []choice{
		{Value: groupActive, Label: p.T("category.active")},
		{Value: groupAll, Label: p.T("category.all")},
	}
	for _, c := range model.Categories {
		out = append(out, choice{Value: string(c), Label: p.T("category." + string(c))})
	}
	for i := range out {
		out[i].Selected = out[i].Value == selected
	}
	return out
}
