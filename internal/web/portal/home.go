package portal

import (
	"context"
	"net/http"

	"supportal/internal/authz"
	"supportal/internal/contract"
	"supportal/internal/ideas"
	"supportal/internal/kb"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/web"
)

// The portal home sums up, on sign-in, what waits for the contact: its
// open tickets by whose turn it is, the organization's open tickets,
// what is left of the support contracts, the documents to sign, the
// ideas it voted for whose status changed and new articles. Each
// section shows at most homeRows rows, asks its service for one more to
// know whether there are more (no counting), links to its full page and
// is left out when it is empty or the contact may not see it.

// homeRows is how many rows a section of the home shows.
const homeRows = 5

// homeSection is one list of the home: rows and whether there are more.
type homeSection struct {
	Rows []listRow
	More bool
}

// homePage is the data of the portal home.
type homePage struct {
	*web.Page
	Waiting   homeSection
	Support   homeSection
	Org       homeSection
	Contracts []contract.Summary
	Documents []*model.Document
	MoreDocs  bool
	Ideas     []ideas.View
	Articles  []*kb.Article
}

// Empty reports whether the home has nothing to show.
func (p *homePage) Empty() bool {
	return len(p.Waiting.Rows)+len(p.Support.Rows)+len(p.Org.Rows)+len(p.Contracts)+len(p.Documents)+len(p.Ideas)+len(p.Articles) == 0
}

// home answers GET /portal: with ?token= the page of a portal sign-in
// link, which is for visitors too; otherwise the home of a signed-in
// contact. The route is public for the link's sake, so the access rules
// of a contact page are applied here.
func (h *handler) home(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Has("token") {
		h.s.PortalLinkForm(w, r)
		return
	}
	u := web.UserOf(r)
	switch {
	case u == nil:
		http.Redirect(w, r, "/login?next=%2Fportal", http.StatusSeeOther)
		return
	case !u.IsContact():
		h.s.Error(w, r, model.ErrNotFound)
		return
	}
	ctx := r.Context()
	p := &homePage{Page: h.s.NewPage(r, "home.title")}
	var err error
	if p.Waiting, err = h.homeTickets(ctx, p.Page, u, u.ID, model.CategoryWaitingCustomer, model.CategoryResolved); err != nil {
		h.s.Error(w, r, err)
		return
	}
	if p.Support, err = h.homeTickets(ctx, p.Page, u, u.ID, model.CategoryNew, model.CategoryOpen, model.CategoryOnHold); err != nil {
		h.s.Error(w, r, err)
		return
	}
	if seesOrg(u) {
		if p.Org, err = h.homeTickets(ctx, p.Page, u, 0, model.CategoryNew, model.CategoryOpen, model.CategoryWaitingCustomer, model.CategoryOnHold); err != nil {
			h.s.Error(w, r, err)
			return
		}
	}
	if authz.Contracts(u, u.OrgID) {
		list, err := contract.New(h.s.Store, h.s.Config.TimeZone).Contracts(ctx, u, u.OrgID)
		if err != nil {
			h.s.Error(w, r, err)
			return
		}
		for _, c := range list {
			if c.Active && len(p.Contracts) < homeRows {
				p.Contracts = append(p.Contracts, c)
			}
		}
	}
	if h.s.Documents != nil {
		docs, err := h.s.Documents.AwaitingList(ctx, u, u.OrgID, homeRows+1)
		if err != nil {
			h.s.Error(w, r, err)
			return
		}
		if len(docs) > homeRows {
			docs, p.MoreDocs = docs[:homeRows], true
		}
		p.Documents = docs
	}
	if p.Ideas, err = ideas.New(h.s.Store, h.s.Blobs, nil).VotedChanged(ctx, u, homeRows); err != nil {
		h.s.Error(w, r, err)
		return
	}
	if p.Articles, err = kb.New(h.s.Store, h.s.Blobs, h.s.Config.DefaultLanguage, 0).Recent(ctx, u, p.Lang, homeRows); err != nil {
		h.s.Error(w, r, err)
		return
	}
	h.s.Render(w, r, http.StatusOK, "portal/home", p)
}

// homeTickets lists the first open tickets in categories that u may see,
// the latest activity first; partyID narrows them to the tickets u
// requested or takes part in.
func (h *handler) homeTickets(ctx context.Context, p *web.Page, u *model.User, partyID int64, categories ...model.Category) (homeSection, error) {
	page, err := h.s.Tickets.List(ctx, u, store.TicketFilter{
		Categories: categories, PartyID: partyID, Sort: store.SortActivity, Limit: homeRows + 1,
	})
	if err != nil {
		return homeSection{}, err
	}
	var sec homeSection
	for i, t := range page.Tickets {
		if i == homeRows {
			sec.More = true
			break
		}
		sec.Rows = append(sec.Rows, listRow{Ticket: t, Turn: turnOf(p, t)})
	}
	if page.Next != "" {
		sec.More = true
	}
	return sec, nil
}
