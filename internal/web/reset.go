package web

import (
	"errors"
	"net/http"

	"supportal/internal/model"
)

// A forgotten password: the visitor asks for a link by address (the
// answer is the same whether or not the address has an account), the
// mailed link sets a new password and signs out every browser.

type forgotPage struct {
	*Page
	Email string
}

func (s *Server) forgotForm(w http.ResponseWriter, r *http.Request) {
	s.Render(w, r, http.StatusOK, "forgot", &forgotPage{Page: s.NewPage(r, "reset.forgot.title")})
}

func (s *Server) forgot(w http.ResponseWriter, r *http.Request) {
	f, err := s.ParseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if err := s.Accounts.RequestPasswordReset(r.Context(), f.Trimmed("email"), ClientIP(r)); err != nil {
		s.Error(w, r, err)
		return
	}
	s.Render(w, r, http.StatusOK, "register_sent", &sentPage{Page: s.NewPage(r, "reset.sent.title"), Text: "reset.sent.text"})
}

type resetPage struct {
	*Page
	Token string
	Email string
}

func (s *Server) resetForm(w http.ResponseWriter, r *http.Request) {
	p := &resetPage{Page: s.NewPage(r, "reset.title"), Token: r.URL.Query().Get("token")}
	u, err := s.Accounts.ResetUser(r.Context(), p.Token)
	if err != nil {
		s.resetFailed(w, r, p, err)
		return
	}
	p.Email = u.Email
	s.Render(w, r, http.StatusOK, "reset", p)
}

func (s *Server) reset(w http.ResponseWriter, r *http.Request) {
	f, err := s.ParseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &resetPage{Page: s.NewPage(r, "reset.title"), Token: f.Get("token")}
	u, err := s.Accounts.ResetUser(r.Context(), p.Token)
	if err != nil {
		s.resetFailed(w, r, p, err)
		return
	}
	p.Email = u.Email
	if f.Get("password") != f.Get("password_confirm") {
		p.SetErrors(model.Invalid("password_confirm", "reset.error.mismatch"))
		s.Render(w, r, http.StatusUnprocessableEntity, "reset", p)
		return
	}
	err = s.Accounts.ResetPassword(r.Context(), p.Token, f.Get("password"))
	var verr *model.ValidationError
	switch {
	case errors.As(err, &verr):
		p.SetErrors(verr)
		s.Render(w, r, http.StatusUnprocessableEntity, "reset", p)
		return
	case err != nil:
		s.resetFailed(w, r, p, err)
		return
	}
	// Every session of the account has ended, this browser's too.
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.Config.SecureCookies()})
	Flash(w, "flash.reset.done")
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// resetFailed answers a reset link that is unknown, used or expired with
// 404 and offers a new one.
func (s *Server) resetFailed(w http.ResponseWriter, r *http.Request, p *resetPage, err error) {
	if !errors.Is(err, model.ErrNotFound) {
		s.Error(w, r, err)
		return
	}
	p.Token, p.Email = "", ""
	p.FormError = p.T("reset.invalid_link")
	s.Render(w, r, http.StatusNotFound, "reset", p)
}
