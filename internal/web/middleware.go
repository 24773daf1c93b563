package web

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"

	"supportal/internal/model"
)

type ctxKey int

const (
	userKey ctxKey = iota
	langKey
	ipKey
	routeKey
)

// UserOf returns the signed-in user of a request, or nil.
func UserOf(r *http.Request) *model.User {
	u, _ := r.Context().Value(userKey).(*model.User)
	return u
}

// LangOf returns the interface language of a request.
func LangOf(r *http.Request) string {
	l, _ := r.Context().Value(langKey).(string)
	if l == "" {
		return "en"
	}
	return l
}

// ClientIP returns the client's address: the peer, or, when the peer is a
// trusted proxy, the last address its X-Forwarded-For names.
func ClientIP(r *http.Request) string {
	ip, _ := r.Context().Value(ipKey).(string)
	return ip
}

// SessionCookie is the name of the session cookie.
const SessionCookie = "supportal_session"

var errUnauthorized = errors.New("web: not signed in")

// authenticate finds the user of a request: a bearer token on API paths,
// else the session cookie. A bearer token that is wrong is an error of its
// own (401), not an anonymous request.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := context.WithValue(r.Context(), ipKey, s.clientIP(r))
		var u *model.User
		if auth := r.Header.Get("Authorization"); auth != "" && strings.HasPrefix(r.URL.Path, "/api/") {
			token, ok := strings.CutPrefix(auth, "Bearer ")
			var err error
			if ok {
				u, err = s.Accounts.TokenUser(ctx, strings.TrimSpace(token))
			}
			if !ok || err != nil {
				if err != nil && !errors.Is(err, model.ErrNotFound) {
					s.Log.Error("token lookup", "err", err)
				}
				s.Error(w, r.WithContext(context.WithValue(ctx, langKey, s.Catalog.Pick("", r.Header.Get("Accept-Language")))), errUnauthorized)
				return
			}
		} else if c, err := r.Cookie(SessionCookie); err == nil {
			u, err = s.Accounts.SessionUser(ctx, c.Value)
			if err != nil && !errors.Is(err, model.ErrNotFound) {
				s.Log.Error("session lookup", "err", err)
			}
		}
		lang := s.Catalog.Pick("", r.Header.Get("Accept-Language"))
		if u != nil {
			ctx = context.WithValue(ctx, userKey, u)
			lang = s.Catalog.Pick(u.Language, r.Header.Get("Accept-Language"))
		}
		ctx = context.WithValue(ctx, langKey, lang)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func (s *Server) clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	for _, p := range s.Config.TrustedProxies {
		if p.Contains(peer.Unmap()) {
			hops := strings.Split(r.Header.Get("X-Forwarded-For"), ",")
			if last := strings.TrimSpace(hops[len(hops)-1]); last != "" {
				if a, err := netip.ParseAddr(last); err == nil {
					return a.Unmap().String()
				}
			}
		}
	}
	return peer.Unmap().String()
}

// contentSecurityPolicy allows our own scripts, styles and images only, no
// framing by others, and forms that post only to us.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// securityHeaders sets the headers every response starts with. They are
// set before the handler runs, so a handler that serves something other
// than one of our pages replaces them by setting its own: ServeAttachment
// for downloads, FrameHeaders for documents our pages show in a frame.
// Every other response keeps them as they are.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		next.ServeHTTP(w, r)
	})
}

// FrameHeaders gives a document that our own pages show in a frame (the
// HTML of a received mail) its own Content-Security-Policy in place of
// the page policy, lets only our origin frame it, and keeps every
// address in it from learning where it was read (no referrer). A handler
// calls it when it writes the document, not before: an error page it
// answers instead keeps the page defaults.
func FrameHeaders(w http.ResponseWriter, policy string) {
	h := w.Header()
	h.Set("Content-Security-Policy", policy)
	h.Set("X-Frame-Options", "SAMEORIGIN")
	h.Set("Referrer-Policy", "no-referrer")
}

var (
	httpRequests = promauto.NewCounterVec(prometheus.CounterOpts{
		Name: "supportal_http_requests_total",
		Help: "HTTP requests by route and status code.",
	}, []string{"route", "code"})
	httpDuration = promauto.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "supportal_http_request_duration_seconds",
		Help:    "Time to answer HTTP requests, by route.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
	}, []string{"route"})
)

// statusRecorder remembers the status code a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// observe recovers from panics, logs every request and counts it in the
// metrics by route pattern (never by raw path, which would let clients
// create unbounded label values).
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		route := new(string) // the router fills in the pattern it matched
		r = r.WithContext(context.WithValue(r.Context(), routeKey, route))
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.Log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", p)
				if rec.status == 0 {
					s.Error(rec, r, errors.New("panic"))
				}
			}
			pattern := *route
			if pattern == "" {
				pattern = "unmatched"
			}
			d := time.Since(start)
			httpRequests.WithLabelValues(pattern, strconv.Itoa(rec.status)).Inc()
			httpDuration.WithLabelValues(pattern).Observe(d.Seconds())
			s.Log.Debug("request", "method", r.Method, "path", r.URL.Path, "route", pattern, "status", rec.status, "duration", d)
		}()
		next.ServeHTTP(rec, r)
	})
}
