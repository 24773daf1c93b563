package api

import (
	"net/http"

	"supportal/internal/authz"
	"supportal/internal/web"
)

// contactList answers GET /api/v1/orgs/{id}/contacts: a page of the
// organization's contacts by name, active or not, with their rights.
// Agents list those of every organization, a portal admin those of its
// own; for anyone else the organization does not exist.
func (h *handler) contactList(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok || !authz.ManageOrg(web.UserOf(r), id) {
		h.s.NotFound(w, r)
		return
	}
	f, err := nameFilter(r.URL.Query())
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	ctx := r.Context()
	if _, err := h.s.Store.Organization(ctx, id); err != nil {
		h.s.Error(w, r, err)
		return
	}
	page, err := h.s.Store.OrgContactList(ctx, id, f)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	out := listJSON[contactJSON]{Items: []contactJSON{}}
	for _, c := range page.Contacts {
		out.Items = append(out.Items, contactOf(c))
	}
	if page.Next != "" {
		out.NextCursor = &page.Next
	}
	web.WriteJSON(w, http.StatusOK, out)
}
