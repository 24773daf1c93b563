package routing

import (
	"context"
	"errors"
	"fmt"

	"supportal/internal/model"
	"supportal/internal/store"
)

// Service keeps the routing rules (admins only) and the organizations'
// responsible agents (any agent).
type Service struct {
	st *store.Store
}

// New returns the routing service on st.
func New(st *store.Store) *Service { return &Service{st: st} }

// Rules lists the rules in the order they are tried.
func (s *Service) Rules(ctx context.Context, u *model.User) ([]Rule, error) {
	if !u.IsAdmin() {
		return nil, model.ErrNotFound
	}
	return Rules(ctx, &s.st.Queries)
}

// Rule reads one rule.
func (s *Service) Rule(ctx context.Context, u *model.User, id int64) (*Rule, error) {
	if !u.IsAdmin() {
		return nil, model.ErrNotFound
	}
	row, err := s.st.RoutingRule(ctx, id)
	if err != nil {
		return nil, err
	}
	r, err := fromRow(row)
	if err != nil {
		return nil, fmt.Errorf("routing: %w", err)
	}
	return &r, nil
}

// Choices reads what rules may name: teams, agents, options,
// organizations and mailboxes.
func (s *Service) Choices(ctx context.Context) (*Choices, error) {
	c := &Choices{}
	var err error
	if c.Teams, err = s.st.Teams(ctx); err != nil {
		return nil, err
	}
	if c.Agents, err = s.st.Agents(ctx); err != nil {
		return nil, err
	}
	if c.Options, err = s.st.Options(ctx); err != nil {
		return nil, err
	}
	if c.Orgs, err = s.st.Organizations(ctx); err != nil {
		return nil, err
	}
	if c.Mailboxes, err = s.st.Mailboxes(ctx); err != nil {
		return nil, err
	}
	return c, nil
}

// Create validates r and adds it after the last rule; it returns the
// new rule's id. Bad input is a *model.ValidationError.
func (s *Service) Create(ctx context.Context, u *model.User, r Rule) (int64, error) {
	row, err := s.checked(ctx, u, &r)
	if err != nil {
		return 0, err
	}
	id, err := s.st.CreateRoutingRule(ctx, row)
	if err != nil {
		return 0, fmt.Errorf("routing: %w", err)
	}
	return id, nil
}

// Update validates r and stores it under r.ID.
func (s *Service) Update(ctx context.Context, u *model.User, r Rule) error {
	row, err := s.checked(ctx, u, &r)
	if err != nil {
		return err
	}
	row.ID = r.ID
	if err := s.st.UpdateRoutingRule(ctx, row); err != nil {
		return fmt.Errorf("routing: %w", err)
	}
	return nil
}

// checked validates r against the configured choices and encodes it.
func (s *Service) checked(ctx context.Context, u *model.User, r *Rule) (*store.RoutingRule, error) {
	if !u.IsAdmin() {
		return nil, model.ErrNotFound
	}
	c, err := s.Choices(ctx)
	if err != nil {
		return nil, fmt.Errorf("routing: %w", err)
	}
	if err := c.Validate(r).Err(); err != nil {
		return nil, err
	}
	row := &store.RoutingRule{Name: r.Name, Active: r.Active}
	if row.Conditions, err = EncodeConditions(r.Conditions); err != nil {
		return nil, err
	}
	if row.Actions, err = EncodeActions(r.Actions); err != nil {
		return nil, err
	}
	return row, nil
}

// Delete removes a rule.
func (s *Service) Delete(ctx context.Context, u *model.User, id int64) error {
	if !u.IsAdmin() {
		return model.ErrNotFound
	}
	if err := s.st.DeleteRoutingRule(ctx, id); err != nil {
		return fmt.Errorf("routing: %w", err)
	}
	return nil
}

// Move swaps a rule with the one before it (up) or after it.
func (s *Service) Move(ctx context.Context, u *model.User, id int64, up bool) error {
	if !u.IsAdmin() {
		return model.ErrNotFound
	}
	err := s.st.InTx(ctx, func(q *store.Queries) error { return q.MoveRoutingRule(ctx, id, up) })
	if err != nil {
		return fmt.Errorf("routing: %w", err)
	}
	return nil
}

// SetResponsible makes agent the responsible agent of organization org;
// 0 clears it. Any agent may; the agent named must be an active agent.
func (s *Service) SetResponsible(ctx context.Context, u *model.User, org, agent int64) error {
	if !u.IsAgent() {
		return model.ErrNotFound
	}
	if agent != 0 {
		a, err := s.st.User(ctx, agent)
		if errors.Is(err, model.ErrNotFound) || (err == nil && (!a.IsAgent() || !a.Active)) {
			return model.Invalid("responsible_agent", "routing.error.agent")
		}
		if err != nil {
			return fmt.Errorf("routing: %w", err)
		}
	}
	if err := s.st.SetResponsibleAgent(ctx, org, agent); err != nil {
		return fmt.Errorf("routing: %w", err)
	}
	return nil
}
