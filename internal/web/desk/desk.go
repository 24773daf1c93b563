// Package desk is the agents' surface: the ticket queues and list, one
// ticket with its whole correspondence (received mail shown safely, with
// its raw form for checking), linked tickets and history, the forms that
// change a ticket's status and fields and add replies and internal notes,
// the time worked on a ticket (booking units on its organization's contract),
// and the agent's profile with the signature under replies.
// Every read and write goes through the ticket service, which asks authz;
// a ticket an agent may not see answers 404 like a missing one.
package desk

import (
	"net/http"

	"supportal/internal/timelog"
	"supportal/internal/web"
	"supportal/internal/web/mailview"
)

// handler holds what the desk's handlers share.
type handler struct {
	s    *web.Server
	time *timelog.Service
}

// Register adds the pages of the desk. Only agents and admins reach them;
// contacts get 404 and visitors who are not signed in go to /login.
// units tells of contracts whose units run low after time was booked on
// them; nil: nobody is told.
func Register(s *web.Server, units timelog.Mailer) {
	h := &handler{s: s, time: timelog.New(s.Store, s.Config.TimeZone)}
	if units != nil {
		h.time.SetMailer(units)
	}
	r := s.Router()
	r.Page("GET /desk", web.Agent, h.home)
	r.Page("GET /desk/tickets", web.Agent, h.ticketList)
	r.Page("GET /desk/tickets/{number}", web.Agent, h.ticketView)
	r.Page("POST /desk/tickets/{number}", web.Agent, h.ticketUpdate)
	r.Page("POST /desk/tickets/{number}/messages", web.Agent, h.messageCreate)
	r.Page("GET /desk/tickets/{number}/messages/{id}/body", web.Agent, mailview.Body(s, "/desk/attachments/"))
	r.Page("GET /desk/tickets/{number}/messages/{id}/raw", web.Agent, h.messageRaw)
	r.Page("GET /desk/attachments/{id}", web.Agent, s.AttachmentHandler)
	r.Page("GET /desk/profile", web.Agent, h.profileShow)
	r.Page("POST /desk/profile", web.Agent, h.profileUpdate)
	registerOrgPages(h)
	registerContractPages(h)
	registerTimePages(h)
	registerLinkPages(h)
	registerCallPages(h)
	registerTemplatePages(h)
	registerLevelPages(h)
	registerReferencePages(h)
	registerDocumentPages(h)
	registerProjectPages(h)
}

// home sends the desk's entrance to the ticket list.
func (h *handler) home(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/desk/tickets", http.StatusSeeOther)
}
