package demo_test

import (
	"context"
	"slices"
	"testing"

	"supportal/internal/refnum"
)

func TestDemoTicketsCarryOrderNumbersLinkedToTheERP(t *testing.T) {
	d := newDemo(t)
	ctx := context.Background()
	s, err := refnum.Load(ctx, &d.App.Store.Queries)
	if err != nil || s.Pattern == "" || s.URL == "" {
		t.Fatalf("settings %+v, %v", s, err)
	}
	var found []string
	for _, tk := range d.tickets {
		list, err := d.App.Store.TicketReferences(ctx, tk.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range list {
			found = append(found, r.Value)
		}
	}
	for _, want := range []string{"4711023", "5502187"} {
		if !slices.Contains(found, want) {
			t.Errorf("no demo ticket has the order number %s (found %q)", want, found)
		}
	}
}
