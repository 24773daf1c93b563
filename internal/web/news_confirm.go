package web

import (
	"errors"
	"net/http"

	"supportal/internal/model"
	"supportal/internal/org"
)

// The link in a news confirmation mail leads here. Opening it only shows
// what it is about and a button; pressing the button confirms. Mail
// scanners that fetch every link must not confirm for the recipient.

// registerNewsConfirm adds the page that confirms a news address.
func (s *Server) registerNewsConfirm(r *Router) {
	r.Page("GET /news/confirm", Public, s.newsConfirmForm)
	r.Page("POST /news/confirm", Public, s.newsConfirm)
}

// newsConfirmPage asks to confirm (Token set), or says it is done.
type newsConfirmPage struct {
	*Page
	Token     string
	Sub       *org.NewsSubscription
	Confirmed bool
}

// newsConfirmForm shows what the link is about and the button.
func (s *Server) newsConfirmForm(w http.ResponseWriter, r *http.Request) {
	p := &newsConfirmPage{Page: s.NewPage(r, "org.news.confirm.title"), Token: r.URL.Query().Get("token")}
	sub, err := s.Orgs.NewsConfirmation(r.Context(), p.Token)
	if err != nil {
		s.newsConfirmFailed(w, r, p, err)
		return
	}
	p.Sub = sub
	s.Render(w, r, http.StatusOK, "news_confirm", p)
}

// newsConfirm spends the link and says so.
func (s *Server) newsConfirm(w http.ResponseWriter, r *http.Request) {
	f, err := s.ParseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &newsConfirmPage{Page: s.NewPage(r, "org.news.confirm.title")}
	sub, err := s.Orgs.ConfirmNews(r.Context(), f.Get("token"))
	if err != nil {
		s.newsConfirmFailed(w, r, p, err)
		return
	}
	p.Sub, p.Confirmed = sub, true
	s.Render(w, r, http.StatusOK, "news_confirm", p)
}

// newsConfirmFailed answers a link that is unknown, used or expired with
// 404 and says what to do.
func (s *Server) newsConfirmFailed(w http.ResponseWriter, r *http.Request, p *newsConfirmPage, err error) {
	if !errors.Is(err, model.ErrNotFound) {
		s.Error(w, r, err)
		return
	}
	p.Token, p.Sub = "", nil
	p.FormError = p.T("org.news.confirm.invalid_link")
	s.Render(w, r, http.StatusNotFound, "news_confirm", p)
}
