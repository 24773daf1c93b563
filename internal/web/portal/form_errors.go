package portal

import (
	"errors"
	"net/http"

	"supportal/internal/i18n"
	"supportal/internal/model"
	"supportal/internal/web"
)

// formErrors turns the errors a user can fix into translated field errors
// and the status to answer with: a validation error (422), or a file over
// the size limit (413, on the attachments field). ok is false for any
// other error, which the caller answers as it is.
func (h *handler) formErrors(r *http.Request, err error) (errs map[string]string, status int, ok bool) {
	lang := web.LangOf(r)
	var verr *model.ValidationError
	var maxErr *http.MaxBytesError
	switch {
	case errors.As(err, &verr):
		errs = map[string]string{}
		for field, key := range verr.Fields {
			errs[field] = h.s.Catalog.T(lang, key)
		}
		return errs, http.StatusUnprocessableEntity, true
	case errors.Is(err, model.ErrTooLarge), errors.As(err, &maxErr):
		limit := h.s.Catalog.T(lang, "error.too_large", "Limit", i18n.Size(lang, h.s.Tickets.MaxUpload()))
		return map[string]string{"attachments": limit}, http.StatusRequestEntityTooLarge, true
	}
	return nil, 0, false
}

// isNotFound reports whether err says an object does not exist (or may
// not be seen, which is the same).
func isNotFound(err error) bool { return errors.Is(err, model.ErrNotFound) }
