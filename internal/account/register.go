package account

import (
	"context"
	"errors"
	"fmt"

	"supportal/internal/model"
	"supportal/internal/store"
)

// RegistrationUser returns the contact a registration link belongs to, or
// model.ErrNotFound for a link that is unknown, used or expired.
func (s *Service) RegistrationUser(ctx context.Context, secret string) (*model.User, error) {
	return s.tokenUser(ctx, PurposeRegister, secret)
}

// CompleteRegistration spends a registration link: the contact gets its
// name and password and its address counts as verified (the link reached
// it). A wrong, used or expired link is model.ErrNotFound.
func (s *Service) CompleteRegistration(ctx context.Context, secret, name, password string) (*model.User, error) {
	v := &model.ValidationError{}
	if name == "" {
		v.Add("name", "error.required")
	} else if len(name) > 200 {
		v.Add("name", "error.too_long")
	}
	if err := ValidatePassword(password); err != nil {
		var pv *model.ValidationError
		if errors.As(err, &pv) {
			for f, k := range pv.Fields {
				v.Add(f, k)
			}
		} else {
			return nil, err
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return nil, err
	}
	var id int64
	err = s.st.InTx(ctx, func(q *store.Queries) error {
		if id, err = q.UseUserToken(ctx, PurposeRegister, Hash(secret), store.Now()); err != nil {
			return err
		}
		return q.ActivateUser(ctx, id, name, hash)
	})
	if err != nil {
		return nil, err
	}
	return s.st.User(ctx, id)
}

// tokenUser returns the active user a valid (unused, unexpired) link of
// purpose belongs to, without spending it; anything else is
// model.ErrNotFound.
func (s *Service) tokenUser(ctx context.Context, purpose, secret string) (*model.User, error) {
	id, err := s.st.UserTokenUser(ctx, purpose, Hash(secret), store.Now())
	if err != nil {
		return nil, err
	}
	u, err := s.st.User(ctx, id)
	if err != nil {
		return nil, err
	}
	if !u.Active {
		return nil, fmt.Errorf("account: %s link of an inactive user: %w", purpose, model.ErrNotFound)
	}
	return u, nil
}
