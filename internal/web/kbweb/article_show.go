package kbweb

import (
	"html/template"
	"net/http"
	"strconv"

	"supportal/internal/authz"
	"supportal/internal/kb"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/web"
)

// articlePage is one article as the reader sees it.
type articlePage struct {
	*web.Page
	Article          *kb.Article
	Place            *store.KBPlace // nil for an article in no section
	HTML             template.HTML
	Stats            *store.KBStats // agents only
	CanFollow        bool
	Following        bool
	FollowingSection bool
	Voted            string
}

// articleShow shows an article in the asked language or its fallback.
func (h *handler) articleShow(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	u := web.UserOf(r)
	a, err := h.kb.Get(r.Context(), u, id, readLang(r))
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p := &articlePage{Page: h.s.NewPage(r, "kb.article.title", "Title", a.Translation.Title), Article: a,
		HTML: kb.Render(a.Translation.Body), Voted: r.URL.Query().Get("voted")}
	p.Title = a.Translation.Title
	if a.SectionID != 0 {
		if p.Place, err = h.kb.Place(r.Context(), a, p.Lang); err != nil {
			h.s.Error(w, r, err)
			return
		}
	}
	if authz.EditArticle(u) {
		st, err := h.kb.Stats(r.Context(), u, id)
		if err != nil {
			h.s.Error(w, r, err)
			return
		}
		p.Stats = &st
	}
	if u.IsContact() {
		p.CanFollow = true
		if p.Following, p.FollowingSection, err = h.kb.Following(r.Context(), u, a); err != nil {
			h.s.Error(w, r, err)
			return
		}
	}
	h.s.Render(w, r, http.StatusOK, "kb/article", p)
}

// LanguageName is a language's name in the page's language.
func (p *articlePage) LanguageName(l string) string { return p.T("kb.language." + l) }

const voterCookie = "supportal_kb_voter"

// vote records "was this helpful?"; a visitor is known by a random
// cookie, so one browser votes once.
func (h *handler) vote(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	browser := ""
	if web.UserOf(r) == nil {
		if c, err := r.Cookie(voterCookie); err == nil {
			browser = c.Value
		} else {
			browser = randomToken()
			http.SetCookie(w, &http.Cookie{Name: voterCookie, Value: browser, Path: "/kb", MaxAge: 365 * 24 * 3600,
				HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
		}
	}
	helpful := f.Get("helpful")
	if helpful != "yes" && helpful != "no" {
		h.s.Error(w, r, model.Invalid("helpful", "error.option"))
		return
	}
	if err := h.kb.Vote(r.Context(), web.UserOf(r), browser, id, helpful == "yes"); err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.kb.voted")
	http.Redirect(w, r, "/kb/articles/"+itoa(id), http.StatusSeeOther)
}

// follow starts or ends following the article or its section.
func (h *handler) follow(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	u := web.UserOf(r)
	a, err := h.kb.Get(r.Context(), u, id, web.LangOf(r))
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	on := f.Get("follow") == "1"
	if f.Get("what") == "section" && a.SectionID != 0 {
		err = h.kb.Follow(r.Context(), u, 0, a.SectionID, on)
	} else {
		err = h.kb.Follow(r.Context(), u, id, 0, on)
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.kb.follow")
	http.Redirect(w, r, "/kb/articles/"+itoa(id), http.StatusSeeOther)
}

// file serves an article image to whoever may read the article.
func (h *handler) file(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	f, content, err := h.kb.File(r.Context(), web.UserOf(r), id)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	defer content.Close()
	web.ServeAttachment(w, r, fileAttachment(f), content)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// suggestionOpened counts that the article was opened from a suggestion
// of the new-ticket form whose token is t. The form's script posts it as
// the link opens: a GET changes nothing.
func (h *handler) suggestionOpened(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	if err := h.kb.SuggestionOpened(r.Context(), web.UserOf(r), id, f.Get("t")); err != nil {
		h.s.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
