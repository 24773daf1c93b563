package account

import (
	"context"
	"fmt"
	"slices"

	"supportal/internal/model"
)

// SetNotifications stores which of the notifications user userID may turn
// off (model.NotificationsFor) it wants: those named in on are sent,
// the others not. Names of notifications for another kind of user are
// ignored, and what the user chose about those stays as it was. A name
// that is no notification at all is an error on the field notify, and
// nothing changes.
func (s *Service) SetNotifications(ctx context.Context, userID int64, on []string) error {
	wanted := model.Notifications{}
	for _, name := range on {
		n := model.Notification(name)
		if !slices.Contains(model.AllNotifications, n) {
			return model.Invalid("notify", "error.option")
		}
		wanted = append(wanted, n)
	}
	u, err := s.st.User(ctx, userID)
	if err != nil {
		return fmt.Errorf("account: notifications: %w", err)
	}
	mine := model.NotificationsFor(u)
	off := model.Notifications{}
	for _, n := range u.NotifyOff {
		if !slices.Contains(mine, n) {
			off = append(off, n)
		}
	}
	for _, n := range mine {
		if !wanted.Has(n) {
			off = append(off, n)
		}
	}
	return s.st.SetNotifyOff(ctx, userID, off)
}
