package api

import (
	"net/http"

	"supportal/internal/model"
	"supportal/internal/org"
	"supportal/internal/web"
)

// updateContactRequest is the body of PATCH /api/v1/contacts/{id}.
// Absent fields stay as they are; null empties job_title, phone and
// language and is refused for the rest. Role (a preset) and rights (the
// full set) are two ways to give the rights; a request sends one.
type updateContactRequest struct {
	Name     optional[string]   `json:"name"`
	JobTitle optional[string]   `json:"job_title"`
	Phone    optional[string]   `json:"phone"`
	Language optional[string]   `json:"language"` // "" follows the browser
	Role     optional[string]   `json:"role"`
	Rights   optional[[]string] `json:"rights"`
	Active   optional[bool]     `json:"active"`
}

// contactUpdate answers PATCH /api/v1/contacts/{id}. Agents change any
// contact, a portal admin those of its organization (others do not
// exist for it); the rules are org.Service.PatchContact's. New rights
// apply on the contact's next request.
func (h *handler) contactUpdate(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		h.s.NotFound(w, r)
		return
	}
	var req updateContactRequest
	if err := decodeJSON(w, r, &req); err != nil {
		h.s.Error(w, r, err)
		return
	}
	p, err := contactPatch(req)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	c, err := h.s.Orgs.PatchContact(r.Context(), web.UserOf(r), id, p)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, contactOf(c))
}

// contactPatch maps the request to the service's patch, refusing what
// has no meaning: null where a value is needed, both role and rights,
// and names that are no right.
func contactPatch(req updateContactRequest) (org.ContactPatch, error) {
	p := org.ContactPatch{
		Name: req.Name.ptr(), JobTitle: req.JobTitle.ptr(), Phone: req.Phone.ptr(), Language: req.Language.ptr(),
		Role: req.Role.ptr(), Active: req.Active.ptr(),
	}
	v := &model.ValidationError{}
	if req.Name.Null {
		v.Add("name", "error.required")
	}
	if req.Role.Null {
		v.Add("role", "error.role")
	}
	if req.Active.Null {
		v.Add("active", "error.required")
	}
	switch {
	case req.Rights.Null:
		v.Add("rights", "error.required")
	case req.Rights.Set && req.Role.Set:
		v.Add("rights", "api.error.role_and_rights")
	case req.Rights.Set:
		rights, err := parseRights(req.Rights.Value)
		if err != nil {
			return p, err
		}
		p.Rights = &rights
	}
	return p, v.Err()
}
