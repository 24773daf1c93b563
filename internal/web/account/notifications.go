package account

import (
	"net/http"
	"slices"

	"supportal/internal/model"
	"supportal/internal/web"
)

// notifyChoice is one checkbox of the notifications form: checked means
// the mail is sent.
type notifyChoice struct {
	Name    string
	Label   string
	Hint    string
	Checked bool
}

// notifyChoices lists the notifications u may turn off, checked where on
// says the mail is sent.
func notifyChoices(p *web.Page, u *model.User, on func(model.Notification) bool) []notifyChoice {
	var out []notifyChoice
	for _, n := range model.NotificationsFor(u) {
		out = append(out, notifyChoice{Name: string(n), Label: p.T("account.notify." + string(n)),
			Hint: p.T("account.notify." + string(n) + "_hint"), Checked: on(n)})
	}
	return out
}

// notificationsUpdate stores which notifications the user wants: the
// checked boxes are sent, the others not.
func (h *handler) notificationsUpdate(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	on := f.Values["notify"]
	if err := h.s.Accounts.SetNotifications(r.Context(), web.UserOf(r).ID, on); err != nil {
		h.formFailed(w, r, err, func(p *accountPage) {
			for i := range p.Notifications {
				p.Notifications[i].Checked = slices.Contains(on, p.Notifications[i].Name)
			}
		})
		return
	}
	done(w, r, "flash.account.notifications_saved", "notifications")
}
