package api

import (
	"net/http"
	"slices"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/org"
	"supportal/internal/web"
)

// createContactRequest is the body of POST /api/v1/orgs/{id}/contacts.
// Role and Rights are two ways to give the rights; without either the
// contact gets the organization's default role.
type createContactRequest struct {
	Name   string    `json:"name"`
	Email  string    `json:"email"`
	Role   string    `json:"role"`   // a preset
	Rights *[]string `json:"rights"` // the full set
}

// contactCreate answers POST /api/v1/orgs/{id}/contacts: it invites a
// contact into the organization as the desk and the portal do (the
// contact is created unverified and mailed a link where it sets its
// password) and answers 201 with the contact. An address that has an
// account already is a 422 on "email".
func (h *handler) contactCreate(w http.ResponseWriter, r *http.Request) {
	u := web.UserOf(r)
	id, ok := pathID(r)
	if !ok || !authz.ManageOrg(u, id) {
		h.s.NotFound(w, r)
		return
	}
	var req createContactRequest
	if err := decodeJSON(w, r, &req); err != nil {
		h.s.Error(w, r, err)
		return
	}
	ctx := r.Context()
	o, err := h.s.Store.Organization(ctx, id)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	role, rights, err := inviteRights(req, o.DefaultRole)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	if err := h.s.Accounts.Invite(ctx, u, id, req.Name, req.Email, role); err != nil {
		h.s.Error(w, r, err)
		return
	}
	c, err := h.s.Store.UserByEmail(ctx, req.Email)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	// An invitation grants a preset; a set of rights that is none is
	// given right after, the invitation having granted the least.
	if rights != nil {
		if c, err = h.s.Orgs.PatchContact(ctx, u, c.ID, org.ContactPatch{Rights: &rights}); err != nil {
			h.s.Error(w, r, err)
			return
		}
	}
	created(w, "", contactOf(c))
}

// inviteRights picks the preset to invite with and, for a set of rights
// that is no preset, the rights to give afterwards.
func inviteRights(req createContactRequest, defaultRole string) (string, model.Rights, error) {
	switch {
	case req.Role != "" && req.Rights != nil:
		return "", nil, model.Invalid("rights", "api.error.role_and_rights")
	case req.Role != "":
		return req.Role, nil, nil // Invite checks it with the other fields
	case req.Rights != nil:
		rights, err := parseRights(*req.Rights)
		if err != nil {
			return "", nil, err
		}
		if role := model.RoleFor(rights); role != model.RoleCustom {
			return role, nil, nil
		}
		return model.RoleMember, rights, nil
	}
	return defaultRole, nil, nil
}

// parseRights reads a list of rights' names; a name that is no right is
// a validation error on "rights", never silently dropped.
func parseRights(names []string) (model.Rights, error) {
	rights := model.Rights{}
	for _, n := range names {
		if !slices.Contains(model.AllRights, model.Right(n)) {
			return nil, model.Invalid("rights", "api.error.right")
		}
		rights = append(rights, model.Right(n))
	}
	return rights.Normal(), nil
}
