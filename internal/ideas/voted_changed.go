package ideas

import (
	"context"
	"time"

	"supportal/internal/model"
)

// ChangedWindow is how far back a status change of an idea counts as
// news for its voters.
const ChangedWindow = 30 * 24 * time.Hour

// VotedChanged returns at most limit ideas u voted for whose status
// changed after the vote within ChangedWindow and that u may still see,
// the latest change first.
func (s *Service) VotedChanged(ctx context.Context, u *model.User, limit int) ([]View, error) {
	vis, err := s.Visibility(ctx)
	if err != nil {
		return nil, err
	}
	list, err := s.st.IdeasChangedForVoter(ctx, u.ID, time.Now().Add(-ChangedWindow).UTC(), limit)
	if err != nil {
		return nil, err
	}
	var out []View
	for _, i := range list {
		if v := s.view(u, i, vis, true); v.Access.See {
			out = append(out, v)
		}
	}
	return out, nil
}
