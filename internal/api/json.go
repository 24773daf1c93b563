package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"supportal/internal/model"
	"supportal/internal/web"
)

// maxJSONBody is the largest request body a JSON endpoint reads. Files
// come through /uploads, so 2 MiB leaves ample room for a long message.
const maxJSONBody = 2 << 20

// decodeJSON reads the request body into dst, a pointer to a struct that
// lists every accepted field. It refuses what a careful client would not
// send: unknown fields (422 naming the field), values of the wrong type
// (422 naming the field), malformed JSON or data after the object
// (web.ErrBadJSON, 400), and bodies over maxJSONBody (413).
func decodeJSON(w http.ResponseWriter, r *http.Request, dst any) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxJSONBody)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		var maxErr *http.MaxBytesError
		if errors.As(err, &maxErr) {
			return err
		}
		return fmt.Errorf("api: data after the JSON object: %w", web.ErrBadJSON)
	}
	return nil
}

// decodeError turns an error of encoding/json into one web.Server.Error
// maps to the right status and message.
func decodeError(err error) error {
	var maxErr *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &maxErr):
		return err
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return model.Invalid(typeErr.Field, "api.error.type")
	}
	// encoding/json has no type for an unknown field; its message is
	// stable: json: unknown field "name".
	if rest, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		if name, err := strconv.Unquote(rest); err == nil {
			return model.Invalid(shorten(name, 100), "error.unknown_field")
		}
	}
	return fmt.Errorf("api: %w: %w", web.ErrBadJSON, err)
}

// shorten cuts a name the client chose to at most n runes, so an error
// does not echo a huge key back.
func shorten(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// optional is a request field that may be absent, null, or a value. PATCH
// needs the three apart: absent keeps a field, null clears it.
type optional[T any] struct {
	Set   bool // the field is in the request
	Null  bool // and is null
	Value T
}

// UnmarshalJSON records that the field was present; encoding/json calls it
// for null too.
func (o *optional[T]) UnmarshalJSON(b []byte) error {
	o.Set = true
	if string(b) == "null" {
		o.Null = true
		return nil
	}
	return json.Unmarshal(b, &o.Value)
}

// ptr returns a pointer to the value when the field was sent (null gives
// the zero value), else nil: the form the service's params take.
func (o optional[T]) ptr() *T {
	if !o.Set {
		return nil
	}
	v := o.Value
	return &v
}
