package account

import (
	"errors"
	"net/http"

	acc "supportal/internal/account"
	"supportal/internal/model"
	"supportal/internal/web"
)

// emailChange asks for a new address: it is stored as pending and a link
// to confirm it goes to the new address. The address in use does not
// change until the link is opened.
func (h *handler) emailChange(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	email := f.Trimmed("email")
	err = h.s.Accounts.RequestEmailChange(r.Context(), web.UserOf(r), email)
	switch {
	case errors.Is(err, model.ErrRateLimited):
		h.formNotice(w, r, http.StatusTooManyRequests, "account.email.rate_limited")
		return
	case err != nil:
		h.formFailed(w, r, err, func(p *accountPage) { p.NewEmail = email })
		return
	}
	done(w, r, "flash.account.email_sent", "email")
}

// confirmPage is the page an address-change link opens.
type confirmPage struct {
	*web.Page
	Token string // "" when the link cannot be used
	Email string
}

// linkError shows why a link cannot be used: unknown, used or expired
// (404), another account's (403), or the address taken meanwhile (409).
func (h *handler) linkError(w http.ResponseWriter, r *http.Request, p *confirmPage, err error) {
	p.Token = ""
	switch {
	case errors.Is(err, acc.ErrOtherAccount):
		p.FormError = p.T("account.confirm.other_account")
		h.s.Render(w, r, http.StatusForbidden, "account/email_confirm", p)
	case errors.Is(err, model.ErrNotFound):
		p.FormError = p.T("account.confirm.invalid_link")
		h.s.Render(w, r, http.StatusNotFound, "account/email_confirm", p)
	case errors.Is(err, model.ErrConflict):
		p.FormError = p.T("account.confirm.taken")
		h.s.Render(w, r, http.StatusConflict, "account/email_confirm", p)
	default:
		h.s.Error(w, r, err)
	}
}

// emailConfirmForm shows the new address and a button to confirm it; it
// changes nothing.
func (h *handler) emailConfirmForm(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("token")
	p := &confirmPage{Page: h.s.NewPage(r, "account.confirm.title"), Token: token}
	email, err := h.s.Accounts.EmailChangeFor(r.Context(), web.UserOf(r).ID, token)
	if err != nil {
		h.linkError(w, r, p, err)
		return
	}
	p.Email = email
	h.s.Render(w, r, http.StatusOK, "account/email_confirm", p)
}

// emailConfirm spends the link: the pending address becomes the user's
// address, verified.
func (h *handler) emailConfirm(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p := &confirmPage{Page: h.s.NewPage(r, "account.confirm.title")}
	if _, err := h.s.Accounts.ConfirmEmailChange(r.Context(), web.UserOf(r).ID, f.Get("token")); err != nil {
		h.linkError(w, r, p, err)
		return
	}
	done(w, r, "flash.account.email_changed", "email")
}
