package smtpd

import (
	"context"
	"errors"
	"io"
	"sync"
	"time"

	"github.com/emersion/go-smtp"

	"supportal/internal/inbound"
)

// The answers of the listener. Internal errors are never shown to the
// client.
var (
	errTemporary = &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "temporary failure, try again later"}
	errNoMailbox = &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such mailbox"}
	errTooLarge  = &smtp.SMTPError{Code: 552, EnhancedCode: smtp.EnhancedCode{5, 3, 4}, Message: "message too large"}
	errRejected  = &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: "message rejected"}
	errLongLine  = &smtp.SMTPError{Code: 500, EnhancedCode: smtp.EnhancedCode{5, 5, 2}, Message: "line too long"}
	errClosing   = &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 3, 2}, Message: "shutting down, try again later"}
)

// session is one client's dialogue. The library may call Data in a
// goroutine of its own (BDAT) while it resets the session, hence the lock.
type session struct {
	b      *backend
	remote string

	mu        sync.Mutex
	rcpts     []string
	mailboxID int64
}

// Reset forgets the mail in progress.
func (s *session) Reset() {
	s.mu.Lock()
	s.rcpts, s.mailboxID = nil, 0
	s.mu.Unlock()
}

// Logout ends the session; there is nothing to free.
func (s *session) Logout() error { return nil }

// Mail starts a mail. The envelope sender is not used: the pipeline reads
// the sender from the message, and bounces (an empty sender) are welcome.
func (s *session) Mail(string, *smtp.MailOptions) error {
	s.Reset()
	return nil
}

// Rcpt accepts a recipient that is one of our mailboxes. When the
// recipients of one mail belong to several mailboxes, the mail is stored
// once, for the mailbox of the first accepted recipient.
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	ctx, cancel := context.WithTimeout(s.b.ctx, 30*time.Second)
	defer cancel()
	id, ok, err := s.b.mailbox(ctx, to)
	if err != nil {
		s.b.log.Warn("smtp: cannot read the mailboxes", "err", err)
		return errTemporary
	}
	if !ok {
		s.b.log.Info("smtp: recipient refused", "rcpt", to, "client", s.remote)
		return errNoMailbox
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.rcpts) == 0 {
		s.mailboxID = id
	}
	s.rcpts = append(s.rcpts, to)
	return nil
}

// Data reads the mail and answers 250 only after the pipeline committed
// it.
func (s *session) Data(r io.Reader) error {
	limit := s.b.s.MaxSize
	raw, err := io.ReadAll(io.LimitReader(r, limit+1))
	if errors.Is(err, smtp.ErrDataTooLarge) || int64(len(raw)) > limit {
		s.b.log.Info("smtp: mail over the size limit refused", "client", s.remote, "limit", limit)
		return errTooLarge
	}
	if errors.Is(err, smtp.ErrTooLongLine) {
		// The client broke the protocol (RFC 5321 4.5.3.1.6): retrying
		// will not help.
		return errLongLine
	}
	if err != nil {
		return errTemporary
	}
	s.mu.Lock()
	src := inbound.Source{Kind: inbound.SourceSMTP, MailboxID: s.mailboxID, Recipients: append([]string(nil), s.rcpts...)}
	s.mu.Unlock()

	if !s.b.begin() {
		return errClosing
	}
	defer s.b.inflight.Done()
	ctx, cancel := context.WithTimeout(s.b.ctx, ingestTimeout)
	defer cancel()
	res, err := s.b.s.Ingest(ctx, raw, src)
	switch {
	case err == nil:
		if res == nil {
			res = &inbound.Result{}
		}
		s.b.log.Info("smtp: mail received", "client", s.remote, "rcpt", src.Recipients, "size", len(raw),
			"ticket", res.Ticket, "duplicate", res.Duplicate)
		return nil
	case inbound.Permanent(err):
		s.b.log.Info("smtp: mail refused", "client", s.remote, "err", err)
		if errors.Is(err, inbound.ErrTooLarge) {
			return &smtp.SMTPError{Code: 554, EnhancedCode: errTooLarge.EnhancedCode, Message: errTooLarge.Message}
		}
		return errRejected
	default:
		s.b.log.Warn("smtp: mail could not be stored; the sender will retry", "client", s.remote, "err", err)
		return errTemporary
	}
}
