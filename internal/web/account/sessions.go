package account

import (
	"net/http"

	acc "supportal/internal/account"
	"supportal/internal/web"
)

// sessionEnd signs out one of the user's sessions. Ending the session in
// use signs this browser out.
func (h *handler) sessionEnd(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	current := sessionSecret(r)
	if err := h.s.Accounts.EndUserSession(r.Context(), web.UserOf(r).ID, id); err != nil {
		h.s.Error(w, r, err)
		return
	}
	if current != "" && acc.Hash(current) == id {
		http.SetCookie(w, &http.Cookie{Name: web.SessionCookie, Path: "/", MaxAge: -1, HttpOnly: true,
			SameSite: http.SameSiteLaxMode, Secure: h.s.Config.SecureCookies()})
		web.Flash(w, "flash.signed_out")
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return
	}
	done(w, r, "flash.account.session_ended", "sessions")
}

// sessionsEndOthers signs out every session of the user but this one.
func (h *handler) sessionsEndOthers(w http.ResponseWriter, r *http.Request) {
	if err := h.s.Accounts.EndOtherSessions(r.Context(), web.UserOf(r).ID, sessionSecret(r)); err != nil {
		h.s.Error(w, r, err)
		return
	}
	done(w, r, "flash.account.sessions_ended", "sessions")
}
