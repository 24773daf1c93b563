package admin

import (
	"net/http"
	"strconv"

	"supportal/internal/routing"
	"supportal/internal/web"
)

// routingHandler serves the pages where admins keep the routing rules.
type routingHandler struct {
	s       *web.Server
	routing *routing.Service
}

// registerRouting adds the routing rule pages.
func registerRouting(s *web.Server) {
	h := &routingHandler{s: s, routing: routing.New(s.Store)}
	r := s.Router()
	r.Page("GET /admin/routing", web.Admin, h.routingList)
	r.Page("POST /admin/routing", web.Admin, h.routingCreate)
	r.Page("GET /admin/routing/{id}", web.Admin, h.routingEdit)
	r.Page("POST /admin/routing/{id}", web.Admin, h.routingUpdate)
	r.Page("POST /admin/routing/{id}/delete", web.Admin, h.routingDelete)
	r.Page("POST /admin/routing/{id}/move", web.Admin, h.routingMove)
}

// routingPage is the list of rules with the form of a new rule, or the
// form of one stored rule.
type routingPage struct {
	*web.Page
	Rules []ruleRow
	Rule  *routing.Rule // the rule being edited; nil on the list
	Form  ruleForm
}

// Action is where the rule form posts to.
func (p *routingPage) Action() string {
	if p.Rule == nil {
		return "/admin/routing"
	}
	return "/admin/routing/" + strconv.FormatInt(p.Rule.ID, 10)
}

// page starts a routing page; titleKey is the catalogue key of its title.
func (h *routingHandler) page(r *http.Request, titleKey string, args ...any) *routingPage {
	return &routingPage{Page: h.s.NewPage(r, titleKey, args...)}
}
