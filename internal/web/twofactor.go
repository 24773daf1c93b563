package web

import (
	"bytes"
	"encoding/base64"
	"errors"
	"html/template"
	"image/png"
	"net/http"

	"github.com/pquerna/otp"

	"supportal/internal/account"
	"supportal/internal/model"
)

// Two-factor sign-in: the page /account/2fa where a signed-in user sets it
// up (a new key, confirmed by a current code, then ten recovery codes
// shown once), switches it off (password and current code) or gets new
// recovery codes (password); and the second step of signing in, POST
// /login/2fa, which a correct password leads to for an account that has
// it on.
//
// The authenticator key is encrypted at rest with the server's Keys: the
// web server holds them and hands them to the account service through
// account.Service.TwoFactor, which does the rest.

// registerTwoFactor registers the set-up page and the second sign-in step.
func (s *Server) registerTwoFactor() {
	r := s.router
	r.Page("GET /account/2fa", SignedIn, s.twoFactorForm)
	r.Page("POST /account/2fa", SignedIn, s.twoFactorAction)
	r.Page("POST /login/2fa", Public, s.twoFactorLogin)
}

func (s *Server) twoFactor() *account.TwoFactor {
	return s.Accounts.TwoFactor(s.Keys, s.Catalog.T("en", "app.name"))
}

type twoFactorPage struct {
	*Page
	Enabled   bool
	Pending   bool
	Required  bool         // an agent the setting requires to enrol
	Secret    string       // the key of a pending enrolment
	URI       string       // its otpauth:// URI
	QR        template.URL // a data: URI of the QR code image
	CodesLeft int          // unused recovery codes
	Codes     []string     // recovery codes to show once
}

// newTwoFactorPage reads the state of the signed-in user's two-factor
// sign-in into a page.
func (s *Server) newTwoFactorPage(r *http.Request) (*twoFactorPage, error) {
	u := UserOf(r)
	p := &twoFactorPage{Page: s.NewPage(r, "twofactor.title"), Enabled: u.TOTPEnabled}
	tf := s.twoFactor()
	var err error
	if u.TOTPEnabled {
		p.CodesLeft, err = tf.RecoveryCodesLeft(r.Context(), u)
		return p, err
	}
	if p.Required, err = s.twoFactorRequired(r, u); err != nil {
		return nil, err
	}
	e, ok, err := tf.Pending(r.Context(), u)
	if err != nil || !ok {
		return p, err
	}
	p.Pending, p.Secret, p.URI, p.QR = true, e.Secret, e.URI, qrDataURI(e.URI)
	return p, nil
}

// qrDataURI draws the QR code of an otpauth:// URI as a PNG data: URI (the
// page policy allows data: images), or "" if it cannot.
func qrDataURI(uri string) template.URL {
	k, err := otp.NewKeyFromURL(uri)
	if err != nil {
		return ""
	}
	img, err := k.Image(200, 200)
	if err != nil {
		return ""
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return ""
	}
	return template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes()))
}

