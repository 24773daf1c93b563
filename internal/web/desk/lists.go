package desk

import (
	"context"
	"fmt"

	"supportal/internal/model"
)

// lists are the configured values the desk's forms choose from.
type lists struct {
	statuses []model.Status
	teams    []model.Team
	agents   []*model.User
	options  []model.Option
}

// lists loads the statuses, teams, agents and field options.
func (h *handler) lists(ctx context.Context) (*lists, error) {
	var ls lists
	var err error
	if ls.statuses, err = h.s.Tickets.Statuses(ctx); err != nil {
		return nil, fmt.Errorf("desk: statuses: %w", err)
	}
	if ls.teams, err = h.s.Store.Teams(ctx); err != nil {
		return nil, fmt.Errorf("desk: teams: %w", err)
	}
	if ls.agents, err = h.s.Store.Agents(ctx); err != nil {
		return nil, fmt.Errorf("desk: agents: %w", err)
	}
	if ls.options, err = h.s.Tickets.Options(ctx); err != nil {
		return nil, fmt.Errorf("desk: options: %w", err)
	}
	return &ls, nil
}

// activeAgents are the agents a ticket may be assigned to.
func (ls *lists) activeAgents() []*model.User {
	var out []*model.User
	for _, a := range ls.agents {
		if a.Active {
			out = append(out, a)
		}
	}
	return out
}
