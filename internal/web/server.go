// Package web is the HTTP ground the portal, the desk, the admin pages and
// the API stand on: the router that records every route with the access it
// needs, the middleware (security headers, cross-origin protection,
// sign-in, language), templates and page data, forms with uploads, file
// downloads, and the mapping of errors to status codes.
package web

import (
	"log/slog"
	"net/http"

	"supportal/internal/account"
	"supportal/internal/blob"
	"supportal/internal/config"
	"supportal/internal/document"
	"supportal/internal/i18n"
	"supportal/internal/org"
	"supportal/internal/secret"
	"supportal/internal/store"
	"supportal/internal/ticket"
)

// Deps are the configuration and services the handlers work with.
type Deps struct {
	Config   *config.Config
	Store    *store.Store
	Accounts *account.Service
	Tickets  *ticket.Service
	Orgs     *org.Service
	Catalog  *i18n.Catalog
	Log      *slog.Logger
	Keys     *secret.Keys // encrypts stored passwords
	Blobs    blob.Store   // raw mails and files
	// Documents are the organizations' documents; nil: no document pages.
	Documents *document.Service
}

// Server holds what every handler needs. Surfaces keep a pointer to it.
type Server struct {
	Deps
	router *Router
}

// NewServer returns a Server with the common routes. The page templates
// are parsed on first use, or by Preload.
func NewServer(d Deps) (*Server, error) {
	s := &Server{Deps: d}
	s.router = newRouter(s)
	s.registerCommon()
	return s, nil
}

// Router returns the router that surfaces register their routes with.
func (s *Server) Router() *Router { return s.router }

// Handler returns the whole application with its middleware, outermost
// first: panic recovery and access log, security headers, cross-origin
// protection of state-changing requests, then sign-in and language.
func (s *Server) Handler() http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.Error(w, r, errCrossOrigin)
	}))
	var h http.Handler = s.router.mux
	h = s.authenticate(h)
	h = cop.Handler(h)
	h = securityHeaders(h)
	h = s.observe(h)
	return h
}
