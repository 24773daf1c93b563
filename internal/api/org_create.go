package api

import (
	"net/http"
	"slices"

	"supportal/internal/model"
	"supportal/internal/org"
	"supportal/internal/web"
)

// createOrgRequest is the body of POST /api/v1/orgs.
type createOrgRequest struct {
	Name        string   `json:"name"`
	Domains     []string `json:"domains"`      // approved at once, since support enters them
	DefaultRole string   `json:"default_role"` // "" is member
}

// orgCreate answers POST /api/v1/orgs: support creates an organization
// with its domains, as on the desk, and gets it back with 201. Contacts
// see the list (their own organization at most) but may not add to it:
// 403.
func (h *handler) orgCreate(w http.ResponseWriter, r *http.Request) {
	u := web.UserOf(r)
	if !u.IsAgent() {
		h.s.Error(w, r, model.ErrForbidden)
		return
	}
	var req createOrgRequest
	if err := decodeJSON(w, r, &req); err != nil {
		h.s.Error(w, r, err)
		return
	}
	if req.DefaultRole != "" && !slices.Contains(model.ContactRoles, req.DefaultRole) {
		h.s.Error(w, r, model.Invalid("default_role", "error.role"))
		return
	}
	ctx := r.Context()
	id, err := h.s.Orgs.Create(ctx, org.NewOrganization{Name: req.Name, Domains: req.Domains})
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	// Create gives every organization the member preset; another one is
	// set right after. The role was checked above, so this fails only if
	// the database does.
	if req.DefaultRole != "" && req.DefaultRole != model.RoleMember {
		if err := h.s.Orgs.Patch(ctx, u, id, org.OrgPatch{DefaultRole: &req.DefaultRole}); err != nil {
			h.s.Error(w, r, err)
			return
		}
	}
	o, err := h.s.Store.OrgItem(ctx, id)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	created(w, orgPath(id), orgOf(o))
}
