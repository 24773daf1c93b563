package api

import (
	"net/http"
	"strconv"

	"supportal/internal/ideas"
	"supportal/internal/model"
	"supportal/internal/web"
)

// The feature board's endpoints (DESIGN §6): lists and one idea for
// everyone signed in, as far as authz lets them see; submitting,
// commenting and voting. What an agent does beyond commenting (status,
// tags, merge) is the desk's.

// ideaHandler holds the endpoints of the feature board.
type ideaHandler struct {
	s     *web.Server
	ideas *ideas.Service
}

// RegisterIdeas adds the feature board's endpoints.
func RegisterIdeas(s *web.Server, svc *ideas.Service) {
	h := &ideaHandler{s: s, ideas: svc}
	r := s.Router()
	r.API("GET /api/v1/ideas", web.SignedIn, h.list)
	r.API("POST /api/v1/ideas", web.SignedIn, h.create)
	r.API("GET /api/v1/ideas/{id}", web.SignedIn, h.get)
	r.API("POST /api/v1/ideas/{id}/vote", web.SignedIn, h.vote)
	r.API("DELETE /api/v1/ideas/{id}/vote", web.SignedIn, h.unvote)
	r.API("POST /api/v1/ideas/{id}/comments", web.SignedIn, h.comment)
}

// ideaJSON is the idea shape of DESIGN §6.
type ideaJSON struct {
	ID         int64          `json:"id"`
	Title      string         `json:"title"`
	Body       string         `json:"body"`
	Status     string         `json:"status"`
	Votes      int64          `json:"votes"`
	Voted      bool           `json:"voted"`
	Author     string         `json:"author"` // "" when the caller may not learn it
	Tags       []string       `json:"tags"`
	MergedInto *int64         `json:"merged_into"`
	CreatedAt  string         `json:"created_at"`
	OrgVotes   []orgVotesJSON `json:"org_votes,omitempty"`
}

// orgVotesJSON is one organization's votes for an idea (agents only).
type orgVotesJSON struct {
	OrgID int64  `json:"org_id"`
	Name  string `json:"name"`
	Votes int64  `json:"votes"`
}

func ideaOut(v *ideas.View, orgVotes []model.OrgVotes) ideaJSON {
	out := ideaJSON{ID: v.ID, Title: v.Title, Body: v.Body, Status: string(v.Status), Votes: v.Votes, Voted: v.Voted,
		Tags: v.Tags, CreatedAt: v.CreatedAt.UTC().Format("2006-01-02T15:04:05.000000Z07:00")}
	if out.Tags == nil {
		out.Tags = []string{}
	}
	if v.AuthorShown {
		out.Author = v.AuthorName
	}
	if v.MergedInto != 0 {
		m := v.MergedInto
		out.MergedInto = &m
	}
	if v.Access.OrgVote {
		out.OrgVotes = []orgVotesJSON{}
		for _, o := range orgVotes {
			out.OrgVotes = append(out.OrgVotes, orgVotesJSON{OrgID: o.OrgID, Name: o.OrgName, Votes: o.Votes})
		}
	}
	return out
}

// list answers GET /api/v1/ideas: sort (votes, trending, newest), status,
// tag, cursor and limit.
func (h *ideaHandler) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p := ideas.ListParams{Sort: q.Get("sort"), Status: q.Get("status"), Tag: q.Get("tag"), Cursor: q.Get("cursor"), Limit: defaultLimit}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxLimit {
			h.s.Error(w, r, model.Invalid("limit", "api.error.limit"))
			return
		}
		p.Limit = n
	}
	items, next, err := h.ideas.List(r.Context(), web.UserOf(r), p)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	out := listJSON[ideaJSON]{Items: []ideaJSON{}}
	for i := range items {
		out.Items = append(out.Items, ideaOut(&items[i], nil))
	}
	if next != "" {
		out.NextCursor = &next
	}
	web.WriteJSON(w, http.StatusOK, out)
}

// get answers GET /api/v1/ideas/{id}; agents also get the votes per
// organization.
func (h *ideaHandler) get(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		h.s.NotFound(w, r)
		return
	}
	d, err := h.ideas.Detail(r.Context(), web.UserOf(r), id)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, ideaOut(&d.View, d.OrgVotes))
}

// ideaCreateJSON is the body of POST /api/v1/ideas.
type ideaCreateJSON struct {
	Title       string  `json:"title"`
	Body        string  `json:"body"`
	Attachments []int64 `json:"attachments"`
}

// create answers POST /api/v1/ideas.
func (h *ideaHandler) create(w http.ResponseWriter, r *http.Request) {
	var in ideaCreateJSON
	if err := decodeJSON(w, r, &in); err != nil {
		h.s.Error(w, r, err)
		return
	}
	v, err := h.ideas.Create(r.Context(), web.UserOf(r), ideas.CreateParams{Title: in.Title, Body: in.Body, Attachments: in.Attachments})
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	created(w, "/api/v1/ideas/"+strconv.FormatInt(v.ID, 10), ideaOut(v, nil))
}

// vote answers POST /api/v1/ideas/{id}/vote; voting again changes nothing.
func (h *ideaHandler) vote(w http.ResponseWriter, r *http.Request) { h.setVote(w, r, true) }

// unvote answers DELETE /api/v1/ideas/{id}/vote; without a vote it
// changes nothing.
func (h *ideaHandler) unvote(w http.ResponseWriter, r *http.Request) { h.setVote(w, r, false) }

func (h *ideaHandler) setVote(w http.ResponseWriter, r *http.Request, add bool) {
	id, ok := pathID(r)
	if !ok {
		h.s.NotFound(w, r)
		return
	}
	u := web.UserOf(r)
	var v *ideas.View
	var err error
	if add {
		v, err = h.ideas.Vote(r.Context(), u, id)
	} else {
		v, err = h.ideas.Unvote(r.Context(), u, id)
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, ideaOut(v, nil))
}

// ideaCommentJSON is a comment, in and out.
type ideaCommentJSON struct {
	ID        int64  `json:"id,omitempty"`
	Body      string `json:"body"`
	Official  bool   `json:"official,omitempty"`
	Author    string `json:"author,omitempty"`
	CreatedAt string `json:"created_at,omitempty"`
}

// comment answers POST /api/v1/ideas/{id}/comments with {"body"}.
func (h *ideaHandler) comment(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		h.s.NotFound(w, r)
		return
	}
	var in struct {
		Body string `json:"body"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		h.s.Error(w, r, err)
		return
	}
	c, err := h.ideas.AddComment(r.Context(), web.UserOf(r), id, in.Body)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	created(w, "", ideaCommentJSON{ID: c.ID, Body: c.Body, Official: c.Official, Author: c.AuthorName,
		CreatedAt: c.CreatedAt.UTC().Format("2006-01-02T15:04:05.000000Z07:00")})
}
