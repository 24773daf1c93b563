package org

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"supportal/internal/account"
	"supportal/internal/i18n"
	"supportal/internal/model"
	"supportal/internal/store"
)

// Lengths of the contact fields the desk edits.
const (
	MaxPersonName = 200
	MaxJobTitle   = 200
	MaxPhone      = 50
)

// staffOnly refuses anyone but agents and admins; the pages already keep
// others out, this keeps every other caller honest too.
func staffOnly(by *model.User) error {
	if !by.IsAgent() {
		return fmt.Errorf("org: %w", model.ErrNotFound)
	}
	return nil
}

// Update renames an organization and sets the role its newcomers get.
func (s *Service) Update(ctx context.Context, by *model.User, id int64, name, defaultRole string) error {
	if err := staffOnly(by); err != nil {
		return err
	}
	v := &model.ValidationError{}
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		v.Add("name", "error.required")
	case utf8.RuneCountInString(name) > MaxName:
		v.Add("name", "error.too_long")
	}
	if !slices.Contains(model.ContactRoles, defaultRole) {
		v.Add("default_role", "error.role")
	}
	if err := v.Err(); err != nil {
		return err
	}
	err := s.st.InTx(ctx, func(q *store.Queries) error {
		taken, err := q.OrganizationNameTakenByOther(ctx, id, name)
		if err != nil {
			return err
		}
		if taken {
			return model.Invalid("name", "org.error.name_taken")
		}
		return q.UpdateOrganization(ctx, id, name, defaultRole)
	})
	if errors.Is(err, model.ErrConflict) {
		return model.Invalid("name", "org.error.name_taken")
	}
	if err != nil {
		return fmt.Errorf("org: update %d: %w", id, err)
	}
	return nil
}

// AddDomain gives an organization an email domain, approved at once
// because support adds it. A domain held or claimed by anyone is a
// validation error on "domain".
func (s *Service) AddDomain(ctx context.Context, by *model.User, orgID int64, domain string) error {
	if err := staffOnly(by); err != nil {
		return err
	}
	ds := NormalizeDomains([]string{domain})
	if len(ds) == 0 {
		return model.Invalid("domain", "error.required")
	}
	d := ds[0]
	if !ValidDomain(d) {
		return model.Invalid("domain", "org.error.domain")
	}
	err := s.st.InTx(ctx, func(q *store.Queries) error {
		if _, err := q.Organization(ctx, orgID); err != nil {
			return err
		}
		taken, err := q.DomainTaken(ctx, d)
		if err != nil {
			return err
		}
		if taken {
			return model.Invalid("domain", "org.error.domain_taken")
		}
		return q.AddApprovedDomain(ctx, orgID, d)
	})
	if errors.Is(err, model.ErrConflict) {
		return model.Invalid("domain", "org.error.domain_taken")
	}
	if err != nil {
		return fmt.Errorf("org: add domain %q: %w", d, err)
	}
	return nil
}

// RemoveDomain takes a domain from an organization, approved or not.
// Contacts who joined through it stay.
func (s *Service) RemoveDomain(ctx context.Context, by *model.User, orgID int64, domain string) error {
	if err := staffOnly(by); err != nil {
		return err
	}
	if err := s.st.RemoveDomain(ctx, orgID, strings.ToLower(strings.TrimSpace(domain))); err != nil {
		return fmt.Errorf("org: remove domain %q: %w", domain, err)
	}
	return nil
}

// ApproveDomain lets a domain a portal admin claimed route new addresses
// to the organization.
func (s *Service) ApproveDomain(ctx context.Context, by *model.User, domain string) error {
	if err := staffOnly(by); err != nil {
		return err
	}
	if err := s.st.ApproveDomain(ctx, strings.ToLower(strings.TrimSpace(domain))); err != nil {
		return fmt.Errorf("org: approve domain %q: %w", domain, err)
	}
	return nil
}

// RefuseDomain drops a claim that waits for approval, freeing the domain.
func (s *Service) RefuseDomain(ctx context.Context, by *model.User, domain string) error {
	if err := staffOnly(by); err != nil {
		return err
	}
	if err := s.st.RefuseDomain(ctx, strings.ToLower(strings.TrimSpace(domain))); err != nil {
		return fmt.Errorf("org: refuse domain %q: %w", domain, err)
	}
	return nil
}

// ContactEdit is a contact as an agent edits it. Role is a preset of
// model.ContactRoles or model.RoleCustom, in which case Rights apply.
type ContactEdit struct {
	Name     string
	Email    string
	JobTitle string
	Phone    string
	Language string // "" follows the browser
	OrgID    int64  // 0: no organization
	Role     string
	Rights   model.Rights
	Active   bool
}

