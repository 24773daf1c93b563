package admin

import (
	"errors"
	"fmt"
	"net/http"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/web"
)

// mailboxCreate adds a mailbox; its IMAP password is stored encrypted.
func (h *mailHandler) mailboxCreate(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	form, password := readMailboxForm(f), f.Get("imap_password")
	p := &mailboxPage{mailPage: h.page(r, "admin.mailbox.new_title"), Form: form}
	bad, err := h.checkMailbox(r, &p.Form, mailboxCheck{password: password})
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	if bad.Err() != nil {
		p.SetErrors(bad)
		h.renderMailbox(w, r, http.StatusUnprocessableEntity, p)
		return
	}
	mb := &store.Mailbox{}
	p.Form.apply(mb)
	if mb.IMAPHost != "" {
		if mb.IMAPPassword, err = h.encrypt(password); err != nil {
			h.s.Error(w, r, err)
			return
		}
	}
	_, err = h.s.Store.CreateMailbox(r.Context(), mb)
	if errors.Is(err, model.ErrConflict) {
		// Another admin took the name or address a moment ago.
		p.SetErrors(model.Invalid("address", "admin.mailbox.error.address_taken"))
		h.renderMailbox(w, r, http.StatusUnprocessableEntity, p)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.admin.mailbox_created")
	http.Redirect(w, r, "/admin/mailboxes", http.StatusSeeOther)
}

// mailboxUpdate changes a mailbox. An empty password field keeps the
// stored password; a mailbox without an IMAP server keeps none.
func (h *mailHandler) mailboxUpdate(w http.ResponseWriter, r *http.Request) {
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
	password := f.Get("imap_password")
	p := h.mailboxEditPage(r, mb, readMailboxForm(f))
	bad, err := h.checkMailbox(r, &p.Form, mailboxCheck{self: mb.ID, hasPassword: mb.IMAPPassword != "", password: password})
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	if bad.Err() != nil {
		p.SetErrors(bad)
		h.renderMailbox(w, r, http.StatusUnprocessableEntity, p)
		return
	}
	p.Form.apply(mb)
	switch {
	case mb.IMAPHost == "":
		mb.IMAPPassword = ""
	case password != "":
		if mb.IMAPPassword, err = h.encrypt(password); err != nil {
			h.s.Error(w, r, err)
			return
		}
	}
	err = h.s.Store.UpdateMailbox(r.Context(), mb)
	if errors.Is(err, model.ErrConflict) {
		p.SetErrors(model.Invalid("address", "admin.mailbox.error.address_taken"))
		h.renderMailbox(w, r, http.StatusUnprocessableEntity, p)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.admin.mailbox_saved")
	http.Redirect(w, r, "/admin/mailboxes", http.StatusSeeOther)
}

// checkMailbox validates a form against the stored mailboxes and teams.
// The returned error is a failure to read them, not bad input.
func (h *mailHandler) checkMailbox(r *http.Request, form *mailboxForm, c mailboxCheck) (*model.ValidationError, error) {
	var err error
	if c.others, err = h.s.Store.Mailboxes(r.Context()); err != nil {
		return nil, fmt.Errorf("admin: %w", err)
	}
	if c.teams, err = h.s.Store.Teams(r.Context()); err != nil {
		return nil, fmt.Errorf("admin: teams: %w", err)
	}
	return form.validate(c), nil
}

// encrypt seals a password for the store.
func (h *mailHandler) encrypt(password string) (string, error) {
	if h.s.Keys == nil {
		return "", errors.New("admin: no key to encrypt the mailbox password with")
	}
	return h.s.Keys.Encrypt(password), nil
}
