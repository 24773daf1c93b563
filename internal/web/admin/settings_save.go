package admin

import (
	"net/http"

	"supportal/internal/account"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/web"
)

// The stored values of the account settings; anything else means off.
const (
	registrationOpen   = "open"
	registrationClosed = "closed"
	require2FA         = "1"
)

// settingsSave stores the account settings. A value that is not one of
// the choices re-shows the form and changes nothing.
func (h *handler) settingsSave(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	reg, tfa := f.Get("self_registration"), f.Get("require_2fa_agents")
	bad := &model.ValidationError{}
	if reg != registrationOpen && reg != registrationClosed {
		bad.Add("self_registration", "error.option")
	}
	if tfa != require2FA && tfa != "" {
		bad.Add("require_2fa_agents", "error.option")
	}
	if bad.Err() != nil {
		p := &settingsPage{Page: h.s.NewPage(r, "admin.settings.title"), SelfRegistration: reg == registrationOpen, Require2FAAgents: tfa == require2FA}
		p.SetErrors(bad)
		h.s.Render(w, r, http.StatusUnprocessableEntity, "admin/settings", p)
		return
	}
	err = h.s.Store.InTx(r.Context(), func(q *store.Queries) error {
		if err := q.SetSetting(r.Context(), account.SettingSelfRegistration, reg); err != nil {
			return err
		}
		return q.SetSetting(r.Context(), account.SettingRequire2FAAgents, tfa)
	})
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.admin.settings_saved")
	http.Redirect(w, r, "/admin/settings", http.StatusSeeOther)
}
