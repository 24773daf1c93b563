package admin

import (
	"fmt"
	"net/http"
	"time"

	"supportal/internal/model"
	"supportal/internal/web"
)

// serveRaw sends a stored message as a download named name: never shown
// in our origin (attachment, no sniffing, sandboxed).
func (h *mailHandler) serveRaw(w http.ResponseWriter, r *http.Request, key, name string, at time.Time) {
	if h.s.Blobs == nil || key == "" {
		h.s.NotFound(w, r)
		return
	}
	f, err := h.s.Blobs.Open(r.Context(), key)
	if err != nil {
		h.s.Error(w, r, fmt.Errorf("admin: raw mail: %w", err))
		return
	}
	defer f.Close()
	web.ServeAttachment(w, r, &model.Attachment{Name: name, ContentType: "message/rfc822", CreatedAt: at}, f)
}
