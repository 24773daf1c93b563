package web

import (
	"errors"
	"net/http"

	"supportal/internal/account"
	"supportal/internal/model"
)

// A portal link (account.PortalLinks) signs a contact in from the
// company's own software. Opening /portal?token=… changes nothing: like a
// password-reset link it shows a page with a "Continue" button, and only
// that POST spends the link, starts a new session and redirects to the
// link's target, so the token leaves the address bar. A link that is
// unknown, altered, used or expired answers 410 with a page that says
// so; a valid link of an account that may not sign in this way (an
// agent, a deactivated contact, two-factor sign-in) answers 403.

type portalLinkPage struct {
	*Page
	Token string
	Email string
	Text  string
}

// PortalLinkForm answers GET /portal?token=…: the page that asks to
// continue, or the page that says why the link does not work.
func (s *Server) PortalLinkForm(w http.ResponseWriter, r *http.Request) {
	p := &portalLinkPage{Page: s.NewPage(r, "home.link.title")}
	token := r.URL.Query().Get("token")
	u, _, err := s.Accounts.PortalLinks(s.Keys).User(r.Context(), token)
	if err != nil {
		s.portalLinkFailed(w, r, p, err)
		return
	}
	p.Token, p.Email = token, u.Email
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.Header().Set("Cache-Control", "no-store")
	s.Render(w, r, http.StatusOK, "portal_link", p)
}

// PortalLinkSignIn answers POST /portal/link: it spends the link, signs
// its contact in and sends the browser to the link's target.
func (s *Server) PortalLinkSignIn(w http.ResponseWriter, r *http.Request) {
	f, err := s.ParseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &portalLinkPage{Page: s.NewPage(r, "home.link.title")}
	u, next, err := s.Accounts.PortalLinks(s.Keys).Use(r.Context(), f.Get("token"))
	if err != nil {
		s.portalLinkFailed(w, r, p, err)
		return
	}
	if err := s.signIn(w, r, u); err != nil {
		s.Error(w, r, err)
		return
	}
	http.Redirect(w, r, safeNext(next, "/portal"), http.StatusSeeOther)
}

// portalLinkFailed shows why a link does not sign anyone in.
func (s *Server) portalLinkFailed(w http.ResponseWriter, r *http.Request, p *portalLinkPage, err error) {
	status := http.StatusGone
	switch {
	case errors.Is(err, model.ErrNotFound):
		p.Text = p.T("home.link.invalid")
	case errors.Is(err, account.ErrPortalLinkRefused):
		status, p.Text = http.StatusForbidden, p.T("home.link.refused")
	default:
		s.Error(w, r, err)
		return
	}
	s.Render(w, r, status, "portal_link", p)
}
