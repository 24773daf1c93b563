package store_test

import (
	"context"
	"testing"
	"time"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

func TestUnitsBookedAddsUpEachContractsOwnRange(t *testing.T) {
	st := testenv.Store(t)
	w := testenv.NewWorld(t, st)
	ctx := context.Background()
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.UTC) }
	newContract := func(org int64, name string) int64 {
		id, err := st.CreateContract(ctx, org, store.ContractInput{Name: name, StartsAt: day(1, 1), Period: model.PeriodQuarter, Units: 40, UnitMinutes: 15})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	a, b, idle := newContract(w.OrgA.ID, "A"), newContract(w.OrgB.ID, "B"), newContract(w.OrgA.ID, "idle")
	for _, bk := range []struct {
		contract int64
		at       time.Time
		units    int64
	}{
		{a, day(3, 31).Add(24*time.Hour - time.Microsecond), 100}, // the last instant before the range
		{a, day(4, 1), 3}, // the first instant of the range
		{a, day(5, 10), 5},
		{a, day(6, 30), -1},
		{a, day(7, 1), 100}, // the end is not in the range
		{b, day(2, 1), 4},
		{b, day(5, 1), 9},
	} {
		if _, err := st.AddUnitBooking(ctx, store.NewUnitBooking{ContractID: bk.contract, BookedAt: bk.at, Units: bk.units, UserID: w.User(t, "agent").ID}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := st.UnitsBooked(ctx, []store.UnitRange{
		{ContractID: a, From: day(4, 1), To: day(7, 1)},
		{ContractID: b, From: day(1, 1)}, // open-ended
		{ContractID: idle, From: day(1, 1), To: day(4, 1)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got[a] != 7 || got[b] != 13 || got[idle] != 0 || len(got) != 2 {
		t.Errorf("units booked = %v, want A 7, B 13, nothing for the idle contract", got)
	}
	list, err := st.UnitBookings(ctx, store.BookingFilter{ContractID: a, From: day(4, 1), To: day(7, 1), Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Units != -1 || list[1].Units != 5 || list[0].UserName != "User agent" {
		t.Errorf("newest two bookings of the range: %+v", list)
	}
	if got, err := st.UnitsBooked(ctx, nil); err != nil || len(got) != 0 {
		t.Errorf("no ranges: %v %v", got, err)
	}
}

// An organization may hold more contracts than one query can add up.
func TestUnitsBookedForManyContracts(t *testing.T) {
	st := testenv.Store(t)
	w := testenv.NewWorld(t, st)
	ctx := context.Background()
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var ranges []store.UnitRange
	for i := range 1200 {
		id, err := st.CreateContract(ctx, w.OrgA.ID, store.ContractInput{Name: "C", StartsAt: start, Period: model.PeriodTerm, Units: 1, UnitMinutes: 15})
		if err != nil {
			t.Fatal(err)
		}
		if i%100 == 0 {
			if _, err := st.AddUnitBooking(ctx, store.NewUnitBooking{ContractID: id, BookedAt: start, Units: 2, UserID: w.User(t, "agent").ID}); err != nil {
				t.Fatal(err)
			}
		}
		ranges = append(ranges, store.UnitRange{ContractID: id, From: start})
	}
	got, err := st.UnitsBooked(ctx, ranges)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 12 || got[ranges[1100].ContractID] != 2 {
		t.Errorf("units booked over 1200 contracts: %d contracts with bookings, want 12 with 2 each: %v", len(got), got)
	}
}
