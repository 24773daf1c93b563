// Package mailout owns the mail Supportal sends: it writes agents' replies
// and notifications into the outbox — inside the transaction of the
// change that caused them, built from templates admins may edit — and
// delivers the outbox to an SMTP relay with retries and backoff.
//
// Every mail is kept whole: the complete RFC 5322 message is a blob
// written when the mail is queued, so what an admin sees in the outbox is
// exactly what goes out (plus the DKIM signature, added just before
// sending).
package mailout

import (
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/mail"
	"strings"
	"time"

	"supportal/internal/blob"
	"supportal/internal/config"
	"supportal/internal/mailtoken"
	"supportal/internal/store"
	"supportal/internal/ticket"
)

// Config is what New needs; the application fills it from its own
// configuration.
type Config struct {
	Store           *store.Store
	Blobs           blob.Store
	Tokens          *mailtoken.Tokens
	Mail            config.Mail
	BaseURL         string // public address of the web interface, for links
	DefaultLanguage string // for recipients who chose none
	Log             *slog.Logger

	// RootCAs, when set, are the only authorities trusted for the relay's
	// certificate (a relay with a private CA); nil: the system's.
	RootCAs *x509.CertPool
	// Now is the clock; nil: store.Now.
	Now func() time.Time
	// Poll is how often Run looks for due mail when nobody calls Kick;
	// 0: every 2 seconds.
	Poll time.Duration
}

// Outbox queues and delivers outgoing mail. It implements ticket.Mailer.
type Outbox struct {
	st       *store.Store
	blobs    blob.Store
	tokens   *mailtoken.Tokens
	log      *slog.Logger
	now      func() time.Time
	poll     time.Duration
	giveUp   time.Duration
	maxSize  int64
	baseURL  string
	lang     string // default language
	from     mail.Address
	relay    *relay // nil: mail stays in the outbox
	dkim     *dkimSigner
	defaults map[templateKey]TemplateText
	kick     chan struct{}
}

var _ ticket.Mailer = (*Outbox)(nil)

// New checks cfg and returns an Outbox. A relay URL that does not parse
// or a DKIM key that cannot be read is an error.
func New(cfg Config) (*Outbox, error) {
	if cfg.Store == nil || cfg.Blobs == nil || cfg.Tokens == nil {
		return nil, errors.New("mailout: Store, Blobs and Tokens are required")
	}
	o := &Outbox{
		st: cfg.Store, blobs: cfg.Blobs, tokens: cfg.Tokens, log: cfg.Log, now: cfg.Now, poll: cfg.Poll,
		giveUp: cfg.Mail.GiveUp, maxSize: cfg.Mail.MaxSize, baseURL: strings.TrimSuffix(cfg.BaseURL, "/"),
		kick: make(chan struct{}, 1),
	}
	if o.log == nil {
		o.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if o.now == nil {
		o.now = store.Now
	}
	if o.poll <= 0 {
		o.poll = 2 * time.Second
	}
	if o.giveUp <= 0 {
		o.giveUp = config.Default().Mail.GiveUp
	}
	if o.maxSize <= 0 {
		o.maxSize = config.Default().Mail.MaxSize
	}
	o.lang = supportedLanguage(cfg.DefaultLanguage, "en")
	from, err := mail.ParseAddress(cfg.Mail.From)
	if err != nil {
		return nil, fmt.Errorf("mailout: sender %q: %w", cfg.Mail.From, err)
	}
	o.from = *from
	if cfg.Mail.Relay != "" {
		if o.relay, err = parseRelay(cfg.Mail.Relay, cfg.RootCAs, domainOf(from.Address)); err != nil {
			return nil, err
		}
	}
	if cfg.Mail.DKIMKey != "" {
		domain := cfg.Mail.DKIMDomain
		if domain == "" {
			domain = domainOf(from.Address)
		}
		if o.dkim, err = loadDKIM(cfg.Mail.DKIMKey, domain, cfg.Mail.DKIMSel); err != nil {
			return nil, err
		}
	}
	if o.defaults, err = loadDefaults(); err != nil {
		return nil, err
	}
	return o, nil
}

// Kick wakes Run to look for due mail now, for callers that just
// committed a change that queued mail. It never blocks.
func (o *Outbox) Kick() {
	select {
	case o.kick <- struct{}{}:
	default:
	}
}

// domainOf returns the part of an address after the @.
func domainOf(addr string) string {
	_, d, _ := strings.Cut(addr, "@")
	return strings.ToLower(d)
}

// portalLink is the address of ticket n in the customer portal.
func (o *Outbox) portalLink(n int64) string {
	return fmt.Sprintf("%s/portal/tickets/%d", o.baseURL, n)
}

// deskLink is the address of ticket t in the desk, for mail to agents.
func (o *Outbox) deskLink(n int64) string {
	return fmt.Sprintf("%s/desk/tickets/%d", o.baseURL, n)
}
