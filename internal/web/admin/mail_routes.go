package admin

import (
	"context"
	"net/http"
	"strconv"

	"supportal/internal/store"
	"supportal/internal/web"
)

// Mail is what the email pages need beyond the web server: services that
// live in the mail packages, handed in by the application. A nil field
// turns its feature off without breaking the pages: no template editor,
// no "test connection" button, no wake-up of the sender after a retry.
type Mail struct {
	// Templates edits the notification templates.
	Templates Templates
	// TestIMAP signs in to a mailbox's IMAP server with password and opens
	// its folder, through the outbound dialer that refuses private
	// addresses; it returns why that failed.
	TestIMAP func(ctx context.Context, mb *store.Mailbox, password string) error
	// Kick wakes the outbox sender, so that a requeued mail goes out now.
	Kick func()
}

// mailHandler serves the pages of the email channel.
type mailHandler struct {
	s    *web.Server
	mail Mail
}

// RegisterMail adds the admin pages of the email channel: mailboxes, the
// log of received mail, the outbox and the mail templates.
func RegisterMail(s *web.Server, m Mail) {
	h := &mailHandler{s: s, mail: m}
	r := s.Router()

	r.Page("GET /admin/mailboxes", web.Admin, h.mailboxList)
	r.Page("GET /admin/mailboxes/new", web.Admin, h.mailboxNew)
	r.Page("POST /admin/mailboxes", web.Admin, h.mailboxCreate)
	r.Page("GET /admin/mailboxes/{id}", web.Admin, h.mailboxEdit)
	r.Page("POST /admin/mailboxes/{id}", web.Admin, h.mailboxUpdate)
	r.Page("POST /admin/mailboxes/{id}/delete", web.Admin, h.mailboxDelete)
	r.Page("POST /admin/mailboxes/{id}/test", web.Admin, h.mailboxTest)

	r.Page("GET /admin/mail", web.Admin, h.mailList)
	r.Page("GET /admin/mail/{id}", web.Admin, h.mailShow)
	r.Page("GET /admin/mail/{id}/raw", web.Admin, h.mailRaw)

	r.Page("GET /admin/outbox", web.Admin, h.outboxList)
	r.Page("GET /admin/outbox/{id}", web.Admin, h.outboxShow)
	r.Page("GET /admin/outbox/{id}/raw", web.Admin, h.outboxRaw)
	r.Page("POST /admin/outbox/{id}/retry", web.Admin, h.outboxRetry)

	r.Page("GET /admin/templates", web.Admin, h.templateList)
	r.Page("GET /admin/templates/{name}/{lang}", web.Admin, h.templateEdit)
	r.Page("POST /admin/templates/{name}/{lang}", web.Admin, h.templateSave)
	r.Page("POST /admin/templates/{name}/{lang}/preview", web.Admin, h.templatePreview)
	r.Page("POST /admin/templates/{name}/{lang}/reset", web.Admin, h.templateReset)
}

// pathID reads the {id} of the request path; ok is false when it is not
// a positive number, which the caller answers like a missing record.
func pathID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}
