package kbweb

import (
	"net/http"
	"strings"

	"supportal/internal/authz"
	"supportal/internal/web"
)

// replyLink is an article an agent may link into a reply.
type replyLink struct {
	ID       int64  `json:"id"`
	Title    string `json:"title"`
	URL      string `json:"url"`
	Markdown string `json:"markdown"`
}

// replyLinks answers the ticket page's article search with the articles
// found for ?q= that a customer can read (public and contacts-only,
// published), as Markdown links with the instance's address.
func (h *handler) replyLinks(w http.ResponseWriter, r *http.Request) {
	found, err := h.kb.Search(r.Context(), web.UserOf(r), readLang(r), r.URL.Query().Get("q"), 20, true)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	base := strings.TrimSuffix(h.s.Config.BaseURL, "/")
	out := make([]replyLink, 0, len(found))
	for _, a := range found {
		if a.Visibility == authz.VisibilityInternal || a.Translation.Status != authz.ArticlePublished || len(out) == 10 {
			continue
		}
		u := base + "/kb/articles/" + itoa(a.ID)
		title := strings.NewReplacer("[", "(", "]", ")").Replace(a.Translation.Title)
		out = append(out, replyLink{ID: a.ID, Title: a.Translation.Title, URL: u, Markdown: "[" + title + "](" + u + ")"})
	}
	web.WriteJSON(w, http.StatusOK, map[string]any{"items": out})
}
