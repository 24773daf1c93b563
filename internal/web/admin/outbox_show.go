package admin

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/jhillyerd/enmime/v2"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/web"
)

// maxShownMail is the most of a stored outgoing mail the page reads;
// the raw download has all of it.
const maxShownMail = 32 << 20

// outboxShowPage is one outgoing mail as its recipient would read it,
// with its delivery state.
type outboxShowPage struct {
	mailPage
	Mail     *store.OutboxMail
	Rendered *renderedMail // nil when the stored message could not be read
	Problem  string        // why it could not
	CanRetry bool
}

// renderedMail is what the page shows of the stored message.
type renderedMail struct {
	From, To, Cc, Subject, Date, MessageID string
	Text                                   string
	HasHTML                                bool // the mail has an HTML part as well, not shown here
	Attachments                            []mailFile
}

// mailFile is an attachment of a mail.
type mailFile struct {
	Name string
	Type string
	Size int64
}

// outboxShow shows one outgoing mail.
func (h *mailHandler) outboxShow(w http.ResponseWriter, r *http.Request) {
	m, err := h.outboxMail(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p := &outboxShowPage{mailPage: h.page(r, "admin.outbox.show_title", "ID", m.ID), Mail: m, CanRetry: m.Status != store.OutboxSent}
	p.Rendered, err = h.renderOutbox(r, m)
	switch {
	case errors.Is(err, model.ErrNotFound):
		p.Problem = p.T("admin.outbox.raw_missing")
	case err != nil:
		h.s.Log.Warn("outbox mail cannot be read", "id", m.ID, "err", err)
		p.Problem = p.T("admin.outbox.unreadable", "Reason", err.Error())
	}
	h.s.Render(w, r, http.StatusOK, "admin/outbox_view", p)
}

// renderOutbox reads and parses the stored message of m.
func (h *mailHandler) renderOutbox(r *http.Request, m *store.OutboxMail) (*renderedMail, error) {
	if h.s.Blobs == nil || m.RawKey == "" {
		return nil, model.ErrNotFound
	}
	f, err := h.s.Blobs.Open(r.Context(), m.RawKey)
	if err != nil {
		return nil, fmt.Errorf("admin: outbox mail %d: %w", m.ID, err)
	}
	defer f.Close()
	env, err := enmime.NewParser().ReadEnvelope(io.LimitReader(f, maxShownMail))
	if err != nil {
		return nil, fmt.Errorf("admin: outbox mail %d: %w", m.ID, err)
	}
	rm := &renderedMail{
		From: env.GetHeader("From"), To: env.GetHeader("To"), Cc: env.GetHeader("Cc"),
		Subject: env.GetHeader("Subject"), Date: env.GetHeader("Date"), MessageID: env.GetHeader("Message-Id"),
		Text: strings.TrimRight(strings.ReplaceAll(env.Text, "\r\n", "\n"), "\n"), HasHTML: env.HTML != "",
	}
	for _, part := range append(env.Attachments, env.Inlines...) {
		rm.Attachments = append(rm.Attachments, mailFile{Name: part.FileName, Type: part.ContentType, Size: int64(len(part.Content))})
	}
	return rm, nil
}

// outboxRaw sends the stored outgoing message as a download.
func (h *mailHandler) outboxRaw(w http.ResponseWriter, r *http.Request) {
	m, err := h.outboxMail(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	h.serveRaw(w, r, m.RawKey, fmt.Sprintf("outbox-%d.eml", m.ID), m.CreatedAt)
}

// outboxRetry sends a mail that failed (or waits for its next attempt)
// again from now on, and wakes the sender.
func (h *mailHandler) outboxRetry(w http.ResponseWriter, r *http.Request) {
	m, err := h.outboxMail(r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	back := fmt.Sprintf("/admin/outbox/%d", m.ID)
	if m.Status == store.OutboxSent {
		web.Flash(w, "flash.admin.outbox_already_sent")
		http.Redirect(w, r, back, http.StatusSeeOther)
		return
	}
	err = h.s.Store.RequeueMail(r.Context(), m.ID)
	if errors.Is(err, model.ErrNotFound) {
		// The sender delivered it in the meantime.
		web.Flash(w, "flash.admin.outbox_already_sent")
		http.Redirect(w, r, back, http.StatusSeeOther)
		return
	}
	if err != nil {
		h.s.Error(w, r, fmt.Errorf("admin: %w", err))
		return
	}
	if h.mail.Kick != nil {
		h.mail.Kick()
	}
	web.Flash(w, "flash.admin.outbox_requeued")
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// outboxMail loads the outgoing mail named by the path.
func (h *mailHandler) outboxMail(r *http.Request) (*store.OutboxMail, error) {
	id, ok := pathID(r)
	if !ok {
		return nil, model.ErrNotFound
	}
	m, err := h.s.Store.OutboxMail(r.Context(), id)
	if err != nil {
		return nil, fmt.Errorf("admin: %w", err)
	}
	return m, nil
}
