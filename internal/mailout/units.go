package mailout

import (
	"context"
	"strconv"

	"supportal/internal/contract"
	"supportal/internal/model"
	"supportal/internal/store"
)

// UnitsLow queues the mail that tells u that contract c has only the
// balance b left in its current period, in u's language. A contact's
// link leads to the portal's contracts, an agent's to the contract in
// the desk. Who is told is the caller's decision (package timelog).
func (o *Outbox) UnitsLow(ctx context.Context, q *store.Queries, c *model.Contract, b contract.Balance, u *model.User) error {
	data := Data{
		BaseURL:      o.baseURL,
		Link:         o.baseURL + "/portal/contracts",
		Organization: c.OrgName,
		Contract:     ContractData{Name: c.Name, Granted: b.Granted, Remaining: b.Remaining, UnitMinutes: b.UnitMinutes},
	}
	if u.IsAgent() {
		data.Link = o.baseURL + "/desk/contracts/" + strconv.FormatInt(c.ID, 10)
	}
	return o.notify(ctx, q, TemplateUnitsLow, nil, u, data)
}
