package admin

import (
	"fmt"
	"net/http"

	"supportal/internal/model"
	"supportal/internal/store"
)

// mailShowPage is the record of one received mail.
type mailShowPage struct {
	mailPage
	Mail *store.InboundMail
}

// mailShow shows what became of one received mail.
func (h *mailHandler) mailShow(w http.ResponseWriter, r *http.Request) {
	m, err := h.inboundMail(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p := &mailShowPage{mailPage: h.page(r, "admin.mail.show_title", "ID", m.ID), Mail: m}
	h.s.Render(w, r, http.StatusOK, "admin/mail_view", p)
}

// mailRaw sends the received message as it came in, as a download.
func (h *mailHandler) mailRaw(w http.ResponseWriter, r *http.Request) {
	m, err := h.inboundMail(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	h.serveRaw(w, r, m.RawKey, fmt.Sprintf("mail-%d.eml", m.ID), m.ReceivedAt)
}

// inboundMail loads the received mail named by the path.
func (h *mailHandler) inboundMail(r *http.Request) (*store.InboundMail, error) {
	id, ok := pathID(r)
	if !ok {
		return nil, model.ErrNotFound
	}
	m, err := h.s.Store.InboundMail(r.Context(), id)
	if err != nil {
		return nil, fmt.Errorf("admin: %w", err)
	}
	return m, nil
}
