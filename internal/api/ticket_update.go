package api

import (
	"net/http"

	"supportal/internal/model"
	"supportal/internal/ticket"
	"supportal/internal/web"
)

// updateTicketRequest is the body of PATCH /api/v1/tickets/{number}.
// Absent fields stay as they are; null clears the fields that may be
// empty (team, assignee, the option fields, the waiting reason).
type updateTicketRequest struct {
	Status        optional[string] `json:"status"`
	Category      optional[string] `json:"category"`
	WaitingReason optional[string] `json:"waiting_reason"`
	Type          optional[string] `json:"type"`
	Priority      optional[string] `json:"priority"`
	Impact        optional[string] `json:"impact"`
	Module        optional[string] `json:"module"`
	Version       optional[string] `json:"version"`
	Team          optional[string] `json:"team"`          // a team's name; "" or null clears
	AssigneeID    optional[int64]  `json:"assignee_id"`   // null clears
	CustomFields  map[string]any   `json:"custom_fields"` // by key; null or "" clears one
}

// ticketUpdate answers PATCH /api/v1/tickets/{number}. Staff change
// anything; a contact may only reopen or close, which the ticket service
// enforces (403 for anything else).
func (h *handler) ticketUpdate(w http.ResponseWriter, r *http.Request) {
	u := web.UserOf(r)
	number, err := ticket.ParseNumber(r.PathValue("number"))
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	var req updateTicketRequest
	if err := decodeJSON(w, r, &req); err != nil {
		h.s.Error(w, r, err)
		return
	}
	p, err := h.updateParams(r, u, req)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	t, err := h.s.Tickets.Update(r.Context(), u, number, p)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	out, err := h.ticketOut(r.Context(), u, t)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, out)
}

// updateParams maps the request to the service's params. Staff who send
// a status or category must name one (the service checks which); what a
// contact sends goes to the service unchecked, which refuses all but
// reopening and closing with 403.
func (h *handler) updateParams(r *http.Request, u *model.User, req updateTicketRequest) (ticket.UpdateParams, error) {
	p := ticket.UpdateParams{
		Status: req.Status.ptr(), WaitingReason: req.WaitingReason.ptr(),
		Type: req.Type.ptr(), Priority: req.Priority.ptr(), Impact: req.Impact.ptr(),
		Module: req.Module.ptr(), Version: req.Version.ptr(), AssigneeID: req.AssigneeID.ptr(),
		CustomFields: req.CustomFields,
	}
	v := &model.ValidationError{}
	if req.Status.Set && req.Status.Value == "" && u.IsAgent() {
		v.Add("status", "error.status")
	}
	if req.Category.Set {
		c := model.Category(req.Category.Value)
		if !c.Valid() && u.IsAgent() {
			v.Add("category", "error.category")
		}
		p.Category = &c
	}
	if req.Team.Set {
		var id int64 // no team
		if req.Team.Value != "" {
			var err error
			if id, err = h.teamID(r.Context(), req.Team.Value); err != nil {
				return p, err
			}
		}
		// An unknown team stays -1, which the service reports after its
		// own access checks, so a contact gets 403 rather than a hint.
		p.TeamID = &id
	}
	return p, v.Err()
}