func (s *Server) twoFactorForm(w http.ResponseWriter, r *http.Request) {
	p, err := s.newTwoFactorPage(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.Render(w, r, http.StatusOK, "twofactor", p)
}

// twoFactorAction does what the form's "action" asks: start, confirm,
// disable or recovery (new recovery codes).
func (s *Server) twoFactorAction(w http.ResponseWriter, r *http.Request) {
	f, err := s.ParseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	u, tf, ctx := UserOf(r), s.twoFactor(), r.Context()
	var codes []string
	switch f.Get("action") {
	case "start":
		if _, err := tf.Begin(ctx, u); err != nil && !errors.Is(err, model.ErrConflict) {
			s.Error(w, r, err)
			return
		}
		http.Redirect(w, r, "/account/2fa", http.StatusSeeOther)
		return
	case "confirm":
		codes, err = tf.Confirm(ctx, u, f.Trimmed("code"))
	case "disable":
		err = tf.Disable(ctx, u, f.Get("password"), f.Trimmed("code"))
		if err == nil {
			Flash(w, "flash.2fa_disabled")
			http.Redirect(w, r, "/account/2fa", http.StatusSeeOther)
			return
		}
	case "recovery":
		codes, err = tf.RegenerateRecoveryCodes(ctx, u, f.Get("password"))
	default:
		s.Error(w, r, ErrBadRequest)
		return
	}
	if errors.Is(err, model.ErrConflict) {
		// The state changed under the form (another tab): show it as it is.
		http.Redirect(w, r, "/account/2fa", http.StatusSeeOther)
		return
	}
	if err != nil && !errors.Is(err, account.ErrInvalidCode) && !errors.Is(err, model.ErrRateLimited) {
		s.Error(w, r, err)
		return
	}
	// Read the state again: a confirmation has just switched it on.
	if err == nil {
		u.TOTPEnabled = true
	}
	p, perr := s.newTwoFactorPage(r)
	if perr != nil {
		s.Error(w, r, perr)
		return
	}
	switch {
	case errors.Is(err, model.ErrRateLimited):
		p.FormError = p.T("login.rate_limited")
		s.Render(w, r, http.StatusTooManyRequests, "twofactor", p)
	case err != nil && f.Get("action") == "confirm":
		p.Errors = map[string]string{"code": p.T("twofactor.invalid_code")}
		p.FormError = p.T("error.form")
		s.Render(w, r, http.StatusUnprocessableEntity, "twofactor", p)
	case err != nil && f.Get("action") == "disable":
		p.FormError = p.T("twofactor.invalid_password_or_code")
		s.Render(w, r, http.StatusUnprocessableEntity, "twofactor", p)
	case err != nil:
		p.FormError = p.T("twofactor.invalid_password")
		s.Render(w, r, http.StatusUnprocessableEntity, "twofactor", p)
	default:
		p.Codes = codes
		s.Render(w, r, http.StatusOK, "twofactor", p)
	}
}

type twoFactorLoginPage struct {
	*Page
	Token string
	Next  string
}

// askSecondFactor answers a correct password of a user with two-factor
// sign-in on: no session yet, but the page that asks for the code, with
// the pending sign-in in a hidden field.
func (s *Server) askSecondFactor(w http.ResponseWriter, r *http.Request, u *model.User, next string) {
	token, err := s.twoFactor().StartSignIn(r.Context(), u)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.Render(w, r, http.StatusOK, "twofactor_login", &twoFactorLoginPage{Page: s.NewPage(r, "twofactor.login_title"), Token: token, Next: next})
}

// twoFactorLogin is the second step of signing in.
func (s *Server) twoFactorLogin(w http.ResponseWriter, r *http.Request) {
	f, err := s.ParseForm(w, r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &twoFactorLoginPage{Page: s.NewPage(r, "twofactor.login_title"), Token: f.Get("token"), Next: safeNext(f.Get("next"), "")}
	u, err := s.twoFactor().FinishSignIn(r.Context(), p.Token, f.Get("code"), ClientIP(r))
	switch {
	case errors.Is(err, model.ErrNotFound):
		// Expired, spent or never issued: start again from the password.
		Flash(w, "flash.2fa_login_expired")
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return
	case errors.Is(err, model.ErrRateLimited):
		p.FormError = p.T("login.rate_limited")
		s.Render(w, r, http.StatusTooManyRequests, "twofactor_login", p)
		return
	case errors.Is(err, account.ErrInvalidCode):
		p.FormError = p.T("twofactor.invalid_code")
		s.Render(w, r, http.StatusUnauthorized, "twofactor_login", p)
		return
	case err != nil:
		s.Error(w, r, err)
		return
	}
	if err := s.signIn(w, r, u); err != nil {
		s.Error(w, r, err)
		return
	}
	http.Redirect(w, r, safeNext(p.Next, homeFor(u)), http.StatusSeeOther)
}

// twoFactorRequired reports whether u is an agent that the setting
// requires to set up two-factor sign-in and has not.
func (s *Server) twoFactorRequired(r *http.Request, u *model.User) (bool, error) {
	if u == nil || !u.IsAgent() || u.TOTPEnabled {
		return false, nil
	}
	v, err := s.Store.Setting(r.Context(), account.SettingRequire2FAAgents)
	return v == "1", err
}

// RequireTwoFactor wraps the handler of a desk or admin page (access Agent
// or Admin): while the setting requires two-factor sign-in for agents, an
// agent without it is sent to /account/2fa instead. Other routes, the API
// included, are returned as they are. The router applies it to every
// route it registers.
func (s *Server) RequireTwoFactor(access Access, api bool, h http.HandlerFunc) http.HandlerFunc {
	if api || access < Agent {
		return h
	}
	return func(w http.ResponseWriter, r *http.Request) {
		required, err := s.twoFactorRequired(r, UserOf(r))
		if err != nil {
			s.Error(w, r, err)
			return
		}
		if required {
			Flash(w, "flash.2fa_required")
			http.Redirect(w, r, "/account/2fa", http.StatusSeeOther)
			return
		}
		h(w, r)
	}
}
