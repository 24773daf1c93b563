package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"supportal/internal/model"
	"supportal/internal/sms"
	"supportal/internal/ticket"
)

// maxWebhookBody bounds the webhook's request: a text of sms.MaxText
// characters in JSON with room to spare.
const maxWebhookBody = 32 << 10

// registerSMSWebhook adds the door text messages come in through. It is
// public: the gateway proves itself with the HMAC of the body (see
// package sms), not with a session.
func (s *Server) registerSMSWebhook(r *Router) {
	r.Page("POST /sms/webhook", Public, s.smsWebhook)
}

// smsWebhook files a received text message {"from","text"} on its
// sender's ticket. Without a valid signature: 401. A number of no known
// contact: 202, logged, stored nowhere. Filed: 200.
func (s *Server) smsWebhook(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxWebhookBody))
	if err != nil {
		WriteJSON(w, http.StatusRequestEntityTooLarge, map[string]string{"error": "body too large"})
		return
	}
	settings, err := sms.Load(r.Context(), &s.Store.Queries, s.Keys)
	if err != nil {
		s.Log.Error("sms webhook: settings", "err", err)
		WriteJSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
		return
	}
	if !sms.Verify(settings.WebhookSecret, body, r.Header.Get(sms.SignatureHeader)) {
		s.Log.Warn("sms webhook: bad signature", "remote", r.RemoteAddr)
		WriteJSON(w, http.StatusUnauthorized, map[string]string{"error": "bad signature"})
		return
	}
	var in struct {
		From string `json:"from"`
		Text string `json:"text"`
	}
	if err := json.Unmarshal(body, &in); err != nil {
		WriteJSON(w, http.StatusBadRequest, map[string]string{"error": "malformed JSON"})
		return
	}
	got, err := s.Tickets.ReceiveSMS(r.Context(), in.From, in.Text)
	var v *model.ValidationError
	switch {
	case errors.Is(err, ticket.ErrUnknownSender):
		s.Log.Info("sms webhook: message from an unknown number refused", "from", model.PhoneDigits(in.From))
		WriteJSON(w, http.StatusAccepted, map[string]string{"status": "refused"})
	case errors.As(err, &v):
		WriteJSON(w, http.StatusUnprocessableEntity, map[string]string{"error": "text missing or too long"})
	case err != nil:
		s.Log.Error("sms webhook", "err", err)
		WriteJSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
	default:
		WriteJSON(w, http.StatusOK, map[string]any{"status": "filed", "ticket": got.Number, "created": got.Created})
	}
}
