package admin

import (
	"fmt"
	"net/http"
	"strconv"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/web"
)

// mailboxPage is the form that adds or changes a mailbox, with the
// mailbox's poll state and the outcome of a connection test.
type mailboxPage struct {
	mailPage
	Mailbox     *store.Mailbox // nil for a new mailbox
	Form        mailboxForm
	Team        web.Select
	Security    web.Select
	HasPassword bool // a password is stored; the field stays empty anyway
	CanTest     bool
	Test        *connectionTest
	DeleteError string
}

// connectionTest is the outcome of "test connection".
type connectionTest struct {
	OK       bool
	Problem  string // what the server or the network said
	Unsaved  bool   // the form differs from what is stored: nothing was saved
	Password bool   // a password was typed; it is not kept in the form
}

// Action is where the form posts to.
func (p *mailboxPage) Action() string {
	if p.Mailbox == nil {
		return "/admin/mailboxes"
	}
	return "/admin/mailboxes/" + strconv.FormatInt(p.Mailbox.ID, 10)
}

// Input describes one text input of the form for the template.
func (p *mailboxPage) Input(name, labelKey, typ, value string) input {
	return input{ID: "mb-" + name, Name: name, Label: p.T(labelKey), Type: typ, Value: value, Error: p.Errors[name]}
}

// mailboxNew shows the empty form of a new mailbox.
func (h *mailHandler) mailboxNew(w http.ResponseWriter, r *http.Request) {
	p := &mailboxPage{mailPage: h.page(r, "admin.mailbox.new_title"), Form: newMailboxForm()}
	h.renderMailbox(w, r, http.StatusOK, p)
}

// mailboxEdit shows the form of a stored mailbox.
func (h *mailHandler) mailboxEdit(w http.ResponseWriter, r *http.Request) {
	mb, err := h.mailbox(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	h.renderMailbox(w, r, http.StatusOK, h.mailboxEditPage(r, mb, mailboxFormOf(mb)))
}

// mailboxEditPage starts the page of a stored mailbox showing form.
func (h *mailHandler) mailboxEditPage(r *http.Request, mb *store.Mailbox, form mailboxForm) *mailboxPage {
	return &mailboxPage{mailPage: h.page(r, "admin.mailbox.edit_title", "Name", mb.Name), Mailbox: mb, Form: form,
		HasPassword: mb.IMAPPassword != ""}
}

// mailbox loads the mailbox named by the path; a bad id is not found.
func (h *mailHandler) mailbox(r *http.Request) (*store.Mailbox, error) {
	id, ok := pathID(r)
	if !ok {
		return nil, model.ErrNotFound
	}
	mb, err := h.s.Store.Mailbox(r.Context(), id)
	if err != nil {
		return nil, fmt.Errorf("admin: %w", err)
	}
	return mb, nil
}

// renderMailbox fills the selects from the form and writes the page.
func (h *mailHandler) renderMailbox(w http.ResponseWriter, r *http.Request, code int, p *mailboxPage) {
	teams, err := h.s.Store.Teams(r.Context())
	if err != nil {
		h.s.Error(w, r, fmt.Errorf("admin: teams: %w", err))
		return
	}
	p.CanTest = h.mail.TestIMAP != nil && p.Mailbox != nil
	p.Team = web.Select{Name: "team", ID: "mb-team", Label: p.T("field.team"), Error: p.Errors["team"]}
	p.Team.Choices = append(p.Team.Choices, web.Choice{Value: "", Label: p.T("admin.mailbox.team_default"), Selected: p.Form.TeamID == 0})
	for _, t := range teams {
		p.Team.Choices = append(p.Team.Choices, web.Choice{Value: strconv.FormatInt(t.ID, 10), Label: t.Name, Selected: t.ID == p.Form.TeamID})
	}
	p.Security = web.Select{Name: "imap_security", ID: "mb-imap_security", Label: p.T("admin.mailbox.security"), Error: p.Errors["imap_security"]}
	for _, s := range imapSecurity {
		p.Security.Choices = append(p.Security.Choices, web.Choice{Value: s, Label: p.T("admin.mailbox.security." + s), Selected: s == p.Form.Security})
	}
	h.s.Render(w, r, code, "admin/mailbox_form", p)
}
