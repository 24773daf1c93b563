package portal

import (
	"errors"
	"net/http"
	"strings"

	"supportal/internal/model"
	"supportal/internal/org"
	"supportal/internal/web"
)

// orgClaimDomain claims an email domain for the organization. The claim
// waits for support's approval: until then addresses of the domain do not
// join the organization, so a portal admin cannot pull in strangers'
// accounts by naming their domain.
func (h *handler) orgClaimDomain(w http.ResponseWriter, r *http.Request) {
	orgID := orgOf(r)
	if orgID == 0 {
		h.s.NotFound(w, r)
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	domain := strings.ToLower(f.Trimmed("domain"))
	fail := func(key string) {
		h.renderOrgError(w, r, orgID, func(p *orgPageData) {
			p.Domain = domain
			p.Errors = map[string]string{"domain": p.T(key)}
			p.FormError = p.T("error.form")
		})
	}
	if !org.ValidDomain(domain) {
		fail("org.domain.invalid")
		return
	}
	err = h.s.Store.ClaimOrgDomain(r.Context(), orgID, domain, web.UserOf(r).ID)
	if errors.Is(err, model.ErrConflict) {
		fail(h.takenKey(r, orgID, domain))
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.org.domain_claimed")
	http.Redirect(w, r, "/portal/org", http.StatusSeeOther)
}

// takenKey explains a domain that cannot be claimed: the organization has
// it already, or another one does.
func (h *handler) takenKey(r *http.Request, orgID int64, domain string) string {
	own, err := h.s.Store.OrgDomains(r.Context(), orgID)
	if err == nil {
		for _, d := range own {
			if d.Domain == domain {
				return "org.domain.yours"
			}
		}
	}
	return "org.domain.taken"
}
