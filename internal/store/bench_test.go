package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

// benchTickets fills a database with n tickets spread over orgs
// organizations, one requester each, in one transaction.
func benchTickets(b *testing.B, n, orgs int) (*store.Store, []int64) {
	b.Helper()
	st := testenv.Store(b)
	ctx := context.Background()
	users := make([]int64, orgs)
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	err := st.InTx(ctx, func(q *store.Queries) error {
		for i := range orgs {
			org, err := q.CreateOrganization(ctx, store.NewOrganization{Name: fmt.Sprint("Org ", i)})
			if err != nil {
				return err
			}
			rights, _ := model.RoleRights(model.RoleColleague)
			users[i], err = q.CreateUser(ctx, store.NewUser{Kind: model.KindContact, Email: fmt.Sprintf("c%d@example.com", i), Name: "C", OrgID: org, Role: model.RoleColleague, Rights: rights})
			if err != nil {
				return err
			}
		}
		for i := range n {
			u := users[i%orgs]
			_, _, err := q.CreateTicket(ctx, store.NewTicket{Subject: "Ticket", RequesterID: u, OrgID: int64(i%orgs + 1), StatusID: 1, TeamID: 1,
				Channel: model.ChannelPortal, CreatedAt: base.Add(time.Duration(i) * time.Minute)})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return st, users
}

// BenchmarkContactTicketList measures one page of a colleague's
// organization list: the first page and a page deep in the list cost the
// same with keyset pagination.
func BenchmarkContactTicketList(b *testing.B) {
	st, users := benchTickets(b, testenv.Scale(20_000, 1_000), 10)
	ctx := context.Background()
	u, err := st.User(ctx, users[0])
	if err != nil {
		b.Fatal(err)
	}
	scope := authz.Tickets(u)
	deep := ""
	for range testenv.Scale(40, 2) { // page 41 of 80 (3 of 4 in -short mode)
		page, err := st.Tickets(ctx, store.TicketFilter{Scope: scope, Cursor: deep})
		if err != nil {
			b.Fatal(err)
		}
		deep = page.Next
	}
	for _, bc := range []struct{ name, cursor string }{{"first", ""}, {"deep", deep}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := st.Tickets(ctx, store.TicketFilter{Scope: scope, Cursor: bc.cursor}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkUnitsBooked measures what the contracts page adds up: the units
// of the current quarter of 5 contracts, whose ledgers hold 20,000
// bookings over two years, and of 500 contracts (three queries).
func BenchmarkUnitsBooked(b *testing.B) {
	st := testenv.Store(b)
	ctx := context.Background()
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var ranges []store.UnitRange
	err := st.InTx(ctx, func(q *store.Queries) error {
		org, err := q.CreateOrganization(ctx, store.NewOrganization{Name: "Contracts"})
		if err != nil {
			return err
		}
		for i := range 500 {
			id, err := q.CreateContract(ctx, org, store.ContractInput{Name: "C", StartsAt: start, Period: model.PeriodQuarter, Units: 40, UnitMinutes: 15})
			if err != nil {
				return err
			}
			ranges = append(ranges, store.UnitRange{ContractID: id, From: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)})
			if i >= 5 {
				continue
			}
			for j := range testenv.Scale(4000, 40) {
				if _, err := q.AddUnitBooking(ctx, store.NewUnitBooking{ContractID: id, BookedAt: start.Add(time.Duration(j) * 4 * time.Hour), Units: 1}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{5, 500} {
		b.Run(fmt.Sprint(n, "contracts"), func(b *testing.B) {
			for b.Loop() {
				if _, err := st.UnitsBooked(ctx, ranges[:n]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
