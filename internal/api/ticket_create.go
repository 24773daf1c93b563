package api

import (
	"net/http"
	"slices"
	"strconv"

	"supportal/internal/model"
	"supportal/internal/ticket"
	"supportal/internal/web"
)

// channels are the ways in a member of staff may record for a ticket.
var channels = []model.Channel{model.ChannelPortal, model.ChannelEmail, model.ChannelPhone, model.ChannelAPI, model.ChannelDesk}

// createTicketRequest is the body of POST /api/v1/tickets.
type createTicketRequest struct {
	Subject      string         `json:"subject"`
	Body         string         `json:"body"`
	Type         string         `json:"type"`
	Priority     string         `json:"priority"`
	Impact       string         `json:"impact"`
	Module       string         `json:"module"`
	Version      string         `json:"version"`
	CustomFields map[string]any `json:"custom_fields"`
	Attachments  []int64        `json:"attachments"`
	// CopyToMe asks for a copy of the confirmation mail. It is accepted
	// and stored nowhere for now: the notification comes with the mail
	// channel.
	CopyToMe bool `json:"copy_to_me"`

	// Staff only; a contact that sends them is refused.
	OrgID       *int64  `json:"org_id"`
	RequesterID *int64  `json:"requester_id"`
	Channel     *string `json:"channel"`
}

// ticketCreate answers POST /api/v1/tickets: it opens a ticket with its
// first message and answers 201 with the ticket.
func (h *handler) ticketCreate(w http.ResponseWriter, r *http.Request) {
	u := web.UserOf(r)
	var req createTicketRequest
	if err := decodeJSON(w, r, &req); err != nil {
		h.s.Error(w, r, err)
		return
	}
	if u.IsContact() && (req.OrgID != nil || req.RequesterID != nil || req.Channel != nil) {
		h.s.Error(w, r, model.ErrForbidden)
		return
	}
	p := ticket.CreateParams{
		Subject: req.Subject, Body: req.Body,
		Type: req.Type, Priority: req.Priority, Impact: req.Impact, Module: req.Module, Version: req.Version,
		CustomFields: req.CustomFields, Attachments: req.Attachments, Channel: model.ChannelAPI,
	}
	if req.OrgID != nil {
		p.OrgID = *req.OrgID
	}
	if req.RequesterID != nil {
		p.RequesterID = *req.RequesterID
	}
	if req.Channel != nil {
		p.Channel = model.Channel(*req.Channel)
		if !slices.Contains(channels, p.Channel) {
			h.s.Error(w, r, model.Invalid("channel", "error.option"))
			return
		}
	}
	t, err := h.s.Tickets.Create(r.Context(), u, p)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	out, err := h.ticketOut(r.Context(), u, t)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	created(w, "/api/v1/tickets/"+strconv.FormatInt(t.Number, 10), out)
}
