package desk

import (
	"net/http"
	"strconv"

	"supportal/internal/model"
	"supportal/internal/ticket"
	"supportal/internal/web"
)

// messageRaw sends a received mail exactly as it arrived, as a download
// that cannot run in our origin, for an agent who needs its headers.
func (h *handler) messageRaw(w http.ResponseWriter, r *http.Request) {
	n, err := ticket.ParseNumber(r.PathValue("number"))
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.s.NotFound(w, r)
		return
	}
	name, f, err := h.s.Tickets.OpenRaw(r.Context(), web.UserOf(r), n, id)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	defer f.Close()
	web.ServeAttachment(w, r, &model.Attachment{Name: name, ContentType: "message/rfc822"}, f)
}
