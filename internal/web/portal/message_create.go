package portal

import (
	"fmt"
	"net/http"

	"supportal/internal/ticket"
	"supportal/internal/web"
)

// messageCreate adds the contact's reply to a ticket. The service hands a
// ticket that waited for the customer, or was resolved or closed, back to
// support. Bad input shows the ticket again with the reply and its files
// kept and the error next to the field.
func (h *handler) messageCreate(w http.ResponseWriter, r *http.Request) {
	u := web.UserOf(r)
	n, err := ticket.ParseNumber(r.PathValue("number"))
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	// A ticket the user may not see answers 404 before any file is stored.
	if _, _, err := h.s.Tickets.Get(r.Context(), u, n); err != nil {
		h.s.Error(w, r, err)
		return
	}
	f, err := h.s.ParseForm(w, r)
	if errs, status, ok := h.formErrors(r, err); ok {
		h.showReplyErrors(w, r, status, nil, errs)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	m, err := h.s.Tickets.Reply(r.Context(), u, n, ticket.ReplyParams{Body: f.Get("body"), Attachments: uploadIDs(f)})
	if errs, status, ok := h.formErrors(r, err); ok {
		h.showReplyErrors(w, r, status, f, errs)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.portal.reply_sent")
	http.Redirect(w, r, fmt.Sprintf("/portal/tickets/%d#m%d", n, m.ID), http.StatusSeeOther)
}

// showReplyErrors renders the ticket again with the reply of form f (nil
// if it could not be read) and its field errors.
func (h *handler) showReplyErrors(w http.ResponseWriter, r *http.Request, status int, f *web.Form, errs map[string]string) {
	kept, err := h.keptUploads(r.Context(), web.UserOf(r), f)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p, err := h.loadTicketPage(r, kept)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p.Errors, p.FormError = errs, p.T("error.form")
	p.Files.Error = errs["attachments"]
	if f != nil {
		p.Reply = f.Get("body")
	}
	h.s.Render(w, r, status, "portal/ticket_view", p)
}
