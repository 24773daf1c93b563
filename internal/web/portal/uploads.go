package portal

import (
	"context"
	"strconv"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/ticket"
	"supportal/internal/web"
)

// uploadIDs lists the files a form attaches: those it carried and those
// it names in "upload", kept from an earlier attempt. The service checks
// that each is an unattached upload of the user; an id that is not is a
// validation error there, not here.
func uploadIDs(f *web.Form) []int64 {
	ids := f.UploadIDs()
	for _, s := range f.Values["upload"] {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil && id > 0 {
			ids = append(ids, id)
		}
	}
	return ids
}

// keptUploads returns the files of a form to show again when it has to be
// corrected: the ones it carried, and those of its kept ids that authz
// lets the user read (its own uploads not attached yet).
func (h *handler) keptUploads(ctx context.Context, u *model.User, f *web.Form) ([]*model.Attachment, error) {
	if f == nil {
		return nil, nil
	}
	kept := append([]*model.Attachment(nil), f.Uploads...)
	for _, s := range f.Values["upload"] {
		if len(kept) >= ticket.MaxAttachments {
			break
		}
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			continue
		}
		a, err := h.s.Store.Attachment(ctx, id)
		if err != nil && !isNotFound(err) {
			return nil, err
		}
		if err == nil && authz.Attachment(u, a, nil, nil) {
			kept = append(kept, a)
		}
	}
	return kept, nil
}
