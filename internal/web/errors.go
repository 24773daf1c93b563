package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"supportal/internal/i18n"
	"supportal/internal/model"
)

var errCrossOrigin = errors.New("web: cross-origin request refused")

// ErrBadJSON is a request body that does not decode.
var ErrBadJSON = errors.New("web: malformed JSON")

// ErrBadRequest is a request that is malformed in some other way.
var ErrBadRequest = errors.New("web: malformed request")

// errorPage is the data of the error page.
type errorPage struct {
	*Page
	Text string
}

// status maps an error to its status code and catalogue key. This is the
// one place where errors become status codes.
func status(err error) (int, string) {
	var verr *model.ValidationError
	var maxErr *http.MaxBytesError
	switch {
	case errors.As(err, &maxErr):
		return http.StatusRequestEntityTooLarge, "error.too_large"
	case errors.As(err, &verr):
		return http.StatusUnprocessableEntity, "error.form"
	case errors.Is(err, errUnauthorized):
		return http.StatusUnauthorized, "error.unauthorized"
	case errors.Is(err, model.ErrNotFound):
		return http.StatusNotFound, "error.not_found"
	case errors.Is(err, model.ErrForbidden), errors.Is(err, errCrossOrigin):
		return http.StatusForbidden, "error.forbidden"
	case errors.Is(err, model.ErrTooLarge):
		return http.StatusRequestEntityTooLarge, "error.too_large"
	case errors.Is(err, model.ErrRateLimited):
		return http.StatusTooManyRequests, "error.rate_limited"
	case errors.Is(err, model.ErrConflict):
		return http.StatusConflict, "error.conflict"
	case errors.Is(err, ErrBadJSON):
		return http.StatusBadRequest, "error.bad_json"
	case errors.Is(err, ErrBadRequest):
		return http.StatusBadRequest, "error.bad_request"
	}
	return http.StatusInternalServerError, "error.internal"
}

// IsAPI reports whether a request is for the JSON API.
func IsAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// Error answers a request with the error's status: JSON for the API
// ({"error", "fields"}), a page otherwise. Unexpected errors are logged
// and shown without detail.
func (s *Server) Error(w http.ResponseWriter, r *http.Request, err error) {
	code, key := status(err)
	if code == http.StatusInternalServerError {
		s.Log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	lang := LangOf(r)
	msg := s.Catalog.T(lang, key, "Limit", i18n.Size(lang, s.Config.MaxUpload))
	if IsAPI(r) {
		body := map[string]any{"error": msg}
		var verr *model.ValidationError
		if errors.As(err, &verr) {
			fields := map[string]string{}
			for f, k := range verr.Fields {
				fields[f] = s.Catalog.T(lang, k, "Limit", i18n.Size(lang, s.Config.MaxUpload))
			}
			body["fields"] = fields
			if len(fields) == 1 {
				for _, m := range fields {
					body["error"] = m
				}
			}
		}
		if code == http.StatusUnauthorized {
			w.Header().Set("WWW-Authenticate", `Bearer realm="supportal"`)
		}
		WriteJSON(w, code, body)
		return
	}
	titles := map[int]string{
		http.StatusNotFound: "page.not_found.title", http.StatusForbidden: "page.forbidden.title",
		http.StatusRequestEntityTooLarge: "page.too_large.title", http.StatusTooManyRequests: "page.rate_limited.title",
	}
	title, ok := titles[code]
	if !ok {
		title = "page.error.title"
	}
	p := &errorPage{Page: s.NewPage(r, title), Text: msg}
	switch code {
	case http.StatusNotFound:
		p.Text = p.T("page.not_found.text")
	case http.StatusInternalServerError:
		p.Text = p.T("page.error.text")
	}
	s.Render(w, r, code, "error", p)
}

// NotFound answers 404, exactly as for an object that does not exist.
func (s *Server) NotFound(w http.ResponseWriter, r *http.Request) { s.Error(w, r, model.ErrNotFound) }

// WriteJSON writes v as JSON with status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}
