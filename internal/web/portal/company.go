package portal

import (
	"errors"
	"net/http"
	"strings"

	"supportal/internal/model"
	"supportal/internal/web"
)

// A contact whose address matched no organization can register its
// company itself: it becomes the organization's portal admin, and the
// domain of its address waits for support's approval. A contact that
// belongs to an organization does not see the page (404).

// registerCompany adds the page that registers a company.
func registerCompany(h *handler) {
	r := h.s.Router()
	r.Page("GET /portal/company", web.Contact, h.companyForm)
	r.Page("POST /portal/company", web.Contact, h.companyCreate)
}

// companyPage is the data of the company form.
type companyPage struct {
	*web.Page
	Name   string
	Domain string // the domain of the contact's address, claimed with the company
}

// withoutOrg is the signed-in contact when it belongs to no
// organization, else nil.
func withoutOrg(r *http.Request) *model.User {
	u := web.UserOf(r)
	if u == nil || !u.IsContact() || u.OrgID != 0 {
		return nil
	}
	return u
}

// companyForm shows the form.
func (h *handler) companyForm(w http.ResponseWriter, r *http.Request) {
	u := withoutOrg(r)
	if u == nil {
		h.s.NotFound(w, r)
		return
	}
	h.s.Render(w, r, http.StatusOK, "portal/company", h.newCompanyPage(r, u, ""))
}

func (h *handler) newCompanyPage(r *http.Request, u *model.User, name string) *companyPage {
	p := &companyPage{Page: h.s.NewPage(r, "company.title"), Name: name}
	if i := strings.LastIndexByte(u.Email, '@'); i >= 0 {
		p.Domain = u.Email[i+1:]
	}
	return p
}

// companyCreate registers the company and opens its organization page.
func (h *handler) companyCreate(w http.ResponseWriter, r *http.Request) {
	u := withoutOrg(r)
	if u == nil {
		h.s.NotFound(w, r)
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	name := f.Trimmed("name")
	founded, err := h.s.Orgs.Found(r.Context(), u, name)
	var v *model.ValidationError
	if errors.As(err, &v) {
		p := h.newCompanyPage(r, u, name)
		p.SetErrors(v)
		h.s.Render(w, r, http.StatusUnprocessableEntity, "portal/company", p)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	if founded.Domain != "" {
		web.Flash(w, "flash.company.founded_claimed")
	} else {
		web.Flash(w, "flash.company.founded")
	}
	http.Redirect(w, r, "/portal/org", http.StatusSeeOther)
}
