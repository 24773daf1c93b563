package store_test

import (
	"context"
	"testing"

	"supportal/internal/store"
	"supportal/internal/testenv"
)

func TestQueryCountCountsTheStatementsOfItsContextOnly(t *testing.T) {
	st := testenv.Store(t)
	ctx, n := store.WithQueryCount(context.Background())
	if _, err := st.Teams(ctx); err != nil {
		t.Fatal(err)
	}
	err := st.InTx(ctx, func(q *store.Queries) error {
		_, err := q.Teams(ctx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Teams(context.Background()); err != nil { // another context: not counted
		t.Fatal(err)
	}
	if n.N() != 2 || len(n.Statements()) != 2 {
		t.Errorf("counted %d statements %q, want the two reads of the teams", n.N(), n.Statements())
	}
}
