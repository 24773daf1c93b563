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

// PurposeResetPassword is the purpose of the link that sets a forgotten
// password.
const PurposeResetPassword = "reset_password"

// Limits of password resets: a link lives half an hour; an address may
// ask three times an hour, a client twenty times.
const (
	resetTTL         = 30 * time.Minute
	resetWindow      = time.Hour
	resetPerAccount  = 3
	resetPerClientIP = 20
)

// RequestPasswordReset mails a reset link to the active account of email,
// if there is one. The caller answers the same in every case — unknown
// address, deactivated account, throttled — so nothing is revealed and
// nothing is sent past the limits.
//
// A secret is made before the address is looked up and the lookup and
// the writes run in one transaction whether or not the address exists, so
// both cases do the same work up to the mail itself.
func (s *Service) RequestPasswordReset(ctx context.Context, email, clientIP string) error {
	email = strings.TrimSpace(email)
	if !ValidEmail(email) {
		return nil
	}
	limited, err := s.throttle(ctx, resetWindow,
		rateLimit{"reset:acct:" + store.NormalizeEmail(email), resetPerAccount},
		rateLimit{"reset:addr:" + clientIP, resetPerClientIP})
	if err != nil || limited {
		return err
	}
	secret, tokenHash := newSecret("")
	err = s.st.InTx(ctx, func(q *store.Queries) error {
		u, err := q.UserByEmail(ctx, email)
		if errors.Is(err, model.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return s.queueReset(ctx, q, u, secret, tokenHash)
	})
	if err != nil {
		return fmt.Errorf("account: request reset: %w", err)
	}
	s.kick()
	return nil
}

// queueReset stores a reset link for u, replacing any earlier one, and
// queues the mail that carries it. A deactivated account gets nothing.
func (s *Service) queueReset(ctx context.Context, q *store.Queries, u *model.User, secret, tokenHash string) error {
	if !u.Active {
		return nil
	}
	if err := q.CreateUserToken(ctx, u.ID, PurposeResetPassword, tokenHash, store.Now().Add(resetTTL)); err != nil {
		return err
	}
	return s.accountMail(ctx, q, u, mailout.TemplatePasswordReset, "/password/reset?token="+secret)
}

// ResetUser returns the active user a reset link belongs to, or
// model.ErrNotFound for a link that is unknown, used or expired.
func (s *Service) ResetUser(ctx context.Context, secret string) (*model.User, error) {
	return s.tokenUser(ctx, PurposeResetPassword, secret)
}

// ResetPassword spends a reset link: the account gets the new password,
// its address counts as verified (the link reached it) and every session
// of it ends. A wrong, used or expired link is model.ErrNotFound and
// changes nothing; a password against the policy is a
// *model.ValidationError and spends nothing.
func (s *Service) ResetPassword(ctx context.Context, secret, password string) error {
	if err := ValidatePassword(password); err != nil {
		return err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	err = s.st.InTx(ctx, func(q *store.Queries) error {
		id, err := q.UseUserToken(ctx, PurposeResetPassword, Hash(secret), store.Now())
		if err != nil {
			return err
		}
		u, err := q.User(ctx, id)
		if err != nil {
			return err
		}
		if !u.Active {
			return fmt.Errorf("account: reset an inactive user: %w", model.ErrNotFound)
		}
		if err := q.SetPassword(ctx, id, hash); err != nil {
			return fmt.Errorf("account: set password: %w", err)
		}
		if err := q.MarkVerified(ctx, id); err != nil {
			return err
		}
		return q.DeleteUserSessions(ctx, id, "")
	})
	if err != nil {
		return fmt.Errorf("account: reset password: %w", err)
	}
	return nil
}

// accountMail queues an account mail with a link under the base URL; it
// does nothing when the service sends no mail.
func (s *Service) accountMail(ctx context.Context, q *store.Queries, u *model.User, name, path string) error {
	if s.mail == nil {
		return nil
	}
	return s.mail.AccountMail(ctx, q, u, name, "", s.baseURL+path)
}

// kick starts delivery of what a committed transaction queued.
func (s *Service) kick() {
	if s.mail != nil {
		s.mail.Kick()
	}
}
