package ticket

import (
	"context"

	"supportal/internal/slaclock"
	"supportal/internal/store"
)

// SetClock makes the service keep the service-level clocks of the tickets
// it changes; without one, tickets have no due times.
func (s *Service) SetClock(c *slaclock.Clock) { s.clock = c }

// refreshSLA recomputes the due times of ticket id in the transaction of
// the change that may have moved them: its creation, a status, a priority
// or support's first answer.
func (s *Service) refreshSLA(ctx context.Context, q *store.Queries, id int64) error {
	if s.clock == nil {
		return nil
	}
	return s.clock.Refresh(ctx, q, id)
}
