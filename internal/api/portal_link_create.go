package api

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"supportal/internal/model"
	"supportal/internal/web"
)

// createPortalLinkRequest is the body of POST /api/v1/portal-links: the
// contact by id or address, and where the link leads in the portal.
type createPortalLinkRequest struct {
	ContactID int64  `json:"contact_id"`
	Email     string `json:"email"`
	Next      string `json:"next"`
}

// portalLinkResponse is the link just made.
type portalLinkResponse struct {
	URL       string    `json:"url"`
	ExpiresAt time.Time `json:"expires_at"`
}

// portalLinkCreate answers POST /api/v1/portal-links: an agent (the
// company's software with an agent's token) gets a one-time link that
// signs a contact into the portal. Contacts may not make links: 403. An
// unknown contact is a validation error on the field that named it, like
// an agent account, a deactivated contact or one with two-factor sign-in.
func (h *handler) portalLinkCreate(w http.ResponseWriter, r *http.Request) {
	u := web.UserOf(r)
	if !u.IsAgent() {
		h.s.Error(w, r, model.ErrForbidden)
		return
	}
	var req createPortalLinkRequest
	if err := decodeJSON(w, r, &req); err != nil {
		h.s.Error(w, r, err)
		return
	}
	ctx := r.Context()
	field := "contact_id"
	var c *model.User
	var err error
	switch {
	case req.ContactID > 0:
		c, err = h.s.Store.User(ctx, req.ContactID)
	case strings.TrimSpace(req.Email) != "":
		field = "email"
		c, err = h.s.Store.UserByEmail(ctx, strings.TrimSpace(req.Email))
	default:
		h.s.Error(w, r, model.Invalid("contact_id", "home.link.error.contact_required"))
		return
	}
	if errors.Is(err, model.ErrNotFound) {
		h.s.Error(w, r, model.Invalid(field, "home.link.error.unknown"))
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	link, err := h.s.Accounts.PortalLinks(h.s.Keys).Create(ctx, u, c, field, req.Next)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	created(w, "", portalLinkResponse{
		URL:       strings.TrimRight(h.s.Config.BaseURL, "/") + "/portal?token=" + url.QueryEscape(link.Token),
		ExpiresAt: link.ExpiresAt,
	})
}
