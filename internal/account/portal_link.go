package account

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"supportal/internal/model"
	"supportal/internal/secret"
	"supportal/internal/store"
)

// A portal link signs a contact in from the company's own software: an
// agent's program asks the API for a link for a contact and opens it in
// the contact's browser.
//
// The token is a random 256-bit value, the target path and an HMAC of
// both under the instance key:
//
//	<random>.<base64url(next)>.<hmac>
//
// The HMAC binds the target to the link (an altered path or a link of
// another instance fails before the database is asked); the random part
// makes it unguessable; the row in user_tokens (the token's SHA-256 hash,
// purpose portal_link) makes it single use, short-lived, bound to one
// contact and the newest one only, as reset links are.
//
// A link never stands in for a second factor: contacts with two-factor
// sign-in get none, and a link made before they turned it on is refused.

// PurposePortalLink is the purpose of the one-time portal sign-in link.
const PurposePortalLink = "portal_link"

// PortalLinkTTL is how long a portal link may wait to be opened.
const PortalLinkTTL = 5 * time.Minute

// maxPortalNext is the longest target path a link carries.
const maxPortalNext = 500

// ErrPortalLinkRefused is the answer to a valid link of an account that
// may not sign in by link (an agent, a deactivated contact or one with
// two-factor sign-in): the sign-in is refused, the link spent.
var ErrPortalLinkRefused = errors.New("account: portal link refused for this account")

// PortalLinks makes and spends portal links.
type PortalLinks struct {
	s    *Service
	keys *secret.Keys
}

// PortalLinks returns the portal links signed with keys.
func (s *Service) PortalLinks(keys *secret.Keys) *PortalLinks {
	return &PortalLinks{s: s, keys: keys}
}

// PortalLink is a link just made: the token for /portal?token= and when
// it stops working.
type PortalLink struct {
	Token     string
	Next      string
	ExpiresAt time.Time
}

// ValidPortalNext reports whether next may be the target of a link: ""
// (the portal home) or a relative path inside the portal.
func ValidPortalNext(next string) bool {
	if next == "" {
		return true
	}
	if len(next) > maxPortalNext || strings.ContainsAny(next, "\\\r\n\t ") || strings.Contains(next, "..") || strings.Contains(next, "//") {
		return false
	}
	return next == "/portal" || strings.HasPrefix(next, "/portal/") || strings.HasPrefix(next, "/portal?")
}

// Create makes a link for contact c, requested by agent by; it replaces
// the contact's earlier unused link. Callers who are not agents get
// model.ErrForbidden; an agent account or a deactivated contact as c is
// a validation error on field, as is a contact with two-factor sign-in.
func (p *PortalLinks) Create(ctx context.Context, by, c *model.User, field, next string) (PortalLink, error) {
	if by == nil || !by.IsAgent() {
		return PortalLink{}, model.ErrForbidden
	}
	switch {
	case !c.IsContact():
		return PortalLink{}, model.Invalid(field, "home.link.error.not_contact")
	case !c.Active:
		return PortalLink{}, model.Invalid(field, "home.link.error.inactive")
	case c.TOTPEnabled:
		return PortalLink{}, model.Invalid(field, "home.link.error.twofactor")
	}
	if !ValidPortalNext(next) {
		return PortalLink{}, model.Invalid("next", "home.link.error.next")
	}
	random, _ := NewSecret("")
	body := random + "." + base64.RawURLEncoding.EncodeToString([]byte(next))
	token := body + "." + p.keys.Sign(PurposePortalLink, body)
	expires := store.Now().Add(PortalLinkTTL)
	if err := p.s.st.CreateUserToken(ctx, c.ID, PurposePortalLink, Hash(token), expires); err != nil {
		return PortalLink{}, fmt.Errorf("account: portal link: %w", err)
	}
	return PortalLink{Token: token, Next: next, ExpiresAt: expires}, nil
}

// parse checks the signature of a token and returns its target path; a
// token that is malformed, altered or signed by another instance is
// model.ErrNotFound.
func (p *PortalLinks) parse(token string) (string, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 || parts[0] == "" {
		return "", fmt.Errorf("account: portal link: %w", model.ErrNotFound)
	}
	if !p.keys.Verify(PurposePortalLink, parts[0]+"."+parts[1], parts[2]) {
		return "", fmt.Errorf("account: portal link signature: %w", model.ErrNotFound)
	}
	next, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil || !ValidPortalNext(string(next)) {
		return "", fmt.Errorf("account: portal link target: %w", model.ErrNotFound)
	}
	return string(next), nil
}

// User returns the contact of a valid link and its target without
// spending it, for the page that asks to continue. An unknown, altered,
// used or expired link is model.ErrNotFound; one of an account that may
// not sign in by link is ErrPortalLinkRefused.
func (p *PortalLinks) User(ctx context.Context, token string) (*model.User, string, error) {
	next, err := p.parse(token)
	if err != nil {
		return nil, "", err
	}
	id, err := p.s.st.UserTokenUser(ctx, PurposePortalLink, Hash(token), store.Now())
	if err != nil {
		return nil, "", err
	}
	u, err := p.s.st.User(ctx, id)
	if err != nil {
		return nil, "", err
	}
	return u, next, mayUseLink(u)
}

// Use spends a link and returns its contact and target; the caller
// starts the session. Errors as for User; a refused account's link is
// spent too.
func (p *PortalLinks) Use(ctx context.Context, token string) (*model.User, string, error) {
	next, err := p.parse(token)
	if err != nil {
		return nil, "", err
	}
	var u *model.User
	err = p.s.st.InTx(ctx, func(q *store.Queries) error {
		id, err := q.UseUserToken(ctx, PurposePortalLink, Hash(token), store.Now())
		if err != nil {
			return err
		}
		u, err = q.User(ctx, id)
		return err
	})
	if err != nil {
		return nil, "", fmt.Errorf("account: use portal link: %w", err)
	}
	return u, next, mayUseLink(u)
}

// mayUseLink refuses the accounts a link may not sign in.
func mayUseLink(u *model.User) error {
	if !u.IsContact() || !u.Active || u.TOTPEnabled {
		return ErrPortalLinkRefused
	}
	return nil
}
