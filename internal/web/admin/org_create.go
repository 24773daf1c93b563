package admin

import (
	"errors"
	"net/http"
	"slices"
	"strings"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/web"
)

// maxOrgName is the longest organization name accepted.
const maxOrgName = 200

// orgForm is what the admin typed into the new-organization form.
type orgForm struct {
	Name    string
	Domains string // comma-separated
}

// orgCreate adds an organization with its email domains.
func (h *handler) orgCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p, err := h.overview(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	form := orgForm{Name: f.Trimmed("name"), Domains: f.Trimmed("domains")}
	domains, bad := form.validate(p.Orgs)
	if bad.Err() != nil {
		h.orgFailed(w, r, p, form, bad)
		return
	}
	// One transaction: a domain that is taken leaves no organization behind.
	err = h.s.Store.InTx(ctx, func(q *store.Queries) error {
		_, err := q.CreateOrganization(ctx, store.NewOrganization{Name: form.Name, Domains: domains})
		return err
	})
	switch {
	case errors.Is(err, model.ErrConflict): // taken since the check above
		h.orgFailed(w, r, p, form, model.Invalid("name", "admin.error.org_taken"))
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

// validate checks the name and the domains against each other and the
// organizations there are, and returns the domains in stored form.
func (f orgForm) validate(orgs []*store.OrgSummary) ([]string, *model.ValidationError) {
	bad := &model.ValidationError{}
	switch {
	case f.Name == "":
		bad.Add("name", "error.required")
	case len(f.Name) > maxOrgName:
		bad.Add("name", "error.too_long")
	case slices.ContainsFunc(orgs, func(o *store.OrgSummary) bool { return strings.EqualFold(o.Name, f.Name) }):
		bad.Add("name", "admin.error.org_name_taken")
	}
	var domains []string
	for d := range strings.SplitSeq(f.Domains, ",") {
		d = strings.ToLower(strings.TrimSpace(d))
		switch {
		case d == "" || slices.Contains(domains, d):
			continue
		case !validDomain(d):
			bad.Add("domains", "admin.error.domain")
		case slices.ContainsFunc(orgs, func(o *store.OrgSummary) bool { return slices.Contains(o.Domains, d) }):
			bad.Add("domains", "admin.error.domain_taken")
		}
		domains = append(domains, d)
	}
	return domains, bad
}

// validDomain reports whether d looks like an email domain: dot-separated
// labels of letters, digits and inner hyphens, at least two of them, and
// a top-level label that is not a number. Internationalised names are
// entered in their xn-- form.
func validDomain(d string) bool {
	labels := strings.Split(d, ".")
	if len(d) > 253 || len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		if strings.IndexFunc(l, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') }) >= 0 {
			return false
		}
	}
	tld := labels[len(labels)-1]
	return strings.IndexFunc(tld, func(r rune) bool { return r < '0' || r > '9' }) >= 0
}
