package desk

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/ticket"
	"supportal/internal/web"
)

// messageCreate adds a public reply or an internal note to a ticket,
// with files, and optionally sets the status with it.
func (h *handler) messageCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := web.UserOf(r)
	t, acc, err := h.s.PathTicket(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	n := t.Number
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	form := replyForm{Body: f.Get("body"), Internal: f.Get("visibility") == "internal", Status: f.Trimmed("status"), Reason: f.Get("reason")}
	ids, bad := uploadIDs(f)
	if v := f.Get("visibility"); v != "" && v != "public" && v != "internal" {
		bad.Add("visibility", "error.option")
	}
	if bad.Err() != nil {
		h.replyFailed(w, r, t, acc, form, ids, bad)
		return
	}
	if h.replyHeld(w, r, t, acc, form, ids, f) {
		return
	}
	_, err = h.s.Tickets.Reply(ctx, u, n, ticket.ReplyParams{
		Body: form.Body, Attachments: ids, Internal: form.Internal, Status: form.Status, Reason: form.Reason,
	})
	var verr *model.ValidationError
	switch {
	case errors.As(err, &verr):
		h.replyFailed(w, r, t, acc, form, ids, verr)
		return
	case err != nil:
		h.s.Error(w, r, err)
		return
	}
	if form.Internal {
		web.Flash(w, "flash.desk.note_added")
	} else {
		web.Flash(w, "flash.desk.reply_sent")
	}
	http.Redirect(w, r, ticketURL(n), http.StatusSeeOther)
}

// uploadIDs are the files of the reply: those sent with this form and
// those kept from an attempt that failed ("upload" fields). The store
// accepts only the agent's own uploads that no message holds yet.
func uploadIDs(f *web.Form) ([]int64, *model.ValidationError) {
	bad := &model.ValidationError{}
	var ids []int64
	for _, s := range f.Values["upload"] {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			bad.Add("attachments", "error.upload_unknown")
			continue
		}
		ids = append(ids, n)
	}
	return append(ids, f.UploadIDs()...), bad
}

// replyFailed shows the ticket again with the reply form's errors, what
// the agent wrote and the files already uploaded; nothing was added.
func (h *handler) replyFailed(w http.ResponseWriter, r *http.Request, t *model.Ticket, acc authz.TicketAccess, form replyForm, ids []int64, v *model.ValidationError) {
	p, err := h.newTicketPage(r, t, acc)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	uploads, err := h.ownUploads(r.Context(), web.UserOf(r), ids)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p.failReply(form, uploads, v)
	h.renderTicket(w, r, http.StatusUnprocessableEntity, p)
}

// ownUploads returns those of ids that are u's uploads not attached yet;
// others are left out, as if they did not exist. A reply holds at most
// ticket.MaxAttachments files, so no more are looked up.
func (h *handler) ownUploads(ctx context.Context, u *model.User, ids []int64) ([]*model.Attachment, error) {
	var out []*model.Attachment
	ids = ids[:min(len(ids), ticket.MaxAttachments)]
	for _, id := range ids {
		a, err := h.s.Store.Attachment(ctx, id)
		if errors.Is(err, model.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if a.MessageID == 0 && authz.Attachment(u, a, nil, nil) {
			out = append(out, a)
		}
	}
	return out, nil
}
