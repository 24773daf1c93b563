package admin

import (
	"fmt"
	"net/http"

	"supportal/internal/store"
)

// mailboxListPage lists the mailboxes with their poll state.
type mailboxListPage struct {
	mailPage
	Mailboxes []*store.Mailbox
}

// mailboxList shows every mailbox.
func (h *mailHandler) mailboxList(w http.ResponseWriter, r *http.Request) {
	list, err := h.s.Store.Mailboxes(r.Context())
	if err != nil {
		h.s.Error(w, r, fmt.Errorf("admin: %w", err))
		return
	}
	p := &mailboxListPage{mailPage: h.page(r, "admin.mailboxes.title"), Mailboxes: list}
	h.s.Render(w, r, http.StatusOK, "admin/mailbox_list", p)
}
