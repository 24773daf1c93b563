package ticket

import (
	"context"
	"time"

	"supportal/internal/model"
	"supportal/internal/store"
)

// PresenceWindow is how long an agent counts as having a ticket open
// after the page last told us; the page reports every 15 seconds.
const PresenceWindow = 45 * time.Second

// Viewer is another agent who has a ticket open, and whether they are
// writing a reply.
type Viewer struct {
	Name      string `json:"name"`
	Composing bool   `json:"composing"`
}

// SeeTicket records that staff member u has ticket number open (composing:
// writing a reply) and returns the other agents seen on it within
// PresenceWindow. Contacts and agents who do not see the ticket get
// model.ErrNotFound.
func (s *Service) SeeTicket(ctx context.Context, u *model.User, number int64, composing bool) ([]Viewer, error) {
	t, acc, err := s.Get(ctx, u, number)
	if err != nil {
		return nil, err
	}
	if !acc.Edit {
		return nil, model.ErrNotFound
	}
	now := store.Now()
	if err := s.st.SeePresence(ctx, t.ID, u.ID, composing, now, now.Add(-PresenceWindow)); err != nil {
		return nil, err
	}
	return s.viewers(ctx, t, u, now)
}

// Viewers returns the agents other than u who had t open within
// PresenceWindow, without recording u. Only staff who may edit t ask.
func (s *Service) Viewers(ctx context.Context, u *model.User, t *model.Ticket) ([]Viewer, error) {
	if !u.IsAgent() {
		return nil, model.ErrNotFound
	}
	return s.viewers(ctx, t, u, store.Now())
}

func (s *Service) viewers(ctx context.Context, t *model.Ticket, u *model.User, now time.Time) ([]Viewer, error) {
	rows, err := s.st.PresentOthers(ctx, t.ID, u.ID, now.Add(-PresenceWindow))
	if err != nil {
		return nil, err
	}
	out := make([]Viewer, 0, len(rows))
	for _, p := range rows {
		out = append(out, Viewer{Name: p.Name, Composing: p.Composing})
	}
	return out, nil
}
