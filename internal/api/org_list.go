package api

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/web"
)

// maxPrefix is the longest name prefix a list filters by.
const maxPrefix = 200

// orgList answers GET /api/v1/orgs: a page of organizations by name.
// Agents get every organization; a portal admin a list with only its own;
// any other contact an empty list, since it manages none.
func (h *handler) orgList(w http.ResponseWriter, r *http.Request) {
	u := web.UserOf(r)
	f, err := nameFilter(r.URL.Query())
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	out := listJSON[orgJSON]{Items: []orgJSON{}}
	of := store.OrgFilter{NameFilter: f}
	if !u.IsAgent() {
		if !authz.ManageOrg(u, u.OrgID) {
			web.WriteJSON(w, http.StatusOK, out)
			return
		}
		of.ID = u.OrgID
	}
	page, err := h.s.Store.OrgList(r.Context(), of)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	for _, o := range page.Orgs {
		out.Items = append(out.Items, orgOf(o))
	}
	if page.Next != "" {
		out.NextCursor = &page.Next
	}
	web.WriteJSON(w, http.StatusOK, out)
}

// nameFilter reads the query of a list kept by name: q (a prefix of the
// name), cursor and limit.
func nameFilter(q url.Values) (store.NameFilter, error) {
	v := &model.ValidationError{}
	f := store.NameFilter{Prefix: strings.TrimSpace(q.Get("q")), Cursor: q.Get("cursor"), Limit: defaultLimit}
	if utf8.RuneCountInString(f.Prefix) > maxPrefix {
		v.Add("q", "error.too_long")
	}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxLimit {
			v.Add("limit", "api.error.limit")
		}
		f.Limit = n
	}
	return f, v.Err()
}
