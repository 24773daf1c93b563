package portal

import (
	"net/http"
	"strconv"

	"supportal/internal/kb"
	"supportal/internal/model"
	"supportal/internal/ticket"
	"supportal/internal/web"
)

// ticketCreate opens a ticket from the portal form, plain or multipart.
// Bad input shows the form again with the values and files kept and the
// error next to each field; a file over the limit answers 413.
func (h *handler) ticketCreate(w http.ResponseWriter, r *http.Request) {
	u := web.UserOf(r)
	f, err := h.s.ParseForm(w, r)
	if errs, status, ok := h.formErrors(r, err); ok {
		h.showTicketForm(w, r, status, ticketValues{}, nil, errs)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	v := ticketValuesOf(f)
	m, err := h.s.Tickets.Model(r.Context())
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	v.Custom = web.CustomValuesOf(f, m)
	t, err := h.s.Tickets.Create(r.Context(), u, ticket.CreateParams{
		Subject: v.Subject, Body: v.Body,
		Type: v.Type, Priority: v.Priority, Impact: v.Impact, Module: v.Module, Version: v.Version,
		Attachments: uploadIDs(f), Channel: model.ChannelPortal, CopyToMe: v.CopyToMe, CustomFields: v.Custom,
	})
	if errs, status, ok := h.formErrors(r, err); ok {
		kept, err := h.keptUploads(r.Context(), u, f)
		if err != nil {
			h.s.Error(w, r, err)
			return
		}
		h.showTicketForm(w, r, status, v, kept, errs)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	// Suggestions opened from this form did not stop the ticket.
	if err := kb.New(h.s.Store, h.s.Blobs, "", 0).TicketSent(r.Context(), f.Get("kb_token")); err != nil {
		h.s.Log.Warn("counting knowledge-base suggestions", "err", err)
	}
	web.Flash(w, "flash.portal.ticket_created")
	http.Redirect(w, r, "/portal/tickets/"+strconv.FormatInt(t.Number, 10), http.StatusSeeOther)
}
