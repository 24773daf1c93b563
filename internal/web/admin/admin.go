// Package admin is the administrators' surface: an overview of the
// instance (database, address, teams, agents, organizations, statuses)
// and the forms that add agents and organizations. Only admins reach it;
// everyone else gets 404.
package admin

import (
	"supportal/internal/web"
)

// handler holds what the admin pages share.
type handler struct {
	s *web.Server
}

// Register adds the admin pages.
func Register(s *web.Server) {
	h := &handler{s: s}
	r := s.Router()
	r.Page("GET /admin", web.Admin, h.overviewShow)
	r.Page("POST /admin/agents", web.Admin, h.agentCreate)
	r.Page("POST /admin/orgs", web.Admin, h.orgCreate)
	r.Page("GET /admin/settings", web.Admin, h.settingsShow)
	r.Page("POST /admin/settings", web.Admin, h.settingsSave)
	registerRouting(s)
	registerSLA(h)
	registerSMS(h)
	registerTicketModel(h)
	registerReferences(h)
	registerDocumentKinds(h)
}
