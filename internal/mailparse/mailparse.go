// Package mailparse turns one raw RFC 5322 message into what the helpdesk
// stores: decoded headers, a plain-text and a sanitized HTML body, the
// attachments (TNEF unpacked, forwarded mails kept whole), whether the mail was
// sent automatically, and the sender authentication results the receiving
// server recorded.
//
// Mail is attacker input. Parse bounds the work one message may cost (size,
// MIME parts, nesting, wall time), tolerates every defect it can read past and
// lists those in Message.Problems, and returns only valid UTF-8 without NUL
// bytes so that every string can go straight into a database.
package mailparse

import (
	"bytes"
	"errors"
	"fmt"
	"sync/atomic"
	"time"
)

// Limits bound the work one message may cost. A zero or negative field means
// the default from DefaultLimits.
type Limits struct {
	MaxSize  int64         // bytes of the raw message (default 50 MiB)
	MaxParts int           // MIME parts (default 500)
	MaxDepth int           // MIME nesting (default 20)
	Timeout  time.Duration // wall time for Parse (default 20s)
}

// DefaultLimits returns the limits used for a zero Limits value.
func DefaultLimits() Limits {
	return Limits{
		MaxSize:  50 << 20,
		MaxParts: 500,
		MaxDepth: 20,
		Timeout:  20 * time.Second,
	}
}

func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxSize <= 0 {
		l.MaxSize = d.MaxSize
	}
	if l.MaxParts <= 0 {
		l.MaxParts = d.MaxParts
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = d.MaxDepth
	}
	if l.Timeout <= 0 {
		l.Timeout = d.Timeout
	}
	return l
}

// Errors Parse returns; test with errors.Is.
var (
	ErrTooLarge     = errors.New("mailparse: message too large")
	ErrTooManyParts = errors.New("mailparse: too many MIME parts")
	ErrTooDeep      = errors.New("mailparse: MIME nesting too deep")
	ErrTimeout      = errors.New("mailparse: parsing took too long")
	ErrNoHeader     = errors.New("mailparse: no readable header")
	ErrParser       = errors.New("mailparse: MIME parser failed")
	errStopped      = errors.New("mailparse: stopped")
)

// Address is one mailbox of an address header.
type Address struct {
	Name  string // display name, decoded (RFC 2047), on one line
	Email string // the addr-spec, trimmed and lower-cased
}

// Part is an attachment or an inline image.
type Part struct {
	Name        string // file name, decoded, cleaned (no path, no control chars); a generated one when the part had none
	ContentType string // e.g. "image/png" (no parameters)
	ContentID   string // without angle brackets
	Inline      bool   // an image referenced by cid: from the HTML body
	Data        []byte
}

// AuthResults are the sender authentication results from the topmost
// Authentication-Results header: lower-case result words ("pass", "fail",
// "softfail", "none", ...) or "" when not reported.
type AuthResults struct{ SPF, DKIM, DMARC string }

// Message is a parsed mail.
type Message struct {
	MessageID   string    // without <>; "" if missing or unusable
	InReplyTo   []string  // Message-IDs without <>
	References  []string  // in order, without <>
	From        Address   // From; if missing, Sender; if missing, the first Reply-To
	ReplyTo     []Address // Reply-To
	To, Cc      []Address // To and Cc
	DeliveredTo []string  // addresses from Delivered-To, X-Original-To, Envelope-To (normalized)
	Subject     string    // decoded, whitespace collapsed to one line
	Date        time.Time // Date; if unreadable, the newest Received date; else zero
	// Text is the plain text body; when the mail has only HTML, text derived
	// from it (readable, paragraphs kept).
	Text string
	// HTML is the HTML body, already passed through Sanitize; "" when the mail
	// had no HTML part.
	HTML string
	// Attachments holds every attachment and inline part, winmail.dat (TNEF)
	// unpacked into its files, forwarded messages (message/rfc822) kept as one
	// "<subject>.eml" attachment.
	Attachments []Part
	// Auto is "" for a mail a person wrote; else why it is automatic:
	// "bounce", "report", "auto-submitted", "auto-reply",
	// "auto-response-suppress" or "precedence" (the Auto* constants).
	Auto string
	// BounceRefs holds, for a bounce, the Message-ID and References of the
	// original message it returns, when found.
	BounceRefs []string
	Auth       AuthResults
	// Problems lists non-fatal defects met while parsing, in short English.
	Problems []string
}

// Parse reads raw. It returns an error only when the message is beyond the
// limits (ErrTooLarge, ErrTooManyParts, ErrTooDeep, ErrTimeout) or not even
// its header can be read (ErrNoHeader); broken MIME, unknown charsets, bad
// base64 etc. are tolerated and listed in Problems. Should the MIME library
// panic on some input, Parse recovers and returns ErrParser. Whatever the
// error, Fallback reads what it can.
//
// The size, part count and nesting depth are checked before any decoding. The
// decoding itself runs in a goroutine bounded by lim.Timeout; when the time is
// up Parse returns ErrTimeout at once and tells that goroutine to stop. The
// MIME parser is synchronous and cannot be interrupted mid-call, so it stops at
// its next read of the message; the work it may still do meanwhile is bounded
// by the size, part and depth limits already checked.
func Parse(raw []byte, lim Limits) (*Message, error) {
	lim = lim.withDefaults()
	if int64(len(raw)) > lim.MaxSize {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(raw), lim.MaxSize)
	}
	raw, junk := skipJunkLines(normalizeInput(raw))
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, fmt.Errorf("%w: empty message", ErrNoHeader)
	}
	if err := checkStructure(raw, lim); err != nil {
		return nil, err
	}

	type result struct {
		m   *Message
		err error
	}
	var stop atomic.Bool
	done := make(chan result, 1) // buffered: a late result must not block the goroutine
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- result{nil, fmt.Errorf("%w: %v", ErrParser, r)}
			}
		}()
		p := &parser{raw: raw, lim: lim, stop: &stop, junk: junk}
		m, err := p.parse()
		done <- result{m, err}
	}()

	timer := time.NewTimer(lim.Timeout)
	defer timer.Stop()
	select {
	case r := <-done:
		if r.err != nil {
			return nil, r.err
		}
		return r.m, nil
	case <-timer.C:
		stop.Store(true)
		return nil, fmt.Errorf("%w: limit %s", ErrTimeout, lim.Timeout)
	}
}
