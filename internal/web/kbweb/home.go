package kbweb

import (
	"net/http"
	"strings"

	"supportal/internal/kb"
	"supportal/internal/web"
)

// homePage is the knowledge base's start: categories → sections →
// articles the reader may read.
type homePage struct {
	*web.Page
	Categories []*kb.Category
	Query      string
	// Following holds the sections a contact follows; CanFollow says
	// whether the page offers following sections at all.
	Following map[int64]bool
	CanFollow bool
}

// home shows the categories with their sections and articles.
func (h *handler) home(w http.ResponseWriter, r *http.Request) {
	p := &homePage{Page: h.s.NewPage(r, "kb.title")}
	u := web.UserOf(r)
	cats, err := h.kb.Tree(r.Context(), u, p.Lang)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p.Categories = cats
	p.CanFollow = u.IsContact()
	if p.Following, err = h.kb.FollowedSections(r.Context(), u); err != nil {
		h.s.Error(w, r, err)
		return
	}
	h.s.Render(w, r, http.StatusOK, "kb/home", p)
}

// searchPage lists the articles found for a query.
type searchPage struct {
	*web.Page
	Query   string
	Results []result
}

// result is one article found, with the start of its text.
type result struct {
	*kb.Article
	Excerpt string
}

// search finds articles in the reader's language.
func (h *handler) search(w http.ResponseWriter, r *http.Request) {
	p := &searchPage{Page: h.s.NewPage(r, "kb.search.title"), Query: strings.TrimSpace(r.URL.Query().Get("q"))}
	found, err := h.kb.Search(r.Context(), web.UserOf(r), readLang(r), p.Query, 50, false)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	for _, a := range found {
		p.Results = append(p.Results, result{Article: a, Excerpt: excerpt(a.Translation.Body, 200)})
	}
	h.s.Render(w, r, http.StatusOK, "kb/search", p)
}

// excerpt is the first n characters of Markdown, on one line.
func excerpt(md string, n int) string {
	s := strings.Join(strings.Fields(md), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// suggestion is one article suggested while a ticket's subject is typed.
type suggestion struct {
	ID    int64  `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

// suggest answers the new-ticket form's script with the five best
// articles the reader may read for the subject typed so far.
func (h *handler) suggest(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	if len(q) > 300 {
		q = q[:300]
	}
	found, err := h.kb.Search(r.Context(), web.UserOf(r), readLang(r), q, 5, true)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	out := make([]suggestion, 0, len(found))
	for _, a := range found {
		out = append(out, suggestion{ID: a.ID, Title: a.Translation.Title, URL: "/kb/articles/" + itoa(a.ID)})
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"items": out})
}
