package account

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"supportal/internal/mailout"
	"supportal/internal/model"
	"supportal/internal/store"
)

// Settings an admin changes on the settings page.
const (
	// SettingSelfRegistration is "open" when anyone may register in the
	// portal; anything else (the default) keeps registration closed.
	SettingSelfRegistration = "accounts.self_registration"
	// SettingRequire2FAAgents is "1" when agents must sign in with a
	// second factor.
	SettingRequire2FAAgents = "accounts.require_2fa_agents"
)

// PurposeVerifyEmail is the purpose of the link that confirms the address
// of a self-registered contact.
const PurposeVerifyEmail = "verify_email"

// Limits of self-registration: how long the confirmation link lives and
// how many registrations an address or a client may start per window.
const (
	verifyTTL          = 24 * time.Hour
	signupWindow       = time.Hour
	signupPerAccount   = 5
	signupPerClientIP  = 20
	selfRegistrationOn = "open"
)

// ErrRegistrationClosed is the answer to a registration while the admin
// has not opened self-registration.
var ErrRegistrationClosed = errors.New("account: self-registration is closed")

// Work that must be done whether or not an address exists, so that the
// answer takes as long either way. They are variables so that a test can
// count them.
var (
	hashPassword = HashPassword
	newSecret    = NewSecret
)

// Registration is what a visitor enters to register in the portal.
type Registration struct {
	Name     string
	Email    string
	Password string
	Language string
	ClientIP string // for throttling
}

// SelfRegistrationOpen reports whether visitors may register themselves.
func (s *Service) SelfRegistrationOpen(ctx context.Context) (bool, error) {
	v, err := s.st.Setting(ctx, SettingSelfRegistration)
	return v == selfRegistrationOn, err
}

// Register starts a self-registration. A new address becomes an
// unverified contact that cannot sign in until it opens the mailed
// confirmation link; it joins the organization that claims its domain
// with that organization's default role, else no organization. For an
// address that already has an account nothing changes: its owner gets a
// password-reset mail instead, so that the caller's answer is the same
// and still useful to the real owner. Past the throttling limits nothing
// is sent and the answer is the same too. Invalid input is a
// *model.ValidationError; a closed registration is ErrRegistrationClosed.
//
// Both branches hash the password once and make one secret, one token and
// one mail in one transaction: the argon2id hash dominates the time, so
// an existing and a missing address answer in the same time class.
func (s *Service) Register(ctx context.Context, n Registration) error {
	open, err := s.SelfRegistrationOpen(ctx)
	if err != nil {
		return err
	}
	if !open {
		return ErrRegistrationClosed
	}
	n.Name, n.Email = strings.TrimSpace(n.Name), strings.TrimSpace(n.Email)
	if err := validatePerson(n.Email, n.Name, n.Password, true).Err(); err != nil {
		return err
	}
	limited, err := s.throttle(ctx, signupWindow,
		rateLimit{"signup:acct:" + store.NormalizeEmail(n.Email), signupPerAccount},
		rateLimit{"signup:addr:" + n.ClientIP, signupPerClientIP})
	if err != nil || limited {
		return err
	}
	hash, err := hashPassword(n.Password)
	if err != nil {
		return err
	}
	secret, tokenHash := newSecret("")
	err = s.st.InTx(ctx, func(q *store.Queries) error {
		u, err := q.UserByEmail(ctx, n.Email)
		switch {
		case errors.Is(err, model.ErrNotFound):
			return s.registerNew(ctx, q, n, hash, secret, tokenHash)
		case err != nil:
			return err
		}
		return s.queueReset(ctx, q, u, secret, tokenHash)
	})
	if err != nil {
		return fmt.Errorf("account: register: %w", err)
	}
	s.kick()
	return nil
}

// registerNew creates the unverified contact with its confirmation link.
func (s *Service) registerNew(ctx context.Context, q *store.Queries, n Registration, hash, secret, tokenHash string) error {
	nu := store.NewUser{Kind: model.KindContact, Email: n.Email, Name: n.Name, Role: model.RoleMember,
		Language: n.Language, PasswordHash: hash}
	_, domain, _ := strings.Cut(store.NormalizeEmail(n.Email), "@")
	orgID, err := q.DomainOwner(ctx, domain)
	if err != nil {
		return err
	}
	if orgID != 0 {
		org, err := q.Organization(ctx, orgID)
		if err != nil {
			return err
		}
		nu.OrgID, nu.Role = org.ID, org.DefaultRole
		nu.Rights, _ = model.RoleRights(org.DefaultRole)
	}
	id, err := q.CreateUser(ctx, nu)
	if errors.Is(err, model.ErrConflict) {
		// Registered a moment ago by a concurrent request: that one sends
		// the mail.
		return nil
	}
	if err != nil {
		return err
	}
	if err := q.CreateUserToken(ctx, id, PurposeVerifyEmail, tokenHash, store.Now().Add(verifyTTL)); err != nil {
		return err
	}
	u, err := q.User(ctx, id)
	if err != nil {
		return err
	}
	return s.accountMail(ctx, q, u, mailout.TemplateVerifyEmail, "/register/verify?token="+secret)
}

// VerifyEmail spends a confirmation link and marks the contact's address
// verified; from then on it may sign in. A wrong, used or expired link is
// model.ErrNotFound and changes nothing.
func (s *Service) VerifyEmail(ctx context.Context, secret string) (*model.User, error) {
	var u *model.User
	err := s.st.InTx(ctx, func(q *store.Queries) error {
		id, err := q.UseUserToken(ctx, PurposeVerifyEmail, Hash(secret), store.Now())
		if err != nil {
			return err
		}
		if u, err = q.User(ctx, id); err != nil {
			return err
		}
		if !u.Active {
			return fmt.Errorf("account: verify an inactive user: %w", model.ErrNotFound)
		}
		u.EmailVerified = true
		return q.MarkVerified(ctx, id)
	})
	if err != nil {
		return nil, fmt.Errorf("account: verify email: %w", err)
	}
	return u, nil
}

// rateLimit is a throttling key and the attempts it allows per window.
type rateLimit struct {
	key   string
	limit int
}

// throttle counts one attempt under every key and reports whether any of
// them is past its limit.
func (s *Service) throttle(ctx context.Context, window time.Duration, limits ...rateLimit) (bool, error) {
	now := store.Now()
	over := false
	for _, l := range limits {
		n, err := s.st.RateHit(ctx, l.key, window, now)
		if err != nil {
			return false, err
		}
		over = over || n > l.limit
	}
	return over, nil
}

// VerificationUser returns the contact a confirmation link belongs to,
// without spending it, or model.ErrNotFound for a link that is unknown,
// used or expired.
func (s *Service) VerificationUser(ctx context.Context, secret string) (*model.User, error) {
	return s.tokenUser(ctx, PurposeVerifyEmail, secret)
}
