package demo

import (
	"context"
	"fmt"

	"supportal/internal/model"
	"supportal/internal/store"
)

// customFields are the custom fields of the demo: a serial number the
// customer may give (optional, so every demo flow works without it) and
// the root cause support records before resolving.
var customFields = []model.CustomField{
	{Key: "serial_number", Kind: model.KindText, Labels: model.Labels{"de": "Seriennummer", "en": "Serial number"},
		ContactVisible: true, ContactEditable: true, Active: true},
	{Key: "root_cause", Kind: model.KindSelect, Labels: model.Labels{"de": "Ursache", "en": "Root cause"},
		Options: []string{"Bedienung / operation", "Konfiguration / configuration", "Softwarefehler / software defect",
			"Hardware", "Schnittstelle / interface"},
		RequiredResolve: true, Active: true},
}

// addCustomFields defines the demo's custom fields.
func addCustomFields(ctx context.Context, q *store.Queries) error {
	for _, f := range customFields {
		if _, err := q.CreateCustomField(ctx, f); err != nil {
			return fmt.Errorf("demo: custom field %s: %w", f.Key, err)
		}
	}
	return nil
}
