// Package org owns organizations: creating them with the email domains
// whose people join them. The desk, the admin pages, the API and the CLI
// all create organizations here, so the rules exist once.
package org

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"supportal/internal/model"
	"supportal/internal/store"
)

// MaxName is the longest organization name accepted.
const MaxName = 200

// Service creates and changes organizations.
type Service struct {
	st   *store.Store
	news newsMail // the double opt-in of news addresses; see SetNewsMailer
}

// New returns a Service on st.
func New(st *store.Store) *Service { return &Service{st: st} }

// NewOrganization is an organization as someone enters it.
type NewOrganization struct {
	Name    string
	Domains []string // email domains; "@example.com", case and blanks are forgiven
}

// Create validates and stores an organization with its domains in one
// transaction, and returns its id. A name or domain that is taken, or a
// domain that is not one, is a validation error on "name" or "domains".
func (s *Service) Create(ctx context.Context, n NewOrganization) (int64, error) {
	v := &model.ValidationError{}
	name := strings.TrimSpace(n.Name)
	switch {
	case name == "":
		v.Add("name", "error.required")
	case len(name) > MaxName:
		v.Add("name", "error.too_long")
	}
	domains := NormalizeDomains(n.Domains)
	for _, d := range domains {
		if !ValidDomain(d) {
			v.Add("domains", "org.error.domain")
		}
	}
	if err := v.Err(); err != nil {
		return 0, err
	}
	var id int64
	err := s.st.InTx(ctx, func(q *store.Queries) error {
		taken, err := q.OrganizationNameTaken(ctx, name)
		if err != nil {
			return err
		}
		if taken {
			v.Add("name", "org.error.name_taken")
		}
		for _, d := range domains {
			owner, err := q.DomainOwner(ctx, d)
			if err != nil {
				return err
			}
			if owner != 0 {
				v.Add("domains", "org.error.domain_taken")
			}
		}
		if err := v.Err(); err != nil {
			return err
		}
		id, err = q.CreateOrganization(ctx, store.NewOrganization{Name: name, Domains: domains})
		return err
	})
	if errors.Is(err, model.ErrConflict) { // taken between the check and the insert
		return 0, model.Invalid("name", "org.error.name_taken")
	}
	if err != nil {
		return 0, fmt.Errorf("org: create %q: %w", name, err)
	}
	return id, nil
}

// NormalizeDomains returns the domains in stored form: trimmed, lower
// case, without a leading "@", without blanks and repeats.
func NormalizeDomains(in []string) []string {
	var out []string
	for _, d := range in {
		d = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(d), "@"))
		if d != "" && !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	return out
}

// ValidDomain reports whether d looks like an email domain: dot-separated
// labels of letters, digits and inner hyphens, at least two of them, and
// a top-level label that is not a number. Internationalised names are
// entered in their xn-- form.
func ValidDomain(d string) bool {
	labels := strings.Split(d, ".")
	if len(d) > 253 || len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		if strings.IndexFunc(l, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') }) >= 0 {
			return false
		}
	}
	tld := labels[len(labels)-1]
	return strings.IndexFunc(tld, func(r rune) bool { return r < '0' || r > '9' }) >= 0
}
