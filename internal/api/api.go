// Package api is the JSON API under /api/v1 (DESIGN §6): the caller, its
// tickets, their messages, uploads and downloads, organizations and their
// contacts, and the OpenAPI document that describes them. Handlers
// decode and check the shape of a request, call the ticket or
// organization service (which asks authz), and answer with JSON; every
// error goes through web.Server.Error, which picks the status and
// translates the message into the caller's language.
package api

import (
	"net/http"

	"supportal/internal/web"
)

// handler holds what the endpoints need; one method per endpoint, each in
// its own file.
type handler struct {
	s *web.Server
}

// Register adds every endpoint of the API to the server's router.
func Register(s *web.Server) {
	h := &handler{s: s}
	r := s.Router()

	r.API("GET /api/v1/openapi.json", web.Public, h.openAPI)
	r.API("GET /api/v1/me", web.SignedIn, h.me)

	r.API("GET /api/v1/tickets", web.SignedIn, h.ticketList)
	r.API("POST /api/v1/tickets", web.SignedIn, h.ticketCreate)
	r.API("GET /api/v1/tickets/{number}", web.SignedIn, h.ticketGet)
	r.API("PATCH /api/v1/tickets/{number}", web.SignedIn, h.ticketUpdate)
	r.API("GET /api/v1/ticket-model", web.SignedIn, h.ticketModel)

	r.API("GET /api/v1/tickets/{number}/messages", web.SignedIn, h.messageList)
	r.API("POST /api/v1/tickets/{number}/messages", web.SignedIn, h.messageCreate)

	r.API("GET /api/v1/orgs", web.SignedIn, h.orgList)
	r.API("POST /api/v1/orgs", web.SignedIn, h.orgCreate)
	r.API("GET /api/v1/orgs/{id}", web.SignedIn, h.orgGet)
	r.API("PATCH /api/v1/orgs/{id}", web.SignedIn, h.orgUpdate)
	r.API("GET /api/v1/orgs/{id}/contacts", web.SignedIn, h.contactList)
	r.API("POST /api/v1/orgs/{id}/contacts", web.SignedIn, h.contactCreate)
	r.API("PATCH /api/v1/contacts/{id}", web.SignedIn, h.contactUpdate)
	r.API("POST /api/v1/portal-links", web.SignedIn, h.portalLinkCreate)

	r.API("POST /api/v1/uploads", web.SignedIn, h.upload)
	r.API("GET /api/v1/attachments/{id}", web.SignedIn, s.AttachmentHandler)
}

// created answers 201 with v and the address of the new resource.
func created(w http.ResponseWriter, location string, v any) {
	if location != "" {
		w.Header().Set("Location", location)
	}
	web.WriteJSON(w, http.StatusCreated, v)
}
