package ideaweb

import (
	"net/http"

	"supportal/internal/model"
	"supportal/internal/web"
)

// status sets the status of an idea with a note.
func (h *handler) status(w http.ResponseWriter, r *http.Request) {
	f, ok := h.form(w, r)
	if !ok {
		return
	}
	err := h.ideas.SetStatus(r.Context(), web.UserOf(r), pathID(r, "id"), f.Get("status"), f.Get("note"))
	h.done(w, r, err, "flash.idea_status")
}

// tags replaces the tags of an idea.
func (h *handler) tags(w http.ResponseWriter, r *http.Request) {
	f, ok := h.form(w, r)
	if !ok {
		return
	}
	err := h.ideas.SetTags(r.Context(), web.UserOf(r), pathID(r, "id"), f.Get("tags"))
	h.done(w, r, err, "flash.idea_saved")
}

// merge merges the idea into the one the form names.
func (h *handler) merge(w http.ResponseWriter, r *http.Request) {
	f, ok := h.form(w, r)
	if !ok {
		return
	}
	err := h.ideas.Merge(r.Context(), web.UserOf(r), pathID(r, "id"), f.Int64("into"))
	h.done(w, r, err, "flash.idea_merged")
}

// linkTicket links the ticket the form names by number.
func (h *handler) linkTicket(w http.ResponseWriter, r *http.Request) {
	f, ok := h.form(w, r)
	if !ok {
		return
	}
	number := f.Int64("number")
	var err error
	if number <= 0 {
		err = model.Invalid("number", "ideas.error.ticket")
	} else {
		err = h.ideas.LinkTicket(r.Context(), web.UserOf(r), pathID(r, "id"), number)
	}
	h.done(w, r, err, "flash.idea_saved")
}

// unlinkTicket removes a ticket's link.
func (h *handler) unlinkTicket(w http.ResponseWriter, r *http.Request) {
	err := h.ideas.UnlinkTicket(r.Context(), web.UserOf(r), pathID(r, "id"), pathID(r, "number"))
	h.done(w, r, err, "flash.idea_saved")
}
