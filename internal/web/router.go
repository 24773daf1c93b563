package web

import (
	"net/http"
	"net/url"
	"strings"

	"supportal/internal/model"
)

// Access is who may reach a route at all. Finer decisions (which ticket)
// are authz's, inside the handler.
type Access int

// Access levels.
const (
	Public   Access = iota // anyone, signed in or not
	SignedIn               // any signed-in user
	Contact                // contacts only
	Agent                  // agents and admins
	Admin                  // admins only
)

func (a Access) String() string {
	return [...]string{"public", "signed-in", "contact", "agent", "admin"}[a]
}

// allows reports whether u passes the access level.
func (a Access) allows(u *model.User) bool {
	switch a {
	case Public:
		return true
	case SignedIn:
		return u != nil
	case Contact:
		return u.IsContact()
	case Agent:
		return u.IsAgent()
	case Admin:
		return u.IsAdmin()
	}
	return false
}

// Route is one registered route.
type Route struct {
	Method  string
	Path    string
	Access  Access
	API     bool
	Pattern string // as given to the mux: "GET /portal/tickets"
}

// Router registers routes on a ServeMux and remembers them, so that the
// authorization table test can walk every route there is.
type Router struct {
	s      *Server
	mux    *http.ServeMux
	routes []Route
}

func newRouter(s *Server) *Router {
	return &Router{s: s, mux: http.NewServeMux()}
}

// Page registers an HTML page. A visitor who is not signed in is sent to
// the sign-in page; a signed-in user the access level excludes gets 404,
// as for a page that does not exist.
func (r *Router) Page(pattern string, access Access, h http.HandlerFunc) {
	r.handle(pattern, access, false, h)
}

// API registers an API endpoint. Without credentials it answers 401; a
// caller the access level excludes gets 404.
func (r *Router) API(pattern string, access Access, h http.HandlerFunc) {
	r.handle(pattern, access, true, h)
}

func (r *Router) handle(pattern string, access Access, api bool, h http.HandlerFunc) {
	method, path, ok := strings.Cut(pattern, " ")
	if !ok {
		panic("web: route without method: " + pattern)
	}
	r.routes = append(r.routes, Route{Method: method, Path: path, Access: access, API: api, Pattern: pattern})
	h = r.s.RequireTwoFactor(access, api, h)
	r.mux.Handle(pattern, http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if p, ok := req.Context().Value(routeKey).(*string); ok {
			*p = pattern
		}
		u := UserOf(req)
		switch {
		case access.allows(u):
			h(w, req)
		case u == nil && api:
			r.s.Error(w, req, errUnauthorized)
		case u == nil:
			http.Redirect(w, req, "/login?next="+url.QueryEscape(req.URL.RequestURI()), http.StatusSeeOther)
		default:
			r.s.Error(w, req, model.ErrNotFound)
		}
	}))
}

// Routes returns every registered route.
func (r *Router) Routes() []Route { return append([]Route(nil), r.routes...) }
