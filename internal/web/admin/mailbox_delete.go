package admin

import (
	"fmt"
	"net/http"

	"supportal/internal/web"
)

// mailboxDelete removes a mailbox once the admin ticked the confirmation.
// Its tickets and received mails stay; they lose the reference.
func (h *mailHandler) mailboxDelete(w http.ResponseWriter, r *http.Request) {
	mb, err := h.mailbox(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	if f.Get("confirm") == "" {
		p := h.mailboxEditPage(r, mb, mailboxFormOf(mb))
		p.DeleteError = p.T("admin.mailbox.error.confirm")
		h.renderMailbox(w, r, http.StatusUnprocessableEntity, p)
		return
	}
	if err := h.s.Store.DeleteMailbox(r.Context(), mb.ID); err != nil {
		h.s.Error(w, r, fmt.Errorf("admin: %w", err))
		return
	}
	web.Flash(w, "flash.admin.mailbox_deleted")
	http.Redirect(w, r, "/admin/mailboxes", http.StatusSeeOther)
}
