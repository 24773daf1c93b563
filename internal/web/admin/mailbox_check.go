package admin

import (
	"context"
	"net/http"
	"time"
)

// testTimeout bounds a connection test, so that a server that never
// answers does not hold the admin's request.
const testTimeout = 30 * time.Second

// mailboxTest signs in to the IMAP server with the settings in the form,
// without saving them, and shows the outcome on the form. An empty
// password field tests the stored password.
func (h *mailHandler) mailboxTest(w http.ResponseWriter, r *http.Request) {
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
	typed := f.Get("imap_password")
	p := h.mailboxEditPage(r, mb, readMailboxForm(f))
	bad, err := h.checkMailbox(r, &p.Form, mailboxCheck{self: mb.ID, hasPassword: mb.IMAPPassword != "", password: typed, needIMAP: true})
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	if bad.Err() != nil {
		p.SetErrors(bad)
		h.renderMailbox(w, r, http.StatusUnprocessableEntity, p)
		return
	}
	p.Test = &connectionTest{Unsaved: p.Form != mailboxFormOf(mb) || typed != "", Password: typed != ""}
	if h.mail.TestIMAP == nil {
		p.Test.Problem = p.T("admin.mailbox.test.unavailable")
		h.renderMailbox(w, r, http.StatusOK, p)
		return
	}
	password := typed
	if password == "" {
		if h.s.Keys == nil {
			p.Test.Problem = p.T("admin.mailbox.test.undecryptable")
			h.renderMailbox(w, r, http.StatusOK, p)
			return
		}
		if password, err = h.s.Keys.Decrypt(mb.IMAPPassword); err != nil {
			p.Test.Problem = p.T("admin.mailbox.test.undecryptable")
			h.renderMailbox(w, r, http.StatusOK, p)
			return
		}
	}
	candidate := *mb
	p.Form.apply(&candidate)
	ctx, cancel := context.WithTimeout(r.Context(), testTimeout)
	defer cancel()
	if err := h.mail.TestIMAP(ctx, &candidate, password); err != nil {
		p.Test.Problem = err.Error()
	} else {
		p.Test.OK = true
	}
	h.renderMailbox(w, r, http.StatusOK, p)
}
