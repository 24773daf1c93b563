package api

import (
	"net/http"
	"strconv"

	"supportal/internal/authz"
	"supportal/internal/web"
)

// orgGet answers GET /api/v1/orgs/{id}: agents see every organization, a
// portal admin its own; for anyone else it does not exist.
func (h *handler) orgGet(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok || !authz.ManageOrg(web.UserOf(r), id) {
		h.s.NotFound(w, r)
		return
	}
	o, err := h.s.Store.OrgItem(r.Context(), id)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, orgOf(o))
}

// pathID reads the {id} of the path: decimal digits without sign or
// leading zero, so that one object has exactly one address. Anything
// else names no object (ok false), which answers 404.
func pathID(r *http.Request) (int64, bool) {
	s := r.PathValue("id")
	if s == "" || len(s) > 18 || s[0] == '0' {
		return 0, false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil
}

// orgPath is the address of an organization in the API.
func orgPath(id int64) string { return "/api/v1/orgs/" + strconv.FormatInt(id, 10) }
