package admin

import (
	"errors"
	"net/http"
	"strings"

	"supportal/internal/model"
	"supportal/internal/org"
	"supportal/internal/web"
)

// orgForm is what the admin typed into the new-organization form.
type orgForm struct {
	Name    string
	Domains string // comma-separated
}

// orgCreate adds an organization with its email domains.
func (h *handler) orgCreate(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	form := orgForm{Name: f.Trimmed("name"), Domains: f.Trimmed("domains")}
	_, err = h.s.Orgs.Create(r.Context(), org.NewOrganization{Name: form.Name, Domains: strings.Split(form.Domains, ",")})
	var bad *model.ValidationError
	switch {
	case errors.As(err, &bad):
		p, err := h.overview(r)
		if err != nil {
			h.s.Error(w, r, err)
			return
		}
		h.orgFailed(w, r, p, form, bad)
		return
	case err != nil:
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.admin.org_created")
	http.Redirect(w, r, "/admin", http.StatusSeeOther)
}

// orgFailed shows the overview again with the organization form's errors
// and what the admin typed; nothing was created.
func (h *handler) orgFailed(w http.ResponseWriter, r *http.Request, p *overviewPage, form orgForm, v *model.ValidationError) {
	p.Org = form
	p.SetErrors(v)
	p.OrgErrors, p.Errors = p.Errors, nil
	h.render(w, r, http.StatusUnprocessableEntity, p)
}
