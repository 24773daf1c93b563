package org

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"supportal/internal/account"
	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/store"
)

// The kinds of address an organization keeps, one of each.
const (
	AddressCorrespondence = "correspondence"
	AddressInvoice        = "invoice"
	AddressDelivery       = "delivery"
)

// AddressKinds lists the kinds of address in the order pages show them.
var AddressKinds = []string{AddressCorrespondence, AddressInvoice, AddressDelivery}

// DefaultCountry is the country a new address starts with.
const DefaultCountry = "DE"

// Countries are the ISO 3166-1 alpha-2 codes an address may name: the
// EU and the EEA, Switzerland, the United Kingdom and the United States.
// Pages name them through the catalogue keys "country.XX".
var Countries = []string{
	"AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR", "HR", "HU", "IE",
	"IS", "IT", "LI", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK", "US",
}

// Lengths of the address fields, in characters.
const (
	MaxCompany    = 200
	MaxDepartment = 200
	MaxStreet     = 200
	MaxExtra      = 200
	MaxCity       = 100
	MaxPostalCode = 10
	MaxVATID      = 14 // two letters and up to twelve characters
	MaxEmail      = 254
)

// Address is an organization's address of one kind as someone enters
// it. VATID and Email belong to the invoice address only; the other
// kinds drop them.
type Address struct {
	Kind       string
	Company    string
	Department string
	Street     string
	Extra      string
	PostalCode string
	City       string
	Country    string
	VATID      string
	Email      string
}

// Empty reports whether nothing was entered: saving an empty address
// removes it. The country does not count, since its select always holds
// one.
func (a Address) Empty() bool {
	return a.Company == "" && a.Department == "" && a.Street == "" && a.Extra == "" && a.PostalCode == "" &&
		a.City == "" && a.VATID == "" && a.Email == ""
}

var (
	postalDE    = regexp.MustCompile(`^[0-9]{5}$`)
	postalOther = regexp.MustCompile(`^[A-Z0-9][A-Z0-9 -]{0,8}[A-Z0-9]$`)
	vatIDForm   = regexp.MustCompile(`^[A-Z]{2}[0-9A-Z+*.]{2,12}$`)
	vatIDDE     = regexp.MustCompile(`^DE[0-9]{9}$`)
)

// Normalize trims every field, joins runs of blanks in the one-line
// fields, writes postal code, country and VAT ID in capitals (the VAT ID
// without blanks) and the email address in stored form. Fields the kind
// does not have are cleared.
func (a Address) Normalize() Address {
	line := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	a.Kind = strings.TrimSpace(a.Kind)
	a.Company, a.Department, a.Street, a.Extra, a.City = line(a.Company), line(a.Department), line(a.Street), line(a.Extra), line(a.City)
	a.PostalCode = strings.ToUpper(line(a.PostalCode))
	a.Country = strings.ToUpper(strings.TrimSpace(a.Country))
	a.VATID = strings.ToUpper(strings.Join(strings.Fields(a.VATID), ""))
	a.Email = store.NormalizeEmail(a.Email)
	if a.Kind != AddressInvoice {
		a.VATID, a.Email = "", ""
	}
	return a
}

// Validate checks a normalized address. An empty one is valid (it
// removes the address); otherwise company, street, postal code and city
// are required, the postal code must fit the country (five digits in
// Germany), the country must be one of Countries, the VAT ID must have
// the form of one (DE and nine digits for a German one) and the invoice
// email must be an address. Problems are a *model.ValidationError keyed
// by the form's field names.
func (a Address) Validate() error {
	v := &model.ValidationError{}
	if !slices.Contains(AddressKinds, a.Kind) {
		v.Add("kind", "error.option")
		return v
	}
	if a.Empty() {
		return nil
	}
	for _, f := range []struct {
		name, value string
		max         int
		required    bool
	}{
		{"company", a.Company, MaxCompany, true},
		{"department", a.Department, MaxDepartment, false},
		{"street", a.Street, MaxStreet, true},
		{"extra", a.Extra, MaxExtra, false},
		{"city", a.City, MaxCity, true},
		{"postal_code", a.PostalCode, MaxPostalCode, true},
		{"vat_id", a.VATID, MaxVATID, false},
		{"email", a.Email, MaxEmail, false},
	} {
		switch {
		case f.required && f.value == "":
			v.Add(f.name, "error.required")
		case utf8.RuneCountInString(f.value) > f.max:
			v.Add(f.name, "error.too_long")
		}
	}
	if !slices.Contains(Countries, a.Country) {
		v.Add("country", "org.address.error.country")
	}
	switch {
	case a.PostalCode == "":
	case a.Country == "DE" && !postalDE.MatchString(a.PostalCode):
		v.Add("postal_code", "org.address.error.postal_code_de")
	case !postalOther.MatchString(a.PostalCode):
		v.Add("postal_code", "org.address.error.postal_code")
	}
	switch {
	case a.VATID == "":
	case strings.HasPrefix(a.VATID, "DE") && !vatIDDE.MatchString(a.VATID):
		v.Add("vat_id", "org.address.error.vat_id_de")
	case !vatIDForm.MatchString(a.VATID):
		v.Add("vat_id", "org.address.error.vat_id")
	}
	if a.Email != "" && !account.ValidEmail(a.Email) {
		v.Add("email", "error.email")
	}
	return v.Err()
}

// SaveAddress validates an organization's address of one kind and stores
// it; an entirely empty one removes the address of that kind. by must
// manage the organization (its portal admin, or an agent); for anyone
// else the organization does not exist. Bad input is a
// *model.ValidationError and changes nothing.
func (s *Service) SaveAddress(ctx context.Context, by *model.User, orgID int64, a Address) error {
	if !authz.ManageOrg(by, orgID) {
		return fmt.Errorf("org: address: %w", model.ErrNotFound)
	}
	a = a.Normalize()
	if err := a.Validate(); err != nil {
		return err
	}
	err := s.st.InTx(ctx, func(q *store.Queries) error {
		if _, err := q.Organization(ctx, orgID); err != nil {
			return err
		}
		if a.Empty() {
			return q.DeleteOrgAddress(ctx, orgID, a.Kind)
		}
		return q.SaveOrgAddress(ctx, store.OrgAddress{OrgID: orgID, Kind: a.Kind, Company: a.Company, Department: a.Department,
			Street: a.Street, Extra: a.Extra, PostalCode: a.PostalCode, City: a.City, Country: a.Country, VATID: a.VATID,
			Email: a.Email, UpdatedBy: by.ID})
	})
	if err != nil {
		return fmt.Errorf("org: save %s address of %d: %w", a.Kind, orgID, err)
	}
	return nil
}
