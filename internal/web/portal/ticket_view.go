package portal

import (
	"net/http"
	"strconv"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/refnum"
	"supportal/internal/ticket"
	"supportal/internal/web"
	"supportal/internal/web/mailview"
)

// messageView is one message as the portal shows it.
type messageView struct {
	mailview.Message
	Author string
	Staff  bool // written by support: shown apart from the customer's own
	Own    bool // written by the reader
	Files  attachmentLinks
}

// ticketPage is the data of one ticket.
type ticketPage struct {
	*web.Page
	Ticket   *model.Ticket
	Access   authz.TicketAccess
	Turn     turn
	Messages []messageView
	Reply    string // the reply being written, kept when it must be corrected
	Files    filesField
	// Technical: on hold while support's technical team analyses it.
	Technical bool
	// References are the ticket's order and reference numbers, shown as
	// text: the shop or ERP they link to in the desk is internal.
	References []refnum.Reference
}

// Waiting reports whether the ticket waits for information from the
// customer.
func (p *ticketPage) Waiting() bool {
	return p.Ticket.Status.Category == model.CategoryWaitingCustomer
}

// Resolved reports whether support considers the ticket solved.
func (p *ticketPage) Resolved() bool { return p.Ticket.Status.Category == model.CategoryResolved }

// ReplyHint says what a reply does to the ticket, in the reader's words.
func (p *ticketPage) ReplyHint() string {
	switch p.Ticket.Status.Category {
	case model.CategoryWaitingCustomer:
		return p.T("portal.reply.hint_waiting")
	case model.CategoryResolved, model.CategoryClosed:
		return p.T("portal.reply.hint_reopens")
	}
	return p.T("portal.reply.hint")
}

// ticketView shows one ticket with the messages the contact may read.
func (h *handler) ticketView(w http.ResponseWriter, r *http.Request) {
	p, err := h.loadTicketPage(r, nil)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	h.s.Render(w, r, http.StatusOK, "portal/ticket_view", p)
}

// loadTicketPage loads the ticket of the request's {number} for its page. A
// ticket the user may not see is model.ErrNotFound, as a missing one;
// kept are the files of a reply that must be corrected.
func (h *handler) loadTicketPage(r *http.Request, kept []*model.Attachment) (*ticketPage, error) {
	u := web.UserOf(r)
	n, err := ticket.ParseNumber(r.PathValue("number"))
	if err != nil {
		return nil, err
	}
	t, acc, err := h.s.Tickets.Get(r.Context(), u, n)
	if err != nil {
		return nil, err
	}
	msgs, err := h.s.Tickets.Messages(r.Context(), u, t)
	if err != nil {
		return nil, err
	}
	p := &ticketPage{Page: h.s.NewPage(r, "portal.ticket.title", "Number", t.Number, "Subject", t.Subject), Ticket: t, Access: acc}
	p.Turn = turnOf(p.Page, t)
	if p.Technical, err = h.s.Tickets.InTechnicalAnalysis(r.Context(), u, t); err != nil {
		return nil, err
	}
	if p.References, err = refnum.New(h.s.Store).List(r.Context(), u, t); err != nil {
		return nil, err
	}
	page := mailview.Page{TicketPath: "/portal/tickets/" + strconv.FormatInt(t.Number, 10), Anchor: "m", Files: "/portal/attachments/",
		Remote: mailview.RemoteOf(r.URL.Query().Get("remote"))}
	views, err := page.Views(r.Context(), h.s.Store, msgs)
	if err != nil {
		return nil, err
	}
	for _, m := range views {
		p.Messages = append(p.Messages, h.messageView(p.Page, u, m))
	}
	p.Files = newFilesField(p.Page, "reply", h.s.Tickets.MaxUpload(), kept)
	return p, nil
}

// messageView prepares a message for display: its author as the reader
// knows them and the files listed under it. The text is escaped by
// the template; the HTML of a mail is shown in a frame, never here.
func (h *handler) messageView(p *web.Page, u *model.User, m mailview.Message) messageView {
	v := messageView{
		Message: m, Author: m.AuthorName, Staff: m.AuthorKind == model.KindAgent, Own: m.AuthorID == u.ID,
		Files: attachmentLinks{Page: p, Label: p.T("field.attachments"), Files: m.Files},
	}
	switch {
	case v.Own:
		v.Author = p.T("portal.message.you")
	case v.Author == "" && v.Staff:
		v.Author = p.T("portal.message.support")
	case v.Author == "":
		v.Author = p.T("portal.message.system")
	}
	return v
}
