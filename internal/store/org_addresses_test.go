package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

func TestSavingAnAddressTwiceReplacesIt(t *testing.T) {
	st := testenv.Store(t)
	ctx := context.Background()
	orgID, err := st.CreateOrganization(ctx, store.NewOrganization{Name: "Address Ltd"})
	if err != nil {
		t.Fatal(err)
	}
	a := store.OrgAddress{OrgID: orgID, Kind: "invoice", Company: "Address Ltd", Street: "Hauptstraße 1", PostalCode: "10115",
		City: "Berlin", Country: "DE", VATID: "DE123456789"}
	if err := st.SaveOrgAddress(ctx, a); err != nil {
		t.Fatal(err)
	}
	a.City = "Potsdam"
	if err := st.SaveOrgAddress(ctx, a); err != nil {
		t.Fatal(err)
	}
	got, err := st.OrgAddresses(ctx, orgID)
	if err != nil || len(got) != 1 || got[0].City != "Potsdam" || got[0].VATID != "DE123456789" || got[0].UpdatedAt.IsZero() {
		t.Fatalf("addresses = %+v, %v", got, err)
	}
	if err := st.DeleteOrgAddress(ctx, orgID, "invoice"); err != nil {
		t.Fatal(err)
	}
	if got, err := st.OrgAddresses(ctx, orgID); err != nil || len(got) != 0 {
		t.Fatalf("after delete: %+v, %v", got, err)
	}
}

func TestConcurrentNewsAddressesNeverExceedTheLimit(t *testing.T) {
	st := testenv.Store(t)
	ctx := context.Background()
	orgID, err := st.CreateOrganization(ctx, store.NewOrganization{Name: "News Ltd"})
	if err != nil {
		t.Fatal(err)
	}
	const tries = 8
	var wg sync.WaitGroup
	errs := make([]error, tries)
	for i := range tries {
		wg.Go(func() {
			errs[i] = st.InTx(ctx, func(q *store.Queries) error {
				_, err := q.AddNewsAddress(ctx, store.NewNewsAddress{OrgID: orgID, Email: fmt.Sprintf("n%d@news.example", i),
					TokenHash: fmt.Sprintf("hash-%d", i), TokenExpires: store.Now().Add(time.Hour)}, 3)
				return err
			})
		})
	}
	wg.Wait()
	added, full := 0, 0
	for _, err := range errs {
		switch {
		case err == nil:
			added++
		case errors.Is(err, store.ErrNewsAddressesFull):
			full++
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if n, err := st.CountNewsAddresses(ctx, orgID); err != nil || n != 3 || added != 3 || full != tries-3 {
		t.Fatalf("count %d (%v), added %d, refused %d; want 3 added and the rest refused", n, err, added, full)
	}
}

func TestNewsTokenIsSingleUseAndExpires(t *testing.T) {
	st := testenv.Store(t)
	ctx := context.Background()
	orgID, err := st.CreateOrganization(ctx, store.NewOrganization{Name: "Token Ltd"})
	if err != nil {
		t.Fatal(err)
	}
	now := store.Now()
	add := func(email, hash string, expires time.Time) int64 {
		t.Helper()
		var id int64
		err := st.InTx(ctx, func(q *store.Queries) error {
			var err error
			id, err = q.AddNewsAddress(ctx, store.NewNewsAddress{OrgID: orgID, Email: email, TokenHash: hash, TokenExpires: expires}, 3)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	add("fresh@token.example", "fresh", now.Add(time.Hour))
	add("old@token.example", "old", now.Add(-time.Minute))
	if _, err := st.NewsAddressByToken(ctx, "old", now); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("an expired token was found: %v", err)
	}
	if _, err := st.ConfirmNewsAddress(ctx, "old", now); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("an expired token confirmed: %v", err)
	}
	n, err := st.ConfirmNewsAddress(ctx, "fresh", now)
	if err != nil || n.Email != "fresh@token.example" || !n.Confirmed() || !n.TokenExpires.IsZero() {
		t.Fatalf("confirm = %+v, %v", n, err)
	}
	if _, err := st.ConfirmNewsAddress(ctx, "fresh", now); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("a used token confirmed again: %v", err)
	}
	err = st.InTx(ctx, func(q *store.Queries) error {
		_, err := q.AddNewsAddress(ctx, store.NewNewsAddress{OrgID: orgID, Email: "fresh@token.example", TokenHash: "again",
			TokenExpires: now.Add(time.Hour)}, 3)
		return err
	})
	if !errors.Is(err, model.ErrConflict) {
		t.Errorf("the same address twice: %v, want a conflict", err)
	}
}
