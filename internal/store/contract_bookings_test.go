package store_test

import (
	"context"
	"testing"
	"time"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

func TestUnitBookingsInReadsEachLedgerInItsRangeNewestFirstUpToTheLimit(t *testing.T) {
	st := testenv.Store(t)
	w := testenv.NewWorld(t, st)
	ctx := context.Background()
	day := func(d int) time.Time { return time.Date(2026, 5, d, 0, 0, 0, 0, time.UTC) }
	var ids []int64
	for _, org := range []int64{w.OrgA.ID, w.OrgB.ID, w.OrgA.ID} {
		id, err := st.CreateContract(ctx, org, store.ContractInput{Name: "C", StartsAt: day(1), Period: model.PeriodMonth, Units: 40, UnitMinutes: 15})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	agent := w.User(t, "agent")
	for _, id := range ids[:2] {
		for d := 1; d <= 5; d++ {
			if _, err := st.AddUnitBooking(ctx, store.NewUnitBooking{ContractID: id, BookedAt: day(d), Units: int64(d), UserID: agent.ID}); err != nil {
				t.Fatal(err)
			}
		}
	}
	got, err := st.UnitBookingsIn(ctx, []store.UnitRange{
		{ContractID: ids[0], From: day(2), To: day(5)}, // days 2 to 4
		{ContractID: ids[1]},                           // the whole ledger
		{ContractID: ids[2]},                           // nothing booked
	}, 2)
	if err != nil {
		t.Fatal(err)
	}
	units := func(id int64) []int64 {
		var out []int64
		for _, b := range got[id] {
			if b.ContractID != id || b.UserName != agent.Name {
				t.Errorf("contract %d: entry %+v", id, b)
			}
			out = append(out, b.Units)
		}
		return out
	}
	if u := units(ids[0]); len(u) != 2 || u[0] != 4 || u[1] != 3 {
		t.Errorf("the range of contract 1 gave units %v, want [4 3]", u)
	}
	if u := units(ids[1]); len(u) != 2 || u[0] != 5 || u[1] != 4 {
		t.Errorf("the ledger of contract 2 gave units %v, want [5 4]", u)
	}
	if len(got[ids[2]]) != 0 {
		t.Errorf("contract 3 books nothing, got %v", got[ids[2]])
	}
}
