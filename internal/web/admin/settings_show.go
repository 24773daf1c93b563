package admin

import (
	"fmt"
	"net/http"

	"supportal/internal/account"
	"supportal/internal/web"
)

// settingsPage shows the instance's account settings.
type settingsPage struct {
	*web.Page
	SelfRegistration bool // visitors may register in the portal
	Require2FAAgents bool // agents must sign in with a second factor
}

// settingsShow shows the account settings form.
func (h *handler) settingsShow(w http.ResponseWriter, r *http.Request) {
	p := &settingsPage{Page: h.s.NewPage(r, "admin.settings.title")}
	reg, err := h.s.Store.Setting(r.Context(), account.SettingSelfRegistration)
	if err != nil {
		h.s.Error(w, r, fmt.Errorf("admin: settings: %w", err))
		return
	}
	tfa, err := h.s.Store.Setting(r.Context(), account.SettingRequire2FAAgents)
	if err != nil {
		h.s.Error(w, r, fmt.Errorf("admin: settings: %w", err))
		return
	}
	p.SelfRegistration, p.Require2FAAgents = reg == registrationOpen, tfa == require2FA
	h.s.Render(w, r, http.StatusOK, "admin/settings", p)
}
