// Package portal is the customers' surface: the list of the tickets a
// contact may see, the form that opens a ticket, and one ticket with the
// correspondence the contact may read (the HTML of a mail in a sandboxed
// frame of its own), the reply form and the reopen and close buttons.
// Every read and write goes through the ticket service, which asks authz;
// a ticket the contact may not see answers 404 like a missing one.
package portal

import (
	"supportal/internal/web"
	"supportal/internal/web/mailview"
)

// handler holds what the portal's handlers share.
type handler struct {
	s *web.Server
}

// Register adds the pages of the portal. Every page is for contacts only:
// agents get 404, visitors who are not signed in go to the sign-in page.
func Register(s *web.Server) {
	h := &handler{s: s}
	r := s.Router()
	r.Page("GET /portal", web.Public, h.home)
	r.Page("GET /portal/{$}", web.Contact, h.home)

	r.Page("POST /portal/link", web.Public, s.PortalLinkSignIn)

	r.Page("GET /portal/tickets", web.Contact, h.ticketList)
	r.Page("GET /portal/tickets/new", web.Contact, h.ticketNew)
	r.Page("POST /portal/tickets", web.Contact, h.ticketCreate)

	r.Page("GET /portal/tickets/{number}", web.Contact, h.ticketView)
	r.Page("GET /portal/tickets/{number}/messages/{id}/body", web.Contact, mailview.Body(s, "/portal/attachments/"))
	r.Page("POST /portal/tickets/{number}/messages", web.Contact, h.messageCreate)
	r.Page("POST /portal/tickets/{number}/reopen", web.Contact, h.ticketReopen)
	r.Page("POST /portal/tickets/{number}/close", web.Contact, h.ticketClose)

	r.Page("GET /portal/attachments/{id}", web.Contact, s.AttachmentHandler)
	registerOrg(s, h)
	registerContracts(s)
	registerRecords(s)
	registerCompany(h)
}
