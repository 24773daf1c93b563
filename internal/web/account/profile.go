package account

import (
	"net/http"

	acc "supportal/internal/account"
	"supportal/internal/web"
)

// profileUpdate stores the user's first and last name, job title, phone
// and language; the name shown is made of the two names.
// The next page is already in the chosen language.
func (h *handler) profileUpdate(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	lang := f.Trimmed("language")
	if lang == "browser" {
		lang = ""
	}
	p := acc.Profile{FirstName: f.Trimmed("first_name"), LastName: f.Trimmed("last_name"), JobTitle: f.Trimmed("job_title"),
		Phone: f.Trimmed("phone"), Language: lang}
	if err := h.s.Accounts.UpdateProfile(r.Context(), web.UserOf(r).ID, p); err != nil {
		h.formFailed(w, r, err, func(ap *accountPage) {
			ap.FirstName, ap.LastName, ap.JobTitle, ap.Phone, ap.Language = p.FirstName, p.LastName, p.JobTitle, p.Phone, p.Language
		})
		return
	}
	done(w, r, "flash.account.profile_saved", "profile")
}
