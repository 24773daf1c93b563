// Package app wires Supportal together: configuration → store → services →
// web surfaces → HTTP server. It owns start-up and graceful shutdown and
// nothing else.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/mail"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"supportal/internal/account"
	"supportal/internal/api"
	"supportal/internal/blob"
	"supportal/internal/config"
	"supportal/internal/document"
	"supportal/internal/i18n"
	"supportal/internal/ideas"
	"supportal/internal/imappoll"
	"supportal/internal/inbound"
	"supportal/internal/kb"
	"supportal/internal/mailout"
	"supportal/internal/mailtoken"
	"supportal/internal/model"
	"supportal/internal/netguard"
	"supportal/internal/org"
	"supportal/internal/secret"
	"supportal/internal/slaclock"
	"supportal/internal/sms"
	"supportal/internal/smtpd"
	"supportal/internal/store"
	"supportal/internal/ticket"
	"supportal/internal/web"
	accountweb "supportal/internal/web/account"
	"supportal/internal/web/admin"
	"supportal/internal/web/desk"
	"supportal/internal/web/ideaweb"
	"supportal/internal/web/kbweb"
	"supportal/internal/web/portal"
)

// App is a configured Supportal instance.
type App struct {
	Config   *config.Config
	Store    *store.Store
	Accounts *account.Service
	Tickets  *ticket.Service
	Orgs     *org.Service
	Web      *web.Server
	Keys     *secret.Keys
	Blobs    blob.Store
	Tokens   *mailtoken.Tokens
	Inbound  *inbound.Service
	Outbox   *mailout.Outbox
	Clock    *slaclock.Clock  // service-level due times of tickets
	Warner   *slaclock.Warner // warns teams of tickets soon due
	Dialer   *netguard.Dialer // for servers that admins configure
	Ideas    *ideas.Service   // the feature board
	Log      *slog.Logger
}

// Open connects to the database and migrates it, then builds the services
// and the web surfaces. The caller closes the App.
func Open(ctx context.Context, cfg *config.Config, log *slog.Logger) (*App, error) {
	st, err := OpenStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if _, err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, err
	}
	a, err := New(cfg, st, log)
	if err != nil {
		st.Close()
		return nil, err
	}
	return a, nil
}

// OpenStore opens the configured database, creating the data folder for
// SQLite if needed. It does not migrate.
func OpenStore(ctx context.Context, cfg *config.Config) (*store.Store, error) {
	if cfg.DatabaseURL == "" {
		if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
			return nil, fmt.Errorf("data folder: %w", err)
		}
	}
	return store.Open(ctx, cfg.DatabaseTarget())
}

