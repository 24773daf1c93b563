// Package ticket owns the life of a ticket: opening it, the correspondence,
// status changes with their reasons, fields, team and assignee, and the
// history of every change. Each operation loads what it needs, asks authz,
// validates, and writes in one transaction.
package ticket

import (
	"context"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"supportal/internal/authz"
	"supportal/internal/blob"
	"supportal/internal/model"
	"supportal/internal/plaintext"
	"supportal/internal/slaclock"
	"supportal/internal/sms"
	"supportal/internal/store"
)

// Limits on what users type.
const (
	MaxSubject       = 250
	MaxBody          = 200_000
	MaxWaitingReason = 1_000
	MaxAttachments   = 20
)

// DefaultMaxUpload is the size limit of one file: 25 MiB.
const DefaultMaxUpload = 25 << 20

// Service works on tickets on behalf of a user.
type Service struct {
	st        *store.Store
	blobs     blob.Store
	maxUpload int64
	mail      Mailer
	clock     *slaclock.Clock // service-level clocks; see SetClock
	sms       sms.Gateway     // text messages out; see SetSMS
	models    modelCache      // the ticket model last read; see Model
}

// New returns a Service; maxUpload is the size limit of one file in bytes
// (0: DefaultMaxUpload).
func New(st *store.Store, blobs blob.Store, maxUpload int64) *Service {
	if maxUpload <= 0 {
		maxUpload = DefaultMaxUpload
	}
	return &Service{st: st, blobs: blobs, maxUpload: maxUpload}
}

// MaxUpload is the size limit of one file in bytes.
func (s *Service) MaxUpload() int64 { return s.maxUpload }

// Get returns a ticket the user may see, with what the user may do to it.
// A ticket the user may not see is model.ErrNotFound, like a missing one.
func (s *Service) Get(ctx context.Context, u *model.User, number int64) (*model.Ticket, authz.TicketAccess, error) {
	t, err := s.st.Ticket(ctx, number)
	if err != nil {
		return nil, authz.TicketAccess{}, err
	}
	acc := authz.Ticket(u, t)
	if !acc.See {
		return nil, acc, fmt.Errorf("ticket %d: %w", number, model.ErrNotFound)
	}
	return t, acc, s.redact(ctx, u, t)
}

// List returns a page of the tickets the user may see that match f. The
// scope of f is always replaced by the user's.
func (s *Service) List(ctx context.Context, u *model.User, f store.TicketFilter) (*store.TicketPage, error) {
	f.Scope = authz.Tickets(u)
	page, err := s.st.Tickets(ctx, f)
	if err != nil {
		return nil, err
	}
	return page, s.redact(ctx, u, page.Tickets...)
}

// Messages returns the messages of t that u may read, oldest first.
func (s *Service) Messages(ctx context.Context, u *model.User, t *model.Ticket) ([]*model.Message, error) {
	all, err := s.st.Messages(ctx, t.ID)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, m := range all {
		if authz.Message(u, t, m) {
			out = append(out, m)
		}
	}
	return out, nil
}

// History returns t's change history; only staff read it.
func (s *Service) History(ctx context.Context, u *model.User, t *model.Ticket) ([]model.Event, error) {
	if !authz.Ticket(u, t).Edit {
		return nil, model.ErrForbidden
	}
	return s.st.Events(ctx, t.ID)
}

// Statuses lists the statuses in order.
func (s *Service) Statuses(ctx context.Context) ([]model.Status, error) { return s.st.Statuses(ctx) }

// Options lists the allowed values of the option fields.
func (s *Service) Options(ctx context.Context) ([]model.Option, error) { return s.st.Options(ctx) }

// Upload stores a file for the user to attach to a message later. Only
// its uploader may attach or read it until then.
func (s *Service) Upload(ctx context.Context, u *model.User, name, contentType string, r io.Reader) (*model.Attachment, error) {
	if u == nil || !u.Active {
		return nil, model.ErrForbidden
	}
	name = cleanFileName(name)
	key, size, err := s.blobs.Put(ctx, r, s.maxUpload)
	if err != nil {
		return nil, err
	}
	return s.st.CreateUpload(ctx, store.NewUpload{UploaderID: u.ID, Name: name, Size: size, ContentType: cleanContentType(contentType), BlobKey: key})
}

// OpenAttachment returns an attachment the user may read, and its
// contents. Anything else is model.ErrNotFound.
func (s *Service) OpenAttachment(ctx context.Context, u *model.User, id int64) (*model.Attachment, io.ReadSeekCloser, error) {
	a, err := s.st.Attachment(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	var t *model.Ticket
	var m *model.Message
	if a.MessageID != 0 {
		if t, err = s.st.TicketByID(ctx, a.TicketID); err != nil {
			return nil, nil, err
		}
		if m, err = s.st.Message(ctx, a.MessageID); err != nil {
			return nil, nil, err
		}
	}
	if !authz.Attachment(u, a, t, m) {
		return nil, nil, fmt.Errorf("attachment %d: %w", id, model.ErrNotFound)
	}
	f, err := s.blobs.Open(ctx, a.BlobKey)
	if err != nil {
		return nil, nil, err
	}
	return a, f, nil
}

// cleanText trims s and reports whether it is within max bytes.
func cleanText(s string, max int) (string, bool) {
	s = strings.TrimSpace(strings.ToValidUTF8(s, "\uFFFD"))
	return s, len(s) <= max
}

// cleanFileName keeps the last path element of a client's file name,
// without control characters, at most 200 bytes.
func cleanFileName(name string) string {
	name = name[strings.LastIndexAny(name, `/\`)+1:]
	name = plaintext.Line(name)
	for len(name) > 200 {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	if name == "" || name == "." || name == ".." {
		return "file"
	}
	return name
}

// cleanContentType keeps a well-formed type/subtype, else the generic one.
func cleanContentType(ct string) string {
	ct = strings.ToLower(strings.TrimSpace(strings.SplitN(ct, ";", 2)[0]))
	typ, sub, ok := strings.Cut(ct, "/")
	valid := func(s string) bool {
		return s != "" && len(s) < 100 && strings.IndexFunc(s, func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || strings.ContainsRune("+-.", r))
		}) < 0
	}
	if !ok || !valid(typ) || !valid(sub) {
		return "application/octet-stream"
	}
	return ct
}
