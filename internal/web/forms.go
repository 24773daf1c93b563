package web

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"supportal/internal/model"
	"supportal/internal/ticket"
)

// maxFormFields is the size of all text fields of a form together.
const maxFormFields = 1 << 20

// Form is a submitted form: its text fields and the files it carried,
// already stored as uploads of the user.
type Form struct {
	url.Values
	Uploads []*model.Attachment
}

// ParseForm reads a URL-encoded or multipart form. Files in the
// multipart field "attachments" are streamed one by one into the blob store as uploads of the
// signed-in user, never buffered whole in memory or spooled to temporary
// files; a file over the size limit stops reading with model.ErrTooLarge.
func (s *Server) ParseForm(w http.ResponseWriter, r *http.Request) (*Form, error) {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "multipart/form-data" {
		r.Body = http.MaxBytesReader(w, r.Body, maxFormFields)
		if err := r.ParseForm(); err != nil {
			return nil, fmt.Errorf("web: form: %w: %w", ErrBadRequest, err)
		}
		return &Form{Values: r.PostForm}, nil
	}
	limit := s.Tickets.MaxUpload()*ticket.MaxAttachments + maxFormFields
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, fmt.Errorf("web: form: %w: %w", ErrBadRequest, err)
	}
	f := &Form{Values: url.Values{}}
	textBytes := 0
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return f, nil
		}
		if err != nil {
			return nil, fmt.Errorf("web: form: %w: %w", ErrBadRequest, err)
		}
		name := part.FormName()
		if part.FileName() == "" {
			b, err := io.ReadAll(io.LimitReader(part, int64(maxFormFields-textBytes+1)))
			if err != nil {
				return nil, fmt.Errorf("web: form: %w: %w", ErrBadRequest, err)
			}
			textBytes += len(b)
			if textBytes > maxFormFields {
				return nil, model.ErrTooLarge
			}
			f.Add(name, string(b))
			continue
		}
		if name != "attachments" {
			// Only the field that takes files stores them; a file sent in
			// any other field is read and dropped, so no form can be used
			// to fill the store with uploads nobody attaches.
			if _, err := io.Copy(io.Discard, part); err != nil {
				return nil, fmt.Errorf("web: form: %w: %w", ErrBadRequest, err)
			}
			continue
		}
		if len(f.Uploads) >= ticket.MaxAttachments {
			return nil, model.Invalid("attachments", "error.too_many")
		}
		a, err := s.Tickets.Upload(r.Context(), UserOf(r), part.FileName(), part.Header.Get("Content-Type"), part)
		if err != nil {
			return nil, err
		}
		f.Uploads = append(f.Uploads, a)
	}
}

// UploadIDs lists the ids of the form's uploads.
func (f *Form) UploadIDs() []int64 {
	ids := make([]int64, len(f.Uploads))
	for i, a := range f.Uploads {
		ids[i] = a.ID
	}
	return ids
}

// Trimmed returns a field without surrounding white space.
func (f *Form) Trimmed(name string) string { return strings.TrimSpace(f.Get(name)) }

// Int64 returns a numeric field, or 0 if it is empty or not a number.
func (f *Form) Int64(name string) int64 {
	n, _ := strconv.ParseInt(strings.TrimSpace(f.Get(name)), 10, 64)
	return n
}

// safeTypes are content types served as themselves; every other file is
// served as application/octet-stream. All downloads are attachments in a
// sandbox anyway; this is a second fence.
var safeTypes = map[string]bool{
	"image/png": true, "image/jpeg": true, "image/gif": true, "image/webp": true,
	"application/pdf": true, "text/plain": true, "text/csv": true, "application/zip": true,
	"application/json": true, "message/rfc822": true,
}

// ServeAttachment sends a stored file as a download that cannot run in
// our origin: Content-Disposition attachment with the name encoded per
// RFC 6266, sniffing off, and a sandboxing CSP.
func ServeAttachment(w http.ResponseWriter, r *http.Request, a *model.Attachment, content io.ReadSeeker) {
	ct := a.ContentType
	if !safeTypes[ct] {
		ct = "application/octet-stream"
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	disposition := mime.FormatMediaType("attachment", map[string]string{"filename": a.Name})
	if disposition == "" {
		disposition = "attachment"
	}
	h.Set("Content-Disposition", disposition)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("Cache-Control", "private, no-cache")
	http.ServeContent(w, r, "", a.CreatedAt, content)
}

// AttachmentHandler serves GET …/attachments/{id} for pages and the API
// alike: the file if the user may read it, else 404.
func (s *Server) AttachmentHandler(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		s.NotFound(w, r)
		return
	}
	a, f, err := s.Tickets.OpenAttachment(r.Context(), UserOf(r), id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	defer f.Close()
	ServeAttachment(w, r, a, f)
}
