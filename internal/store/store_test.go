package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

func TestMigrateFreshThenAgainIsNoop(t *testing.T) {
	st := testenv.Store(t)
	applied, err := st.Migrate(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(applied) != 0 {
		t.Fatalf("second migrate applied %v, want nothing", applied)
	}
	if n, err := st.Pending(context.Background()); err != nil || n != 0 {
		t.Fatalf("pending = %d, %v", n, err)
	}
	statuses, err := st.Statuses(context.Background())
	if err != nil || len(statuses) != 6 {
		t.Fatalf("statuses = %v, %v; want the six defaults", statuses, err)
	}
}

func TestTicketNumbersAreSequentialAndUnique(t *testing.T) {
	st := testenv.Store(t)
	ctx := context.Background()
	uid := mustUser(t, st, "a@example.com", 0)
	var numbers []int64
	for range 3 {
		err := st.InTx(ctx, func(q *store.Queries) error {
			_, n, err := q.CreateTicket(ctx, store.NewTicket{Subject: "s", RequesterID: uid, StatusID: 1, Channel: model.ChannelPortal})
			numbers = append(numbers, n)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if numbers[0] != 10001 || numbers[1] != 10002 || numbers[2] != 10003 {
		t.Fatalf("numbers = %v, want 10001..10003", numbers)
	}
}

func TestKeysetPaginationVisitsEveryTicketOnce(t *testing.T) {
	st := testenv.Store(t)
	ctx := context.Background()
	uid := mustUser(t, st, "a@example.com", 0)
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 23 {
		at := base.Add(time.Duration(i%5) * time.Minute) // ties on purpose
		id, _, err := st.CreateTicket(ctx, store.NewTicket{Subject: "t", RequesterID: uid, StatusID: 1, Channel: model.ChannelPortal, CreatedAt: at, Priority: []string{"low", "high", "normal"}[i%3]})
		if err != nil {
			t.Fatal(err)
		}
		// Due times with ties too, for the due sort.
		if err := st.SetSLADue(ctx, id, store.SLADue{Resolution: at.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	for _, sort := range store.Sorts {
		seen := map[int64]bool{}
		cursor := ""
		for pages := 0; ; pages++ {
			page, err := st.Tickets(ctx, store.TicketFilter{Scope: authz.TicketScope{All: true}, Sort: sort, Cursor: cursor, Limit: 4})
			if err != nil {
				t.Fatalf("%s: %v", sort, err)
			}
			for _, tk := range page.Tickets {
				if seen[tk.ID] {
					t.Fatalf("%s: ticket %d twice", sort, tk.Number)
				}
				seen[tk.ID] = true
			}
			if page.Next == "" {
				break
			}
			cursor = page.Next
		}
		if len(seen) != 23 {
			t.Fatalf("%s: saw %d tickets, want 23", sort, len(seen))
		}
	}
	_, err := st.Tickets(ctx, store.TicketFilter{Scope: authz.TicketScope{All: true}, Cursor: "garbage"})
	var verr *model.ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("bad cursor: err = %v, want a validation error", err)
	}
}

func TestDuplicateEmailIsConflict(t *testing.T) {
	st := testenv.Store(t)
	mustUser(t, st, "dup@example.com", 0)
	_, err := st.CreateUser(context.Background(), store.NewUser{Kind: model.KindContact, Email: "DUP@example.com", Name: "x", Role: model.RoleMember})
	if !errors.Is(err, model.ErrConflict) {
		t.Fatalf("err = %v, want ErrConflict", err)
	}
}

func mustUser(t *testing.T, st *store.Store, email string, org int64) int64 {
	t.Helper()
	id, err := st.CreateUser(context.Background(), store.NewUser{Kind: model.KindContact, Email: email, Name: email, OrgID: org, Role: model.RoleMember})
	if err != nil {
		t.Fatal(err)
	}
	return id
}