// New builds the services and web surfaces on an open, migrated store.
func New(cfg *config.Config, st *store.Store, log *slog.Logger) (*App, error) {
	blobs, err := blob.NewDir(cfg.BlobDir())
	if err != nil {
		return nil, err
	}
	cat, err := i18n.Load(cfg.DefaultLanguage)
	if err != nil {
		return nil, err
	}
	keys, err := secret.Load(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	a := &App{
		Config:   cfg,
		Store:    st,
		Accounts: account.New(st, account.Config{}),
		Tickets:  ticket.New(st, blobs, cfg.MaxUpload),
		Orgs:     org.New(st),
		Log:      log,
		Keys:     keys,
		Blobs:    blobs,
	}
	a.Tokens = mailtoken.New(keys, mailDomain(cfg.Mail.From))
	a.Dialer = &netguard.Dialer{Allow: cfg.Mail.OutboundAllow}
	a.Tickets.SetSMS(&sms.Provider{Store: st, Keys: keys, Dialer: a.Dialer})
	a.Outbox, err = mailout.New(mailout.Config{Store: st, Blobs: blobs, Tokens: a.Tokens, Mail: cfg.Mail,
		BaseURL: cfg.BaseURL, DefaultLanguage: cfg.DefaultLanguage, Log: log})
	if err != nil {
		return nil, err
	}
	a.Tickets.SetMailer(a.Outbox)
	a.Clock = slaclock.New(cfg.TimeZone)
	a.Tickets.SetClock(a.Clock)
	a.Warner = &slaclock.Warner{Store: st, Kick: a.Outbox.Kick, Log: log,
		Mail: func(ctx context.Context, q *store.Queries, t *model.Ticket, due time.Time) error {
			return a.Outbox.SLAWarning(ctx, q, t, due, cfg.TimeZone)
		}}
	a.Accounts.SetMailer(a.Outbox, cfg.BaseURL)
	a.Orgs.SetNewsMailer(a.Outbox, cfg.BaseURL)
	a.Inbound = inbound.New(inbound.Config{
		Store: st, Blobs: blobs, Tokens: a.Tokens, Mailer: a.Outbox, BaseURL: cfg.BaseURL,
		From: cfg.Mail.From, MaxSize: cfg.Mail.MaxSize, Clock: a.Clock, Log: log,
	})
	docs := document.New(st, blobs)
	docs.SetMailer(a.Outbox)
	a.Web, err = web.NewServer(web.Deps{Config: cfg, Store: st, Accounts: a.Accounts, Tickets: a.Tickets, Orgs: a.Orgs, Catalog: cat, Log: log,
		Keys: keys, Blobs: blobs, Documents: docs})
	if err != nil {
		return nil, err
	}
	portal.Register(a.Web)
	desk.Register(a.Web, a.Outbox)
	accountweb.Register(a.Web)
	admin.Register(a.Web)
	admin.RegisterMail(a.Web, admin.Mail{
		Templates: a.Outbox,
		Kick:      a.Outbox.Kick,
		TestIMAP: func(ctx context.Context, mb *store.Mailbox, password string) error {
			return imappoll.Test(ctx, mb, password, a.Dialer)
		},
	})
	api.Register(a.Web)
	a.Ideas = ideas.New(st, blobs, a.Outbox)
	ideaweb.Register(a.Web, a.Ideas)
	api.RegisterIdeas(a.Web, a.Ideas)
	knowledge := kb.New(st, blobs, cfg.DefaultLanguage, cfg.MaxUpload)
	knowledge.SetMailer(a.Outbox)
	kbweb.Register(a.Web, knowledge)
	return a, nil
}

// mailDomain is the domain of an address such as "Support <s@example.com>",
// the right-hand side of our Message-IDs.
func mailDomain(from string) string {
	if a, err := mail.ParseAddress(from); err == nil {
		if _, d, ok := strings.Cut(a.Address, "@"); ok {
			return d
		}
	}
	return "localhost"
}

// Handler is the whole HTTP application.
func (a *App) Handler() http.Handler { return a.Web.Handler() }

// Close closes the database.
func (a *App) Close() error { return a.Store.Close() }

// Serve listens on the configured address and serves until ctx ends, then
// stops accepting, lets requests in flight finish (up to the shutdown
// timeout) and returns. ready, if not nil, is called once listening.
func (a *App) Serve(ctx context.Context, ready func(addr net.Addr)) error {
	ln, err := net.Listen("tcp", a.Config.Addr)
	if err != nil {
		return err
	}
	var smtpLn net.Listener
	if addr := a.Config.Mail.SMTPAddr; addr != "" {
		if smtpLn, err = net.Listen("tcp", addr); err != nil {
			ln.Close()
			return fmt.Errorf("smtp listener: %w", err)
		}
		a.Log.Info("receiving mail by SMTP", "addr", smtpLn.Addr().String())
	}
	srv := &http.Server{
		Handler:           a.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(a.Log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	// The page templates parse beside the first requests rather than
	// before listening: start-up is not held up by them, and a page
	// asked for meanwhile waits for them.
	go func() {
		if err := web.Preload(); err != nil {
			a.Log.Error("page templates", "err", err)
		}
		// Start-up's garbage (parsing, migrations, configuration) goes
		// back to the system now rather than when the scavenger gets to it.
		debug.FreeOSMemory()
	}()
	if ready != nil {
		ready(ln.Addr())
	}
	// Background work stops with the server; Serve returns after it has,
	// so nothing writes to the database once the caller closes it.
	wctx, stopWork := context.WithCancel(ctx)
	var work sync.WaitGroup
	defer work.Wait()
	defer stopWork()
	work.Go(func() { a.sweep(wctx) })
	work.Go(func() { a.Outbox.Run(wctx) })
	work.Go(func() { a.Warner.Run(wctx) })
	poller := &imappoll.Poller{Store: a.Store, Keys: a.Keys, Dialer: a.Dialer, Ingest: a.Inbound.Ingest,
		MaxSize: a.Config.Mail.MaxSize, Interval: a.Config.Mail.IMAPPoll, Reload: min(a.Config.Mail.IMAPPoll, imappoll.DefaultReload),
		Log: a.Log}
	work.Go(func() { poller.Run(wctx) })
	smtpErr := make(chan error, 1)
	if smtpLn != nil {
		smtp := &smtpd.Server{Store: a.Store, Ingest: a.Inbound.Ingest, MaxSize: a.Config.Mail.MaxSize,
			Domain: mailDomain(a.Config.Mail.From), Log: a.Log}
		work.Go(func() { smtpErr <- smtp.Serve(wctx, smtpLn) })
	}
	select {
	case err := <-errc:
		return err
	case err := <-smtpErr:
		if ctx.Err() == nil {
			return fmt.Errorf("smtp listener: %w", err)
		}
	case <-ctx.Done():
	}
	a.Log.Info("shutting down", "timeout", a.Config.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), a.Config.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// sweep removes expired sessions every hour until ctx ends. Several
// instances may sweep at once; the deletes are idempotent.
func (a *App) sweep(ctx context.Context) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if n, err := a.Store.DeleteExpiredSessions(ctx, store.Now()); err != nil && ctx.Err() == nil {
			a.Log.Warn("sweeping sessions", "err", err)
		} else if n > 0 {
			a.Log.Info("swept expired sessions", "count", n)
		}
		// Presence rows of tickets nobody opened again (see ticket.SeeTicket).
		if _, err := a.Store.DeleteStalePresence(ctx, store.Now().Add(-time.Hour)); err != nil && ctx.Err() == nil {
			a.Log.Warn("sweeping ticket presence", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
