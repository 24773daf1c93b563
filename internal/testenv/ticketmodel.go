package testenv

import (
	"context"
	"testing"

	"supportal/internal/model"
)

// CustomField defines a custom field, active, and returns it with its id.
func (e *Env) CustomField(t testing.TB, f model.CustomField) model.CustomField {
	t.Helper()
	f.Active = true
	id, err := e.Store.CreateCustomField(context.Background(), f)
	if err != nil {
		t.Fatalf("testenv: custom field %s: %v", f.Key, err)
	}
	f.ID = id
	return f
}
