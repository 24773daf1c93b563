package store_test

import (
	"context"
	"encoding/json"
	"testing"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

// A macro that sets a status keeps working when an admin renames it.
func TestRenamingAStatusKeepsMacrosThatSetIt(t *testing.T) {
	st := testenv.Store(t)
	ctx := context.Background()
	var statusID, renames, keeps int64
	err := st.InTx(ctx, func(q *store.Queries) error {
		var err error
		if statusID, err = q.CreateStatus(ctx, model.Status{Name: "Awaiting parts", Category: model.CategoryOnHold}); err != nil {
			return err
		}
		if renames, err = q.CreateMacro(ctx, &store.Macro{Name: "Parts ordered", Actions: `{"status":"Awaiting parts","priority":"high"}`}); err != nil {
			return err
		}
		keeps, err = q.CreateMacro(ctx, &store.Macro{Name: "Solved", Actions: `{"status":"Resolved"}`})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	err = st.InTx(ctx, func(q *store.Queries) error {
		return q.UpdateStatus(ctx, model.Status{ID: statusID, Name: "Waiting for parts", Category: model.CategoryOnHold})
	})
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[int64]map[string]string{
		renames: {"status": "Waiting for parts", "priority": "high"},
		keeps:   {"status": "Resolved"},
	} {
		m, err := st.Macro(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var got map[string]string
		if err := json.Unmarshal([]byte(m.Actions), &got); err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) || got["status"] != want["status"] || got["priority"] != want["priority"] {
			t.Errorf("macro %q acts as %v after the rename, want %v", m.Name, got, want)
		}
	}
}
