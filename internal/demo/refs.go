package demo

import (
	"context"

	"supportal/internal/refnum"
	"supportal/internal/store"
)

// The vendor's order numbers, as its customers quote them ("Auftrag
// 4711023", "order #5502187", "AB-123456"), link to its ERP.
const (
	referencePattern = `(?i)\b(?:auftrag|order|AB)[-\s#:]*(\d{5,8})\b`
	referenceURL     = "https://erp.nordwerk.example/orders/{ref}"
)

// configureReferences sets the pattern that finds order numbers in
// tickets and the link to the ERP.
func configureReferences(ctx context.Context, q *store.Queries) error {
	return refnum.Save(ctx, q, refnum.Settings{Pattern: referencePattern, URL: referenceURL})
}
