package org_test

import (
	"errors"
	"testing"

	"supportal/internal/model"
	"supportal/internal/org"
)

func TestAddressValidation(t *testing.T) {
	valid := org.Address{Kind: org.AddressInvoice, Company: "Muster GmbH", Street: "Hauptstraße 1", PostalCode: "10115",
		City: "Berlin", Country: "DE", VATID: "DE 123 456 789", Email: "Rechnung@Muster.example"}
	for _, tc := range []struct {
		name   string
		change func(a *org.Address)
		field  string // "" for valid
		key    string
	}{
		{"valid", func(*org.Address) {}, "", ""},
		{"empty removes", func(a *org.Address) { *a = org.Address{Kind: org.AddressInvoice, Country: "DE"} }, "", ""},
		{"unknown kind", func(a *org.Address) { a.Kind = "billing" }, "kind", "error.option"},
		{"company missing", func(a *org.Address) { a.Company = "  " }, "company", "error.required"},
		{"street missing", func(a *org.Address) { a.Street = "" }, "street", "error.required"},
		{"city missing", func(a *org.Address) { a.City = "" }, "city", "error.required"},
		{"postal code missing", func(a *org.Address) { a.PostalCode = "" }, "postal_code", "error.required"},
		{"German postal code of four digits", func(a *org.Address) { a.PostalCode = "1011" }, "postal_code", "org.address.error.postal_code_de"},
		{"German postal code with letters", func(a *org.Address) { a.PostalCode = "D-10115" }, "postal_code", "org.address.error.postal_code_de"},
		{"Austrian postal code", func(a *org.Address) { a.Country, a.PostalCode, a.VATID = "AT", "1010", "ATU12345678" }, "", ""},
		{"British postal code", func(a *org.Address) { a.Country, a.PostalCode, a.VATID = "gb", "sw1a 1aa", "" }, "", ""},
		{"postal code with a slash", func(a *org.Address) { a.Country, a.PostalCode = "AT", "10/10" }, "postal_code", "org.address.error.postal_code"},
		{"postal code too long", func(a *org.Address) { a.Country, a.PostalCode = "NL", "12345678901" }, "postal_code", "error.too_long"},
		{"unknown country", func(a *org.Address) { a.Country = "XX" }, "country", "org.address.error.country"},
		{"no country", func(a *org.Address) { a.Country = "" }, "country", "org.address.error.country"},
		{"German VAT ID too short", func(a *org.Address) { a.VATID = "DE12345678" }, "vat_id", "org.address.error.vat_id_de"},
		{"VAT ID without country", func(a *org.Address) { a.VATID = "123456789" }, "vat_id", "org.address.error.vat_id"},
		{"VAT ID with a dash", func(a *org.Address) { a.VATID = "FR-12345678901" }, "vat_id", "org.address.error.vat_id"},
		{"invoice email", func(a *org.Address) { a.Email = "not an address" }, "email", "error.email"},
		{"company too long", func(a *org.Address) { a.Company = string(make([]rune, org.MaxCompany+1)) + "x" }, "company", "error.too_long"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := valid
			tc.change(&a)
			err := a.Normalize().Validate()
			var v *model.ValidationError
			switch {
			case tc.field == "" && err != nil:
				t.Fatalf("valid address refused: %v", err)
			case tc.field == "":
			case !errors.As(err, &v) || v.Fields[tc.field] != tc.key:
				t.Fatalf("got %v, want %s on %s", err, tc.key, tc.field)
			}
		})
	}
}

func TestAddressNormalizeKeepsOnlyTheFieldsOfItsKind(t *testing.T) {
	a := org.Address{Kind: org.AddressDelivery, Company: " Muster  GmbH ", Street: "Hauptstraße 1", PostalCode: " 10115 ",
		City: "Berlin", Country: "de", VATID: "DE123456789", Email: "x@example.com"}.Normalize()
	if a.Company != "Muster GmbH" || a.PostalCode != "10115" || a.Country != "DE" || a.VATID != "" || a.Email != "" {
		t.Errorf("normalized: %+v", a)
	}
	inv := org.Address{Kind: org.AddressInvoice, VATID: "de 123 456 789", Email: " Bill@Example.COM "}.Normalize()
	if inv.VATID != "DE123456789" || inv.Email != "bill@example.com" {
		t.Errorf("normalized invoice: %+v", inv)
	}
}
