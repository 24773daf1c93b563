// Package ideaweb is the feature board's pages: the list, the form and
// the page of an idea in the portal; the same list and page in the desk
// with the agents' tools (official response, status with note, tags,
// merge, linked tickets, votes per organization); and the admin page of
// the board's visibility. Every read and write goes through the ideas
// service, which asks authz; an idea the user may not see answers 404.
package ideaweb

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"supportal/internal/ideas"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/web"
)

// handler holds what the pages share.
type handler struct {
	s     *web.Server
	ideas *ideas.Service
}

// Register adds the pages of the feature board to the portal, the desk
// and the admin area.
func Register(s *web.Server, svc *ideas.Service) {
	h := &handler{s: s, ideas: svc}
	r := s.Router()
	r.Page("GET /portal/ideas", web.Contact, h.list)
	r.Page("GET /portal/ideas/new", web.Contact, h.newForm)
	r.Page("POST /portal/ideas", web.Contact, h.create)
	r.Page("GET /portal/ideas/{id}", web.Contact, h.show)
	r.Page("POST /portal/ideas/{id}/vote", web.Contact, h.vote)
	r.Page("POST /portal/ideas/{id}/unvote", web.Contact, h.unvote)
	r.Page("POST /portal/ideas/{id}/comments", web.Contact, h.comment)
	r.Page("GET /portal/ideas/{id}/files/{file}", web.Contact, h.file)

	r.Page("GET /desk/ideas", web.Agent, h.list)
	r.Page("GET /desk/ideas/{id}", web.Agent, h.show)
	r.Page("POST /desk/ideas/{id}/comments", web.Agent, h.comment)
	r.Page("POST /desk/ideas/{id}/status", web.Agent, h.status)
	r.Page("POST /desk/ideas/{id}/tags", web.Agent, h.tags)
	r.Page("POST /desk/ideas/{id}/merge", web.Agent, h.merge)
	r.Page("POST /desk/ideas/{id}/tickets", web.Agent, h.linkTicket)
	r.Page("POST /desk/ideas/{id}/tickets/{number}/delete", web.Agent, h.unlinkTicket)
	r.Page("GET /desk/ideas/{id}/files/{file}", web.Agent, h.file)

	r.Page("GET /admin/ideas", web.Admin, h.settings)
	r.Page("POST /admin/ideas", web.Admin, h.settingsSave)
}

// base is "/portal/ideas" or "/desk/ideas", the surface of the request.
func base(u *model.User) string {
	if u.IsAgent() {
		return "/desk/ideas"
	}
	return "/portal/ideas"
}

// pathID reads a numeric path value; 0 if it is not one.
func pathID(r *http.Request, name string) int64 {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0
	}
	return id
}

// listPage is the data of the list of ideas.
type listPage struct {
	*web.Page
	Base     string
	Items    []ideas.View
	Sort     string
	Status   string
	Tag      string
	Tags     []string
	Statuses []model.IdeaStatus
	Sorts    []string
	Next     string // the next page's address, "" on the last
}

// list shows a page of ideas, sorted and filtered by the query.
func (h *handler) list(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := web.UserOf(r)
	q := r.URL.Query()
	p := &listPage{Page: h.s.NewPage(r, "ideas.title"), Base: base(u), Sort: q.Get("sort"), Status: q.Get("status"),
		Tag: q.Get("tag"), Statuses: model.IdeaStatuses,
		Sorts: []string{store.IdeaSortVotes, store.IdeaSortTrending, store.IdeaSortNewest}}
	if p.Sort == "" {
		p.Sort = store.IdeaSortVotes
	}
	items, next, err := h.ideas.List(ctx, u, ideas.ListParams{Sort: p.Sort, Status: p.Status, Tag: p.Tag, Cursor: q.Get("cursor")})
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p.Items = items
	if next != "" {
		v := url.Values{"sort": {p.Sort}, "cursor": {next}}
		if p.Status != "" {
			v.Set("status", p.Status)
		}
		if p.Tag != "" {
			v.Set("tag", p.Tag)
		}
		p.Next = p.Base + "?" + v.Encode()
	}
	if p.Tags, err = h.s.Store.AllIdeaTags(ctx); err != nil {
		h.s.Error(w, r, err)
		return
	}
	h.s.Render(w, r, http.StatusOK, "ideas/list", p)
}

// showPage is the data of one idea's page.
type showPage struct {
	*web.Page
	Base     string
	Idea     *ideas.Detail
	Statuses []model.IdeaStatus
	Tags     string // the tags as the form shows them
}

// show shows one idea.
func (h *handler) show(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, nil)
}

// render shows the idea of the request, with the errors of a refused
// form when verr is set.
func (h *handler) render(w http.ResponseWriter, r *http.Request, code int, verr *model.ValidationError) {
	u := web.UserOf(r)
	d, err := h.ideas.Detail(r.Context(), u, pathID(r, "id"))
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p := &showPage{Page: h.s.NewPage(r, "ideas.idea_title", "Title", d.Title), Base: base(u), Idea: d, Statuses: model.IdeaStatuses}
	for n, t := range d.Tags {
		if n > 0 {
			p.Tags += ", "
		}
		p.Tags += t
	}
	if verr != nil {
		p.SetErrors(verr)
	}
	h.s.Render(w, r, code, "ideas/show", p)
}

// done answers a form on an idea's page: back to the page with a notice,
// the page again with the errors of bad input, or the error.
func (h *handler) done(w http.ResponseWriter, r *http.Request, err error, flash string) {
	var verr *model.ValidationError
	switch {
	case err == nil:
		web.Flash(w, flash)
		http.Redirect(w, r, base(web.UserOf(r))+"/"+r.PathValue("id"), http.StatusSeeOther)
	case errors.As(err, &verr):
		h.render(w, r, http.StatusUnprocessableEntity, verr)
	default:
		h.s.Error(w, r, err)
	}
}

// form parses a form, answering the error itself when it fails.
func (h *handler) form(w http.ResponseWriter, r *http.Request) (*web.Form, bool) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return nil, false
	}
	return f, true
}

// vote records the contact's vote.
func (h *handler) vote(w http.ResponseWriter, r *http.Request) {
	_, err := h.ideas.Vote(r.Context(), web.UserOf(r), pathID(r, "id"))
	h.done(w, r, err, "flash.idea_voted")
}

// unvote takes the contact's vote back.
func (h *handler) unvote(w http.ResponseWriter, r *http.Request) {
	_, err := h.ideas.Unvote(r.Context(), web.UserOf(r), pathID(r, "id"))
	h.done(w, r, err, "flash.idea_unvoted")
}

// comment adds a comment; an agent's is the official response.
func (h *handler) comment(w http.ResponseWriter, r *http.Request) {
	f, ok := h.form(w, r)
	if !ok {
		return
	}
	_, err := h.ideas.AddComment(r.Context(), web.UserOf(r), pathID(r, "id"), f.Get("body"))
	h.done(w, r, err, "flash.idea_commented")
}

// file serves a file of an idea as a download.
func (h *handler) file(w http.ResponseWriter, r *http.Request) {
	a, f, err := h.ideas.OpenAttachment(r.Context(), web.UserOf(r), pathID(r, "id"), pathID(r, "file"))
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	defer f.Close()
	web.ServeAttachment(w, r, a, f)
}
