package api

import (
	"net/http"
	"strconv"

	"supportal/internal/model"
	"supportal/internal/ticket"
	"supportal/internal/web"
)

// createMessageRequest is the body of POST
// /api/v1/tickets/{number}/messages.
type createMessageRequest struct {
	Body        string  `json:"body"`
	Attachments []int64 `json:"attachments"`

	// Staff only; a contact that sends them is refused.
	Internal      *bool   `json:"internal"`
	Kind          *string `json:"kind"`           // email_out (default), note or phone
	Status        *string `json:"status"`         // a status to set with the reply
	WaitingReason *string `json:"waiting_reason"` // when that status waits for the customer
}

// messageCreate answers POST /api/v1/tickets/{number}/messages with 201
// and the new message. A contact's reply hands the ball back to support;
// the ticket service does that.
func (h *handler) messageCreate(w http.ResponseWriter, r *http.Request) {
	u := web.UserOf(r)
	number, err := ticket.ParseNumber(r.PathValue("number"))
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	var req createMessageRequest
	if err := decodeJSON(w, r, &req); err != nil {
		h.s.Error(w, r, err)
		return
	}
	p := ticket.ReplyParams{Body: req.Body, Attachments: req.Attachments}
	staffOnly := req.Internal != nil || req.Kind != nil || req.Status != nil || req.WaitingReason != nil
	if staffOnly && !u.IsAgent() {
		// Refused only for a ticket the contact sees; others stay 404.
		if _, _, err := h.s.Tickets.Get(r.Context(), u, number); err != nil {
			h.s.Error(w, r, err)
			return
		}
		h.s.Error(w, r, model.ErrForbidden)
		return
	}
	if req.Internal != nil {
		p.Internal = *req.Internal
	}
	if req.Kind != nil {
		p.Kind = model.MessageKind(*req.Kind)
	}
	if req.Status != nil {
		p.Status = *req.Status
	}
	if req.WaitingReason != nil {
		p.Reason = *req.WaitingReason
	}
	m, err := h.s.Tickets.Reply(r.Context(), u, number, p)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	location := "/api/v1/tickets/" + strconv.FormatInt(number, 10) + "/messages"
	created(w, location, messageOf(u, m))
}
