package api

import (
	"errors"
	"fmt"
	"io"
	"net/http"

	"supportal/internal/model"
	"supportal/internal/web"
)

// maxUploadOverhead is what a multipart body may carry besides the file:
// boundaries, part headers and small text fields.
const maxUploadOverhead = 64 << 10

// upload answers POST /api/v1/uploads: one file in the multipart field
// "file", streamed into the blob store part by part (never buffered whole
// or spooled to a temporary file by the form parser). The answer, 201
// with the upload's id, is what messages and tickets take in
// "attachments".
func (h *handler) upload(w http.ResponseWriter, r *http.Request) {
	u := web.UserOf(r)
	r.Body = http.MaxBytesReader(w, r.Body, h.s.Tickets.MaxUpload()+maxUploadOverhead)
	mr, err := r.MultipartReader()
	if err != nil {
		h.s.Error(w, r, model.Invalid("file", "api.error.file"))
		return
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			h.s.Error(w, r, model.Invalid("file", "api.error.file"))
			return
		}
		if err != nil {
			h.s.Error(w, r, partError(err))
			return
		}
		if part.FormName() != "file" || part.FileName() == "" {
			_ = part.Close() // skipped; the body limit bounds what is read
			continue
		}
		body := &readRecorder{r: part}
		a, err := h.s.Tickets.Upload(r.Context(), u, part.FileName(), part.Header.Get("Content-Type"), body)
		if err != nil && body.err != nil {
			err = partError(body.err) // the client's body broke off, not our storage
		}
		if err != nil {
			h.s.Error(w, r, err)
			return
		}
		created(w, "", uploadOf(a))
		return
	}
}

// partError keeps the size limit's error (413) and makes anything else
// about a broken multipart body a bad request (400).
func partError(err error) error {
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) {
		return err
	}
	return fmt.Errorf("api: upload: %w: %w", web.ErrBadRequest, err)
}

// readRecorder remembers the error reading the request failed with, so a
// broken upload is told apart from a failure to store it.
type readRecorder struct {
	r   io.Reader
	err error
}

func (rr *readRecorder) Read(p []byte) (int, error) {
	n, err := rr.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		rr.err = err
	}
	return n, err
}
