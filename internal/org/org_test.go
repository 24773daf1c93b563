package org_test

import (
	"context"
	"errors"
	"testing"

	"supportal/internal/model"
	"supportal/internal/org"
	"supportal/internal/testenv"
)

func TestCreateNormalizesDomainsAndRefusesWhatIsTaken(t *testing.T) {
	st := testenv.Store(t)
	svc := org.New(st)
	ctx := context.Background()
	id, err := svc.Create(ctx, org.NewOrganization{Name: " Acme ", Domains: []string{"@Acme.example", " acme.example", "", "shop.acme.example"}})
	if err != nil {
		t.Fatal(err)
	}
	o, err := st.Organization(ctx, id)
	if err != nil || o.Name != "Acme" || len(o.Domains) != 2 || o.Domains[0] != "acme.example" {
		t.Fatalf("stored %+v, %v", o, err)
	}
	for _, tc := range []struct {
		n     org.NewOrganization
		field string
	}{
		{org.NewOrganization{Name: ""}, "name"},
		{org.NewOrganization{Name: "ACME"}, "name"},
		{org.NewOrganization{Name: "Other", Domains: []string{"acme.example"}}, "domains"},
		{org.NewOrganization{Name: "Other", Domains: []string{"localhost"}}, "domains"},
		{org.NewOrganization{Name: "Other", Domains: []string{"example.123"}}, "domains"},
	} {
		_, err := svc.Create(ctx, tc.n)
		var v *model.ValidationError
		if !errors.As(err, &v) || v.Fields[tc.field] == "" {
			t.Errorf("%+v: %v, want an error on %s", tc.n, err, tc.field)
		}
	}
	orgs, _ := st.Organizations(ctx)
	if len(orgs) != 1 {
		t.Fatalf("refused input created organizations: %d", len(orgs))
	}
}
