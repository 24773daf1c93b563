package replytpl

import (
	"context"
	"fmt"

	"supportal/internal/model"
	"supportal/internal/store"
)

// Service keeps the reply templates. Every agent uses the shared
// templates and its own; only admins change shared ones, and an agent's
// own templates do not exist for anyone else.
type Service struct {
	st *store.Store
}

// New returns the template service on st.
func New(st *store.Store) *Service { return &Service{st: st} }

// List returns the templates u may use: the shared ones and u's own.
func (s *Service) List(ctx context.Context, u *model.User) ([]*Template, error) {
	if !u.IsAgent() {
		return nil, model.ErrNotFound
	}
	return s.st.ReplyTemplates(ctx, u.ID)
}

// Get returns a template u may use; another agent's own template is
// model.ErrNotFound, like a missing one.
func (s *Service) Get(ctx context.Context, u *model.User, id int64) (*Template, error) {
	if !u.IsAgent() {
		return nil, model.ErrNotFound
	}
	t, err := s.st.ReplyTemplate(ctx, id)
	if err != nil {
		return nil, err
	}
	if !t.Shared() && t.OwnerID != u.ID {
		return nil, fmt.Errorf("reply template %d: %w", id, model.ErrNotFound)
	}
	return t, nil
}

// Editable returns a template u may change: its own, or a shared one if
// u is an admin. A shared template an agent may only use is
// model.ErrForbidden.
func (s *Service) Editable(ctx context.Context, u *model.User, id int64) (*Template, error) {
	t, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if t.Shared() && !u.IsAdmin() {
		return nil, fmt.Errorf("reply template %d: %w", id, model.ErrForbidden)
	}
	return t, nil
}

// Create validates t and stores it as u's own template, or as a shared
// one when shared is set (admins only). It returns the new id.
func (s *Service) Create(ctx context.Context, u *model.User, t Template, shared bool) (int64, error) {
	if !u.IsAgent() {
		return 0, model.ErrNotFound
	}
	if shared && !u.IsAdmin() {
		return 0, model.ErrForbidden
	}
	t.OwnerID = u.ID
	if shared {
		t.OwnerID = 0
	}
	if err := Validate(&t).Err(); err != nil {
		return 0, err
	}
	id, err := s.st.CreateReplyTemplate(ctx, &t)
	if err != nil {
		return 0, fmt.Errorf("replytpl: %w", err)
	}
	return id, nil
}

// Update validates t and stores it under t.ID, which u must be allowed
// to change (see Editable). The owner stays.
func (s *Service) Update(ctx context.Context, u *model.User, t Template) error {
	if _, err := s.Editable(ctx, u, t.ID); err != nil {
		return err
	}
	if err := Validate(&t).Err(); err != nil {
		return err
	}
	if err := s.st.UpdateReplyTemplate(ctx, &t); err != nil {
		return fmt.Errorf("replytpl: %w", err)
	}
	return nil
}

// Delete removes a template u may change.
func (s *Service) Delete(ctx context.Context, u *model.User, id int64) error {
	if _, err := s.Editable(ctx, u, id); err != nil {
		return err
	}
	if err := s.st.DeleteReplyTemplate(ctx, id); err != nil {
		return fmt.Errorf("replytpl: %w", err)
	}
	return nil
}
