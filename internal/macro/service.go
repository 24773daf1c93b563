package macro

import (
	"context"
	"errors"
	"fmt"

	"supportal/internal/model"
	"supportal/internal/replytpl"
	"supportal/internal/store"
	"supportal/internal/ticket"
)

// StatusNamer names a status in a language, as a customer reads it.
type StatusNamer func(lang, status string) string

// Service keeps the macros and applies them. Every agent uses the shared
// macros and its own; only admins change shared ones, and an agent's own
// macros do not exist for anyone else.
type Service struct {
	st         *store.Store
	tickets    *ticket.Service
	statusName StatusNamer
}

// New returns the macro service; macros change tickets through tickets,
// and statusName fills the {{ticket.status}} of their replies.
func New(st *store.Store, tickets *ticket.Service, statusName StatusNamer) *Service {
	return &Service{st: st, tickets: tickets, statusName: statusName}
}

// List returns the macros u may use: the shared ones and u's own.
func (s *Service) List(ctx context.Context, u *model.User) ([]*Macro, error) {
	if !u.IsAgent() {
		return nil, model.ErrNotFound
	}
	rows, err := s.st.Macros(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	out := make([]*Macro, 0, len(rows))
	for _, r := range rows {
		m, err := fromRow(r)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// Get returns a macro u may use; another agent's own macro is
// model.ErrNotFound, like a missing one.
func (s *Service) Get(ctx context.Context, u *model.User, id int64) (*Macro, error) {
	if !u.IsAgent() {
		return nil, model.ErrNotFound
	}
	r, err := s.st.Macro(ctx, id)
	if err != nil {
		return nil, err
	}
	if r.OwnerID != 0 && r.OwnerID != u.ID {
		return nil, fmt.Errorf("macro %d: %w", id, model.ErrNotFound)
	}
	return fromRow(r)
}

// Editable returns a macro u may change: its own, or a shared one if u is
// an admin; a shared macro an agent may only use is model.ErrForbidden.
func (s *Service) Editable(ctx context.Context, u *model.User, id int64) (*Macro, error) {
	m, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if m.Shared() && !u.IsAdmin() {
		return nil, fmt.Errorf("macro %d: %w", id, model.ErrForbidden)
	}
	return m, nil
}

// Choices reads what a macro of ownerID (0: shared) may name.
func (s *Service) Choices(ctx context.Context, ownerID int64) (*Choices, error) {
	return LoadChoices(ctx, s.st, ownerID)
}

// Create validates m and stores it as u's own macro, or as a shared one
// when shared is set (admins only). It returns the new id.
func (s *Service) Create(ctx context.Context, u *model.User, m Macro, shared bool) (int64, error) {
	if !u.IsAgent() {
		return 0, model.ErrNotFound
	}
	if shared && !u.IsAdmin() {
		return 0, model.ErrForbidden
	}
	m.OwnerID = u.ID
	if shared {
		m.OwnerID = 0
	}
	row, err := s.checked(ctx, &m)
	if err != nil {
		return 0, err
	}
	id, err := s.st.CreateMacro(ctx, row)
	if err != nil {
		return 0, fmt.Errorf("macro: %w", err)
	}
	return id, nil
}

// Update validates m and stores it under m.ID, which u must be allowed to
// change (see Editable). The owner stays.
func (s *Service) Update(ctx context.Context, u *model.User, m Macro) error {
	old, err := s.Editable(ctx, u, m.ID)
	if err != nil {
		return err
	}
	m.OwnerID = old.OwnerID
	row, err := s.checked(ctx, &m)
	if err != nil {
		return err
	}
	if err := s.st.UpdateMacro(ctx, row); err != nil {
		return fmt.Errorf("macro: %w", err)
	}
	return nil
}

func (s *Service) checked(ctx context.Context, m *Macro) (*store.Macro, error) {
	c, err := s.Choices(ctx, m.OwnerID)
	if err != nil {
		return nil, fmt.Errorf("macro: %w", err)
	}
	if err := c.Validate(m).Err(); err != nil {
		return nil, err
	}
	return toRow(m)
}

// Delete removes a macro u may change.
func (s *Service) Delete(ctx context.Context, u *model.User, id int64) error {
	if _, err := s.Editable(ctx, u, id); err != nil {
		return err
	}
	if err := s.st.DeleteMacro(ctx, id); err != nil {
		return fmt.Errorf("macro: %w", err)
	}
	return nil
}

// Apply applies macro id to ticket number on behalf of u, in one
// transaction of the ticket service: the template's text, filled in for
// the ticket's requester, as a public reply, and the status, fields, team
// and assignee. A template deleted since the macro was saved, or a value
// no longer configured, is a *model.ValidationError and nothing changes.
func (s *Service) Apply(ctx context.Context, u *model.User, number, id int64) (*model.Ticket, error) {
	m, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	t, _, err := s.tickets.Get(ctx, u, number)
	if err != nil {
		return nil, err
	}
	a := m.Actions
	body, err := s.reply(ctx, u, t, m)
	if err != nil {
		return nil, err
	}
	var p ticket.UpdateParams
	if a.Status != "" {
		p.Status, p.WaitingReason = &a.Status, &a.WaitingReason
	}
	str := func(v string) *string {
		if v == "" {
			return nil
		}
		return &v
	}
	p.Type, p.Priority, p.Impact = str(a.Type), str(a.Priority), str(a.Impact)
	if a.TeamID != 0 {
		p.TeamID = &a.TeamID
	}
	if a.AssigneeID != 0 {
		p.AssigneeID = &a.AssigneeID
	}
	return s.tickets.ReplyAndUpdate(ctx, u, number, body, p)
}

// reply is the text of m's template filled in for t, or "" without one.
func (s *Service) reply(ctx context.Context, u *model.User, t *model.Ticket, m *Macro) (string, error) {
	if m.Actions.TemplateID == 0 {
		return "", nil
	}
	tpl, err := s.st.ReplyTemplate(ctx, m.Actions.TemplateID)
	if errors.Is(err, model.ErrNotFound) || (err == nil && !tpl.Shared() && tpl.OwnerID != m.OwnerID) {
		return "", model.Invalid("macro", "replytpl.macro.error.template_gone")
	}
	if err != nil {
		return "", err
	}
	contact, err := s.st.User(ctx, t.RequesterID)
	if err != nil && !errors.Is(err, model.ErrNotFound) {
		return "", err
	}
	status := t.Status.Name
	if m.Actions.Status != "" {
		status = m.Actions.Status
	}
	return replytpl.Expand(tpl.Body, replytpl.TicketValues(t, s.statusName(tpl.Language, status), contact, u)), nil
}
