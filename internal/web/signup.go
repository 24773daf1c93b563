package web

import (
	"context"
	"errors"
	"net/http"

	"supportal/internal/account"
	"supportal/internal/model"
)

// Self-registration in the portal, while the admin keeps it open: a
// visitor enters name, address and password; the mailed link confirms
// the address (double opt-in) and signs the new contact in. The answer to
// the form is the same whether or not the address has an account.

// registerSignup adds the registration and password-reset pages.
func (s *Server) registerSignup(r *Router) {
	r.Page("GET /register", Public, s.registerForm)
	r.Page("POST /register", Public, s.register)
	r.Page("GET /register/verify", Public, s.verifyForm)
	r.Page("POST /register/verify", Public, s.verify)
	s.registerNewsConfirm(r)
	r.Page("GET /password/forgot", Public, s.forgotForm)
	r.Page("POST /password/forgot", Public, s.forgot)
	r.Page("GET /password/reset", Public, s.resetForm)
	r.Page("POST /password/reset", Public, s.reset)
}

type registerPage struct {
	*Page
	Open  bool
	Name  string
	Email string
}

// sentPage answers a registration or reset request: check your inbox.
type sentPage struct {
	*Page
	Text string
}

// SelfRegistrationOpen reports whether visitors may register, for the
// link on the sign-in page. A failed read hides the link; the
// registration page itself reports the error.
func (p *Page) SelfRegistrationOpen() bool {
	open, err := p.s.Accounts.SelfRegistrationOpen(context.Background())
	return err == nil && open
}

func (s *Server) registerForm(w http.ResponseWriter, r *http.Request) {
	open, err := s.Accounts.SelfRegistrationOpen(r.Context())
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.Render(w, r, http.StatusOK, "register", &registerPage{Page: s.NewPage(r, "signup.title"), Open: open})
}

func (s *Server) register(w http.ResponseWriter, r *http.Request) {
	f, err := s.ParseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &registerPage{Page: s.NewPage(r, "signup.title"), Open: true, Name: f.Trimmed("name"), Email: f.Trimmed("email")}
	err = s.Accounts.Register(r.Context(), account.Registration{
		Name: p.Name, Email: p.Email, Password: f.Get("password"), Language: LangOf(r), ClientIP: ClientIP(r),
	})
	var verr *model.ValidationError
	switch {
	case errors.Is(err, account.ErrRegistrationClosed):
		p.Open = false
		s.Render(w, r, http.StatusForbidden, "register", p)
		return
	case errors.As(err, &verr):
		p.SetErrors(verr)
		s.Render(w, r, http.StatusUnprocessableEntity, "register", p)
		return
	case err != nil:
		s.Error(w, r, err)
		return
	}
	s.Render(w, r, http.StatusOK, "register_sent", &sentPage{Page: s.NewPage(r, "signup.sent.title"), Text: "signup.sent.text"})
}

type verifyPage struct {
	*Page
	Token string
}

// verifyForm shows the button that confirms the address. Opening the
// link changes nothing: mail scanners that fetch links must not spend it.
func (s *Server) verifyForm(w http.ResponseWriter, r *http.Request) {
	p := &verifyPage{Page: s.NewPage(r, "signup.verify.title"), Token: r.URL.Query().Get("token")}
	if _, err := s.Accounts.VerificationUser(r.Context(), p.Token); err != nil {
		s.verifyFailed(w, r, p, err)
		return
	}
	s.Render(w, r, http.StatusOK, "verify", p)
}

func (s *Server) verify(w http.ResponseWriter, r *http.Request) {
	f, err := s.ParseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &verifyPage{Page: s.NewPage(r, "signup.verify.title"), Token: f.Get("token")}
	u, err := s.Accounts.VerifyEmail(r.Context(), p.Token)
	if err != nil {
		s.verifyFailed(w, r, p, err)
		return
	}
	if err := s.signIn(w, r, u); err != nil {
		s.Error(w, r, err)
		return
	}
	Flash(w, "flash.signup.verified")
	http.Redirect(w, r, "/portal", http.StatusSeeOther)
}

// verifyFailed answers a confirmation link that is unknown, used or
// expired with 404 and says what to do.
func (s *Server) verifyFailed(w http.ResponseWriter, r *http.Request, p *verifyPage, err error) {
	if !errors.Is(err, model.ErrNotFound) {
		s.Error(w, r, err)
		return
	}
	p.Token = ""
	p.FormError = p.T("signup.verify.invalid_link")
	s.Render(w, r, http.StatusNotFound, "verify", p)
}
