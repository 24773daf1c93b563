package api

import (
	"net/http"

	"supportal/internal/model"
	"supportal/internal/org"
	"supportal/internal/web"
)

// updateOrgRequest is the body of PATCH /api/v1/orgs/{id}. Absent fields
// stay as they are; none of them may be null.
type updateOrgRequest struct {
	Name        optional[string]   `json:"name"`
	DefaultRole optional[string]   `json:"default_role"`
	Domains     optional[[]string] `json:"domains"` // the approved domains it is to have
}

// orgUpdate answers PATCH /api/v1/orgs/{id}. Agents change the name, the
// default role of newcomers and the domains; a portal admin may only
// claim domains for its organization, which then wait for support's
// approval as in the portal (anything else is 403). The rules are
// org.Service.Patch's.
func (h *handler) orgUpdate(w http.ResponseWriter, r *http.Request) {
	u := web.UserOf(r)
	id, ok := pathID(r)
	if !ok {
		h.s.NotFound(w, r)
		return
	}
	var req updateOrgRequest
	if err := decodeJSON(w, r, &req); err != nil {
		h.s.Error(w, r, err)
		return
	}
	v := &model.ValidationError{}
	p := org.OrgPatch{Name: req.Name.ptr(), DefaultRole: req.DefaultRole.ptr(), Domains: req.Domains.ptr()}
	if req.Name.Null {
		v.Add("name", "error.required")
	}
	if req.DefaultRole.Null {
		v.Add("default_role", "error.role")
	}
	if req.Domains.Null {
		v.Add("domains", "error.required")
	}
	if err := v.Err(); err != nil {
		h.s.Error(w, r, err)
		return
	}
	ctx := r.Context()
	if err := h.s.Orgs.Patch(ctx, u, id, p); err != nil {
		h.s.Error(w, r, err)
		return
	}
	o, err := h.s.Store.OrgItem(ctx, id)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, orgOf(o))
}
