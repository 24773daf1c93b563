// Package account is the account page every signed-in user has, contacts
// and agents alike: the profile (first and last name, job title, phone,
// language), the notifications a user may turn off, the password, a
// change of address confirmed by a mailed link, the list of signed-in
// sessions with sign-out of each, and personal access tokens for the API. Every action works on the signed-in user only; an id of
// another user's session or token answers 404 like one that does not
// exist.
package account

import (
	"errors"
	"net/http"

	acc "supportal/internal/account"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/web"
)

// handler holds what the account handlers share.
type handler struct {
	s *web.Server
}

// Register adds the account pages. Every signed-in user reaches them;
// visitors who are not signed in go to /login.
func Register(s *web.Server) {
	h := &handler{s: s}
	r := s.Router()
	r.Page("GET /account", web.SignedIn, h.show)
	r.Page("POST /account/profile", web.SignedIn, h.profileUpdate)
	r.Page("POST /account/notifications", web.SignedIn, h.notificationsUpdate)
	r.Page("POST /account/password", web.SignedIn, h.passwordChange)
	r.Page("POST /account/email", web.SignedIn, h.emailChange)
	r.Page("GET /account/email/confirm", web.SignedIn, h.emailConfirmForm)
	r.Page("POST /account/email/confirm", web.SignedIn, h.emailConfirm)
	r.Page("POST /account/sessions/{id}/end", web.SignedIn, h.sessionEnd)
	r.Page("POST /account/sessions/end-others", web.SignedIn, h.sessionsEndOthers)
	r.Page("POST /account/tokens", web.SignedIn, h.tokenCreate)
	r.Page("POST /account/tokens/{id}/revoke", web.SignedIn, h.tokenRevoke)
}

// accountPage is the data of the account page. The form fields hold what
// was submitted when a form comes back with errors.
type accountPage struct {
	*web.Page
	FirstName, LastName, JobTitle, Phone, Language string
	Notifications                                  []notifyChoice // empty: the user has none to choose
	Email, PendingEmail                            string
	NewEmail                                       string
	Sessions                                       []acc.SessionInfo
	Tokens                                         []store.APIToken
	TokenName                                      string
	NewToken                                       string // shown once, right after it is made
	NewTokenName                                   string
}

// LanguageSelect is the language field: the browser's language, English
// or German.
func (p *accountPage) LanguageSelect() web.Select {
	sel := web.Select{Name: "language", Label: p.T("account.profile.language"), Error: p.Errors["language"]}
	for _, c := range []struct{ value, key string }{{"browser", "account.language.browser"}, {"en", "account.language.en"}, {"de", "account.language.de"}} {
		cur := p.Language
		if cur == "" {
			cur = "browser"
		}
		sel.Choices = append(sel.Choices, web.Choice{Value: c.value, Label: p.T(c.key), Selected: cur == c.value})
	}
	return sel
}

// newPage loads the account page of the signed-in user with its current
// values.
func (h *handler) newPage(r *http.Request) (*accountPage, error) {
	u := web.UserOf(r)
	fresh, err := h.s.Store.User(r.Context(), u.ID)
	if err != nil {
		return nil, err
	}
	sessions, err := h.s.Accounts.Sessions(r.Context(), u.ID, sessionSecret(r))
	if err != nil {
		return nil, err
	}
	tokens, err := h.s.Accounts.Tokens(r.Context(), u.ID)
	if err != nil {
		return nil, err
	}
	prof := acc.ProfileOf(fresh)
	p := &accountPage{Page: h.s.NewPage(r, "account.title"), FirstName: prof.FirstName, LastName: prof.LastName,
		JobTitle: prof.JobTitle, Phone: prof.Phone, Language: prof.Language, Email: fresh.Email, PendingEmail: fresh.PendingEmail,
		Sessions: sessions, Tokens: tokens}
	p.Notifications = notifyChoices(p.Page, fresh, func(n model.Notification) bool { return !fresh.NotifyOff.Has(n) })
	return p, nil
}

// sessionSecret is the secret of the request's session cookie, or "".
func sessionSecret(r *http.Request) string {
	if c, err := r.Cookie(web.SessionCookie); err == nil {
		return c.Value
	}
	return ""
}

// show shows the account page.
func (h *handler) show(w http.ResponseWriter, r *http.Request) {
	p, err := h.newPage(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	h.s.Render(w, r, http.StatusOK, "account/account", p)
}

// done redirects to the account page with a notice, after a form was
// handled (POST/redirect/GET).
func done(w http.ResponseWriter, r *http.Request, flash, anchor string) {
	web.Flash(w, flash)
	http.Redirect(w, r, "/account#"+anchor, http.StatusSeeOther)
}

// formFailed shows the account page again with the errors of a refused
// form, keeping what was typed (fill copies it into the page). Errors
// that are not a validation error go to the error page.
func (h *handler) formFailed(w http.ResponseWriter, r *http.Request, err error, fill func(*accountPage)) {
	var verr *model.ValidationError
	if !errors.As(err, &verr) {
		h.s.Error(w, r, err)
		return
	}
	p, perr := h.newPage(r)
	if perr != nil {
		h.s.Error(w, r, perr)
		return
	}
	if fill != nil {
		fill(p)
	}
	p.SetErrors(verr)
	h.s.Render(w, r, http.StatusUnprocessableEntity, "account/account", p)
}

// formNotice shows the account page again with a message for the whole
// form and status.
func (h *handler) formNotice(w http.ResponseWriter, r *http.Request, status int, key string) {
	p, err := h.newPage(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p.FormError = p.T(key)
	h.s.Render(w, r, status, "account/account", p)
}
