package account

import (
	"net/http"
	"strconv"

	acc "supportal/internal/account"
	"supportal/internal/model"
	"supportal/internal/web"
)

// tokenCreate makes a personal access token and shows it this once; only
// its hash is kept. The page is answered directly, not redirected to, so
// the secret never travels in a URL or a cookie.
func (h *handler) tokenCreate(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	name := f.Trimmed("token_name")
	if err := acc.ValidateTokenName(name); err != nil {
		h.formFailed(w, r, err, func(p *accountPage) { p.TokenName = name })
		return
	}
	secret, err := h.s.Accounts.CreateToken(r.Context(), web.UserOf(r).ID, name)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p, err := h.newPage(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p.NewToken, p.NewTokenName = secret, name
	p.Flash = p.T("flash.account.token_created")
	h.s.Render(w, r, http.StatusOK, "account/account", p)
}

// tokenRevoke revokes one of the user's tokens; at once, API calls with
// it fail.
func (h *handler) tokenRevoke(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.s.Error(w, r, model.ErrNotFound)
		return
	}
	if err := h.s.Accounts.RevokeToken(r.Context(), web.UserOf(r).ID, id); err != nil {
		h.s.Error(w, r, err)
		return
	}
	done(w, r, "flash.account.token_revoked", "tokens")
}
