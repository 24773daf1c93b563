package account

import (
	"context"
	"time"

	"supportal/internal/store"
)

// SessionInfo is one of a user's sessions as the account page lists it.
// ID is the stored id (the hash of the cookie's secret), which does not
// let anyone sign in; Current marks the session the list was asked from.
type SessionInfo struct {
	ID         string
	CreatedAt  time.Time
	LastSeenAt time.Time
	IP         string
	UserAgent  string
	Current    bool
}

// Sessions lists the active sessions of a user, the most recently used
// first; current is the secret of the asking browser's session.
func (s *Service) Sessions(ctx context.Context, userID int64, current string) ([]SessionInfo, error) {
	now := store.Now()
	list, err := s.st.UserSessions(ctx, userID, now)
	if err != nil {
		return nil, err
	}
	cur := ""
	if current != "" {
		cur = Hash(current)
	}
	out := make([]SessionInfo, 0, len(list))
	for _, ss := range list {
		if now.Sub(ss.CreatedAt) > s.cfg.SessionMaxTotal {
			continue // SessionUser refuses it already
		}
		out = append(out, SessionInfo{ID: ss.ID, CreatedAt: ss.CreatedAt, LastSeenAt: ss.LastSeenAt, IP: ss.IP,
			UserAgent: ss.UserAgent, Current: ss.ID == cur})
	}
	return out, nil
}

// EndUserSession signs out one session of a user by its listed id; a
// session of another user is model.ErrNotFound.
func (s *Service) EndUserSession(ctx context.Context, userID int64, id string) error {
	return s.st.DeleteOwnSession(ctx, userID, id)
}

// EndOtherSessions signs out every session of a user but the one with the
// secret current.
func (s *Service) EndOtherSessions(ctx context.Context, userID int64, current string) error {
	return s.st.DeleteUserSessions(ctx, userID, Hash(current))
}
