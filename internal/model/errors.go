package model

import (
	"errors"
	"maps"
	"slices"
	"strings"
)

// Sentinel errors returned by the store and the services. The web and API
// layers map them to status codes in one place.
var (
	// ErrNotFound: the object does not exist or the caller may not see it.
	// The two are deliberately the same error (SECURITY rule 2).
	ErrNotFound = errors.New("not found")
	// ErrForbidden: the caller sees the object but may not do this to it.
	ErrForbidden = errors.New("forbidden")
	// ErrConflict: the change collides with existing data (a taken email).
	ErrConflict = errors.New("conflict")
	// ErrTooLarge: a file or request is over its size limit.
	ErrTooLarge = errors.New("too large")
	// ErrRateLimited: too many attempts; try again later.
	ErrRateLimited = errors.New("rate limited")
)

// ValidationError lists what is wrong with user input, field by field. The
// values are message keys of the i18n catalogues (for example
// "error.required"), translated at the edge into the user's language.
type ValidationError struct {
	Fields map[string]string
}

// Invalid returns a ValidationError for one field.
func Invalid(field, key string) *ValidationError {
	return &ValidationError{Fields: map[string]string{field: key}}
}

// Add records a problem with a field; the first problem of a field wins.
func (e *ValidationError) Add(field, key string) {
	if e.Fields == nil {
		e.Fields = map[string]string{}
	}
	if _, ok := e.Fields[field]; !ok {
		e.Fields[field] = key
	}
}

// Err returns e if it holds any problem, else nil.
func (e *ValidationError) Err() error {
	if e == nil || len(e.Fields) == 0 {
		return nil
	}
	return e
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("invalid input:")
	for _, f := range slices.Sorted(maps.Keys(e.Fields)) {
		b.WriteString(" " + f + ": " + e.Fields[f] + ";")
	}
	return b.String()
}
