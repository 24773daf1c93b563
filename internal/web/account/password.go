package account

import (
	"errors"
	"net/http"

	"supportal/internal/model"
	"supportal/internal/web"
)

// passwordChange sets a new password after checking the old one. Every
// other session of the user ends; this one stays. Personal access tokens
// stay valid (they are listed on the same page, to be revoked one by one).
func (h *handler) passwordChange(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	err = h.s.Accounts.ChangePassword(r.Context(), web.UserOf(r).ID, f.Get("old_password"), f.Get("new_password"),
		f.Get("new_password2"), sessionSecret(r), web.ClientIP(r))
	switch {
	case errors.Is(err, model.ErrRateLimited):
		h.formNotice(w, r, http.StatusTooManyRequests, "login.rate_limited")
		return
	case err != nil:
		h.formFailed(w, r, err, nil)
		return
	}
	done(w, r, "flash.account.password_changed", "password")
}