// UpdateContact validates and stores a contact. Moving a contact to
// another organization leaves its tickets where they are: a ticket
// belongs to the organization it was raised for, whose colleagues may
// still need it, and moving a person does not move their history.
// Deactivating a contact also ends its sessions; the new rights apply
// on the next request in any case, since sessions read the user afresh.
func (s *Service) UpdateContact(ctx context.Context, by *model.User, id int64, e ContactEdit) error {
	if err := staffOnly(by); err != nil {
		return err
	}
	v := &model.ValidationError{}
	e.Name, e.JobTitle, e.Phone = strings.TrimSpace(e.Name), strings.TrimSpace(e.JobTitle), strings.TrimSpace(e.Phone)
	e.Email = store.NormalizeEmail(e.Email)
	switch {
	case e.Name == "":
		v.Add("name", "error.required")
	case utf8.RuneCountInString(e.Name) > MaxPersonName:
		v.Add("name", "error.too_long")
	}
	if !account.ValidEmail(e.Email) {
		v.Add("email", "error.email")
	}
	if utf8.RuneCountInString(e.JobTitle) > MaxJobTitle {
		v.Add("job_title", "error.too_long")
	}
	if utf8.RuneCountInString(e.Phone) > MaxPhone {
		v.Add("phone", "error.too_long")
	}
	if e.Language != "" && !slices.Contains(i18n.Languages, e.Language) {
		v.Add("language", "error.option")
	}
	rights, ok := model.RoleRights(e.Role)
	switch {
	case e.Role == model.RoleCustom:
		rights = e.Rights.Normal()
		e.Role = model.RoleFor(rights) // a custom set that equals a preset is that preset
	case !ok:
		v.Add("role", "error.role")
	}
	if err := v.Err(); err != nil {
		return err
	}
	err := s.st.InTx(ctx, func(q *store.Queries) error {
		u, err := q.User(ctx, id)
		if err != nil {
			return err
		}
		if !u.IsContact() {
			return model.ErrNotFound
		}
		if e.OrgID != 0 {
			if _, err := q.Organization(ctx, e.OrgID); errors.Is(err, model.ErrNotFound) {
				return model.Invalid("org_id", "error.unknown")
			} else if err != nil {
				return err
			}
		}
		if other, err := q.UserByEmail(ctx, e.Email); err == nil && other.ID != id {
			return model.Invalid("email", "desk.contact.error.email_taken")
		} else if err != nil && !errors.Is(err, model.ErrNotFound) {
			return err
		}
		err = q.UpdateContact(ctx, id, store.ContactUpdate{Name: e.Name, Email: e.Email, JobTitle: e.JobTitle, Phone: e.Phone,
			Language: e.Language, OrgID: e.OrgID, Role: e.Role, Rights: rights, Active: e.Active})
		if err != nil {
			return err
		}
		if !e.Active {
			return q.EndSessions(ctx, id)
		}
		return nil
	})
	if errors.Is(err, model.ErrConflict) {
		return model.Invalid("email", "desk.contact.error.email_taken")
	}
	if err != nil {
		return fmt.Errorf("org: update contact %d: %w", id, err)
	}
	return nil
}

// Merge moves everything of contact id to the contact that target names
// (an id or an address) in one transaction and retires contact id: see
// store.MergeContacts. It returns the survivor. Merging a contact into
// itself, into an agent, or into a contact that does not exist is a
// validation error on "target".
func (s *Service) Merge(ctx context.Context, by *model.User, id int64, target string) (*model.User, error) {
	if err := staffOnly(by); err != nil {
		return nil, err
	}
	if strings.TrimSpace(target) == "" {
		return nil, model.Invalid("target", "error.required")
	}
	var into *model.User
	err := s.st.InTx(ctx, func(q *store.Queries) error {
		from, err := q.User(ctx, id)
		if err != nil {
			return err
		}
		if !from.IsContact() {
			return model.ErrNotFound
		}
		into, err = q.ContactByRef(ctx, target)
		switch {
		case errors.Is(err, model.ErrNotFound):
			return model.Invalid("target", "desk.contact.error.merge_unknown")
		case err != nil:
			return err
		case into.ID == from.ID:
			return model.Invalid("target", "desk.contact.error.merge_self")
		case into.IsAgent():
			return model.Invalid("target", "desk.contact.error.merge_agent")
		case !into.Active:
			return model.Invalid("target", "desk.contact.error.merge_inactive")
		}
		_, err = q.MergeContacts(ctx, from, into, by.ID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("org: merge contact %d: %w", id, err)
	}
	return into, nil
}
