package timelog

import (
	"context"

	"supportal/internal/authz"
	"supportal/internal/contract"
	"supportal/internal/model"
	"supportal/internal/store"
)

// UnitsLow reports whether a balance is low enough to warn of: a fifth
// of the period's units or less is left (20 of 100, 8 of 40; with 12
// units, 2 left is low and 3 is not). A contract that grants no units
// books everything it is used for and is never low.
func UnitsLow(b contract.Balance) bool {
	return b.Granted > 0 && 5*b.Remaining <= b.Granted
}

// warnIfLow tells the organization of c that its units run low, when the
// current period's balance is low and nobody was told in this period
// yet. The mail goes to the portal admins (contacts with the right to
// manage the organization) who may see its contracts, and to its
// responsible agent. It reports whether any mail was queued.
func (s *Service) warnIfLow(ctx context.Context, q *store.Queries, c *model.Contract) (bool, error) {
	if s.mail == nil {
		return false, nil
	}
	local := *c
	local.StartsAt = c.StartsAt.In(s.loc)
	if !c.EndsAt.IsZero() {
		local.EndsAt = c.EndsAt.In(s.loc)
	}
	from, to := contract.CurrentPeriod(&local, s.now())
	if from.IsZero() {
		return false, nil
	}
	used, err := q.UnitsBooked(ctx, []store.UnitRange{{ContractID: c.ID, From: from, To: to}})
	if err != nil {
		return false, err
	}
	b := contract.BalanceOf(c, used[c.ID])
	if !UnitsLow(b) {
		return false, nil
	}
	first, err := q.MarkUnitsLowWarned(ctx, c.ID, from)
	if err != nil || !first {
		return false, err
	}
	recipients, err := q.UnitsLowRecipients(ctx, c.OrgID)
	if err != nil {
		return false, err
	}
	sent := false
	for _, u := range recipients {
		if !authz.Contracts(u, c.OrgID) {
			continue
		}
		if err := s.mail.UnitsLow(ctx, q, c, b, u); err != nil {
			return false, err
		}
		sent = true
	}
	return sent, nil
}
