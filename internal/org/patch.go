package org

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"supportal/internal/authz"
	"supportal/internal/i18n"
	"supportal/internal/model"
	"supportal/internal/store"
)

// MaxDomains is the most email domains one change may name.
const MaxDomains = 100

// OrgPatch is a change to an organization; nil fields stay as they are.
type OrgPatch struct {
	Name        *string
	DefaultRole *string
	// Domains are the approved domains the organization is to have, in
	// the forms NormalizeDomains forgives.
	Domains *[]string
}

// Patch changes organization id on behalf of by, in one transaction.
//
// Agents change everything; the domains they name are approved at once
// (a claim of the organization that waits is approved), and approved
// domains they leave out are removed. Claims that wait and are not named
// stay as they are.
//
// A portal admin of the organization may only claim domains, through the
// same path as the portal: a domain it names that the organization does
// not hold is claimed and waits for support's approval, so that no one
// pulls in strangers' accounts by naming their domain. A name, a default
// role, or leaving out an approved domain is model.ErrForbidden: the
// organization's identity and who joins it with which rights is
// support's decision. Anyone else gets model.ErrNotFound.
func (s *Service) Patch(ctx context.Context, by *model.User, id int64, p OrgPatch) error {
	if !authz.ManageOrg(by, id) {
		return fmt.Errorf("org: change %d: %w", id, model.ErrNotFound)
	}
	if !by.IsAgent() && (p.Name != nil || p.DefaultRole != nil) {
		return fmt.Errorf("org: change %d: %w", id, model.ErrForbidden)
	}
	v := &model.ValidationError{}
	if p.Name != nil {
		name := strings.TrimSpace(*p.Name)
		p.Name = &name
		switch {
		case name == "":
			v.Add("name", "error.required")
		case utf8.RuneCountInString(name) > MaxName:
			v.Add("name", "error.too_long")
		}
	}
	if p.DefaultRole != nil && !slices.Contains(model.ContactRoles, *p.DefaultRole) {
		v.Add("default_role", "error.role")
	}
	var want []string
	if p.Domains != nil {
		want = NormalizeDomains(*p.Domains)
		if len(want) > MaxDomains {
			v.Add("domains", "error.too_long")
		}
		for _, d := range want {
			if !ValidDomain(d) {
				v.Add("domains", "org.error.domain")
			}
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	err := s.st.InTx(ctx, func(q *store.Queries) error {
		o, err := q.Organization(ctx, id)
		if err != nil {
			return err
		}
		if p.Name != nil || p.DefaultRole != nil {
			if err := renameOrg(ctx, q, o, p); err != nil {
				return err
			}
		}
		if p.Domains != nil {
			return setDomains(ctx, q, by, id, want)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("org: change %d: %w", id, err)
	}
	return nil
}

// renameOrg stores the name and default role of p over those of o.
func renameOrg(ctx context.Context, q *store.Queries, o *model.Organization, p OrgPatch) error {
	name, role := o.Name, o.DefaultRole
	if p.Name != nil {
		name = *p.Name
	}
	if p.DefaultRole != nil {
		role = *p.DefaultRole
	}
	taken, err := q.OrganizationNameTakenByOther(ctx, o.ID, name)
	if err != nil {
		return err
	}
	if taken {
		return model.Invalid("name", "org.error.name_taken")
	}
	err = q.UpdateOrganization(ctx, o.ID, name, role)
	if errors.Is(err, model.ErrConflict) {
		return model.Invalid("name", "org.error.name_taken")
	}
	return err
}

// setDomains makes want the approved domains of organization id as by
// may: see Patch.
func setDomains(ctx context.Context, q *store.Queries, by *model.User, id int64, want []string) error {
	held, err := q.OrgDomains(ctx, id)
	if err != nil {
		return err
	}
	pending := map[string]bool{}
	approved := map[string]bool{}
	for _, d := range held {
		if d.Approved {
			approved[d.Domain] = true
		} else {
			pending[d.Domain] = true
		}
	}
	for d := range approved {
		if slices.Contains(want, d) {
			continue
		}
		if !by.IsAgent() {
			return model.ErrForbidden
		}
		if err := q.RemoveDomain(ctx, id, d); err != nil {
			return err
		}
	}
	for _, d := range want {
		switch {
		case approved[d]:
		case pending[d] && by.IsAgent():
			err = q.ApproveDomain(ctx, d)
		case pending[d]: // claimed already; it keeps waiting
		default:
			err = addDomain(ctx, q, by, id, d)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// addDomain gives organization id a domain no one holds: approved when
// support adds it, a claim when a portal admin does.
func addDomain(ctx context.Context, q *store.Queries, by *model.User, id int64, d string) error {
	taken, err := q.DomainTaken(ctx, d)
	if err != nil {
		return err
	}
	if taken {
		return model.Invalid("domains", "org.error.domain_taken")
	}
	if by.IsAgent() {
		err = q.AddApprovedDomain(ctx, id, d)
	} else {
		err = q.ClaimOrgDomain(ctx, id, d, by.ID)
	}
	if errors.Is(err, model.ErrConflict) { // taken between the check and the insert
		return model.Invalid("domains", "org.error.domain_taken")
	}
	return err
}

// ContactPatch is a change to a contact; nil fields stay as they are.
// Role and Rights are two ways to set the rights: Role names a preset of
// model.ContactRoles; Rights, used when Role is nil, is the full set, and
// the role becomes the preset that grants exactly it, or custom.
type ContactPatch struct {
	Name     *string
	JobTitle *string
	Phone    *string
	Language *string // "" follows the browser
	Role     *string
	Rights   *model.Rights
	Active   *bool
}

// PatchContact changes contact id on behalf of by in one transaction and
// returns it as stored. Agents change any contact; a portal admin only
// the contacts of its organization (authz.ManageContact), others get
// model.ErrNotFound. A portal admin cannot take manage_org from itself
// nor deactivate itself, as in the portal: the organization would lose
// the admin who is changing it. New rights apply on the contact's next
// request, since sessions read the user afresh; deactivating also ends
// its sessions, and its access tokens stop working while it is inactive.
func (s *Service) PatchContact(ctx context.Context, by *model.User, id int64, p ContactPatch) (*model.User, error) {
	var out *model.User
	err := s.st.InTx(ctx, func(q *store.Queries) error {
		u, err := q.User(ctx, id)
		if err != nil {
			return err
		}
		if !authz.ManageContact(by, u) {
			return model.ErrNotFound
		}
		c, err := patched(by, u, p)
		if err != nil {
			return err
		}
		if err := q.UpdateContact(ctx, id, c); err != nil {
			return err
		}
		if !c.Active {
			if err := q.EndSessions(ctx, id); err != nil {
				return err
			}
		}
		out, err = q.User(ctx, id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("org: change contact %d: %w", id, err)
	}
	return out, nil
}

// patched applies p to contact u and checks the result.
func patched(by, u *model.User, p ContactPatch) (store.ContactUpdate, error) {
	c := store.ContactUpdate{Name: u.Name, Email: u.Email, JobTitle: u.JobTitle, Phone: u.Phone, Language: u.Language,
		OrgID: u.OrgID, Role: u.Role, Rights: u.Rights, Active: u.Active}
	v := &model.ValidationError{}
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = strings.TrimSpace(*src)
		}
	}
	set(&c.Name, p.Name)
	set(&c.JobTitle, p.JobTitle)
	set(&c.Phone, p.Phone)
	set(&c.Language, p.Language)
	switch {
	case c.Name == "":
		v.Add("name", "error.required")
	case utf8.RuneCountInString(c.Name) > MaxPersonName:
		v.Add("name", "error.too_long")
	}
	if utf8.RuneCountInString(c.JobTitle) > MaxJobTitle {
		v.Add("job_title", "error.too_long")
	}
	if utf8.RuneCountInString(c.Phone) > MaxPhone {
		v.Add("phone", "error.too_long")
	}
	if c.Language != "" && !slices.Contains(i18n.Languages, c.Language) {
		v.Add("language", "error.option")
	}
	rightsField := "rights"
	switch {
	case p.Role != nil:
		rightsField = "role"
		rights, ok := model.RoleRights(*p.Role)
		if !ok {
			v.Add("role", "error.role")
		}
		c.Role, c.Rights = *p.Role, rights
	case p.Rights != nil:
		c.Rights = p.Rights.Normal()
		c.Role = model.RoleFor(c.Rights)
	}
	if p.Active != nil {
		c.Active = *p.Active
	}
	if by.ID == u.ID && !c.Rights.Has(model.RightManageOrg) {
		v.Add(rightsField, "org.contact.own_manage_org")
	}
	if by.ID == u.ID && !c.Active {
		v.Add("active", "org.contact.own_deactivate")
	}
	return c, v.Err()
}
