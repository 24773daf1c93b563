package org

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"supportal/internal/model"
	"supportal/internal/store"
)

// Founded is what Found did.
type Founded struct {
	OrgID int64
	// Domain is the email domain claimed for the organization, waiting
	// for support's approval; "" when the contact's domain is taken.
	Domain string
}

// Found lets a contact that belongs to no organization register its
// company: the organization is created with the contact as its portal
// admin, the contact's requests become the organization's, and the
// domain of the contact's address is claimed for it. The claim waits for
// an agent's approval, as any claim does; until then nobody else joins,
// so the only thing an agent does to onboard a company is approve its
// domain. Everything after — inviting colleagues, their rights, the
// addresses — the portal admin does.
func (s *Service) Found(ctx context.Context, by *model.User, name string) (Founded, error) {
	if by == nil || !by.IsContact() || by.OrgID != 0 || !by.Active {
		return Founded{}, fmt.Errorf("org: found: %w", model.ErrNotFound)
	}
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return Founded{}, model.Invalid("name", "error.required")
	case len(name) > MaxName:
		return Founded{}, model.Invalid("name", "error.too_long")
	}
	var out Founded
	err := s.st.InTx(ctx, func(q *store.Queries) error {
		taken, err := q.OrganizationNameTaken(ctx, name)
		if err != nil {
			return err
		}
		if taken {
			return model.Invalid("name", "org.found.name_taken")
		}
		if out.OrgID, err = q.CreateOrganization(ctx, store.NewOrganization{Name: name}); err != nil {
			return err
		}
		rights, _ := model.RoleRights(model.RolePortalAdm)
		if err := q.JoinFoundedOrganization(ctx, by.ID, out.OrgID, model.RolePortalAdm, rights); err != nil {
			return err
		}
		_, domain, _ := strings.Cut(by.Email, "@")
		if !ValidDomain(domain) {
			return nil
		}
		taken, err = q.DomainTaken(ctx, domain)
		if err != nil || taken {
			return err
		}
		if err := q.ClaimOrgDomain(ctx, out.OrgID, domain, by.ID); err != nil {
			return err
		}
		out.Domain = domain
		return nil
	})
	if errors.Is(err, model.ErrConflict) { // the name was taken, or the contact joined one, meanwhile
		return Founded{}, model.Invalid("name", "org.found.name_taken")
	}
	if err != nil {
		var v *model.ValidationError
		if errors.As(err, &v) {
			return Founded{}, err
		}
		return Founded{}, fmt.Errorf("org: found %q: %w", name, err)
	}
	return out, nil
}
