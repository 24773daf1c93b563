package web

import (
	"errors"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"supportal/internal/account"
	"supportal/internal/model"
)

// registerCommon registers the routes every surface shares: sign-in and
// out, first-admin set-up, the home redirect, health, metrics and static
// files.
func (s *Server) registerCommon() {
	r := s.router
	r.Page("GET /{$}", Public, s.home)
	r.Page("GET /login", Public, s.loginForm)
	r.Page("POST /login", Public, s.login)
	r.Page("POST /logout", Public, s.logout)
	r.Page("GET /setup", Public, s.setupForm)
	r.Page("POST /setup", Public, s.setup)
	r.Page("GET /welcome", Public, s.welcomeForm)
	r.Page("POST /welcome", Public, s.welcome)
	s.registerTwoFactor()
	s.registerSignup(r)
	s.registerSMSWebhook(r)
	r.Page("GET /healthz", Public, s.healthz)
	r.Page("GET /readyz", Public, s.readyz)
	r.Page("GET /metrics", Public, promhttp.Handler().ServeHTTP)
	static, _ := fs.Sub(assets, "static")
	files := http.StripPrefix("/static/", http.FileServerFS(static))
	r.Page("GET /static/", Public, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		files.ServeHTTP(w, r)
	})
	// Anything else is our own 404: a page, or JSON under /api/. It is not
	// a route (it reaches nothing), so it is not in the route list.
	r.mux.HandleFunc("/", s.NotFound)
}

// homeFor is where a user lands after signing in.
func homeFor(u *model.User) string {
	if u.IsAgent() {
		return "/desk/tickets"
	}
	return "/portal"
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	u := UserOf(r)
	if u == nil {
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, homeFor(u), http.StatusSeeOther)
}

type loginPage struct {
	*Page
	Email string
	Next  string
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	if u := UserOf(r); u != nil {
		http.Redirect(w, r, safeNext(r.URL.Query().Get("next"), homeFor(u)), http.StatusSeeOther)
		return
	}
	s.Render(w, r, http.StatusOK, "login", &loginPage{Page: s.NewPage(r, "login.title"), Next: safeNext(r.URL.Query().Get("next"), "")})
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	f, err := s.ParseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &loginPage{Page: s.NewPage(r, "login.title"), Email: f.Trimmed("email"), Next: safeNext(f.Get("next"), "")}
	u, err := s.Accounts.Login(r.Context(), f.Trimmed("email"), f.Get("password"), ClientIP(r))
	switch {
	case errors.Is(err, model.ErrRateLimited):
		p.FormError = p.T("login.rate_limited")
		s.Render(w, r, http.StatusTooManyRequests, "login", p)
		return
	case errors.Is(err, account.ErrInvalidLogin):
		p.FormError = p.T("login.invalid")
		s.Render(w, r, http.StatusUnauthorized, "login", p)
		return
	case err != nil:
		s.Error(w, r, err)
		return
	}
	if u.TOTPEnabled {
		// The password was right; the session waits for the second step.
		s.askSecondFactor(w, r, u, p.Next)
		return
	}
	if err := s.signIn(w, r, u); err != nil {
		s.Error(w, r, err)
		return
	}
	http.Redirect(w, r, safeNext(p.Next, homeFor(u)), http.StatusSeeOther)
}

// signIn starts a new session (a new id at every sign-in) and ends the
// one the browser had.
func (s *Server) signIn(w http.ResponseWriter, r *http.Request, u *model.User) error {
	if c, err := r.Cookie(SessionCookie); err == nil {
		_ = s.Accounts.EndSession(r.Context(), c.Value)
	}
	secret, err := s.Accounts.StartSession(r.Context(), u.ID, ClientIP(r), r.UserAgent())
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{
		Name: SessionCookie, Value: secret, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: s.Config.SecureCookies(), Expires: time.Now().Add(account.DefaultConfig.SessionMaxTotal),
	})
	return nil
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(SessionCookie); err == nil {
		if err := s.Accounts.EndSession(r.Context(), c.Value); err != nil {
			s.Error(w, r, err)
			return
		}
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.Config.SecureCookies()})
	Flash(w, "flash.signed_out")
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// safeNext accepts only a same-site relative path as a redirect target
// (SECURITY rule 8); anything else gives fallback.
func safeNext(next, fallback string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, `/\`) ||
		strings.ContainsAny(next, "\r\n\t\\") {
		return fallback
	}
	return next
}

type setupPage struct {
	*Page
	Token string
	Name  string
	Email string
}

func (s *Server) setupForm(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("token")
	ok, err := s.Accounts.CheckSetupToken(r.Context(), token)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &setupPage{Page: s.NewPage(r, "setup.title"), Token: token}
	if !ok {
		p.FormError = p.T("setup.invalid_link")
		s.Render(w, r, http.StatusNotFound, "setup", p)
		return
	}
	s.Render(w, r, http.StatusOK, "setup", p)
}

func (s *Server) setup(w http.ResponseWriter, r *http.Request) {
	f, err := s.ParseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &setupPage{Page: s.NewPage(r, "setup.title"), Token: f.Get("token"), Name: f.Trimmed("name"), Email: f.Trimmed("email")}
	id, err := s.Accounts.CompleteSetup(r.Context(), p.Token, account.NewAgent{Email: p.Email, Name: p.Name, Password: f.Get("password"), Language: LangOf(r)})
	var verr *model.ValidationError
	switch {
	case errors.As(err, &verr):
		p.SetErrors(verr)
		s.Render(w, r, http.StatusUnprocessableEntity, "setup", p)
		return
	case errors.Is(err, model.ErrNotFound):
		p.FormError = p.T("setup.invalid_link")
		s.Render(w, r, http.StatusNotFound, "setup", p)
		return
	case errors.Is(err, model.ErrConflict):
		p.Errors = map[string]string{"email": p.T("error.conflict")}
		s.Render(w, r, http.StatusUnprocessableEntity, "setup", p)
		return
	case err != nil:
		s.Error(w, r, err)
		return
	}
	u, err := s.Store.User(r.Context(), id)
	if err == nil {
		err = s.signIn(w, r, u)
	}
	if err != nil {
		s.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin", http.StatusSeeOther)
}

// healthz says the process is alive; it touches nothing else, so it also
// measures the HTTP stack's ceiling.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("ok\n"))
}

// readyz says the instance can serve: the database answers and its schema
// is current.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := s.Store.Ping(r.Context()); err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("database unavailable\n"))
		return
	}
	if n, err := s.Store.Pending(r.Context()); err != nil || n > 0 {
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("database schema not current\n"))
		return
	}
	_, _ = w.Write([]byte("ready\n"))
}
