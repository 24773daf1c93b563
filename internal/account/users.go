package account

import (
	"context"
	"crypto/subtle"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"

	"supportal/internal/model"
	"supportal/internal/store"
)

// NewAgent describes an agent to create.
type NewAgent struct {
	Email    string
	Name     string
	Admin    bool
	Teams    []string // team names; missing teams are created
	Password string
	Language string
}

// NewContact describes a contact to create.
type NewContact struct {
	OrgID    int64
	Email    string
	Name     string
	Role     string // a preset of model.ContactRoles
	Password string // empty: the contact cannot sign in until it sets one
	Language string
}

// ValidEmail reports whether s is a plain address (no display name).
func ValidEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == strings.TrimSpace(s) && strings.Contains(a.Address, "@") && len(s) <= 254
}

func validatePerson(email, name, password string, passwordRequired bool) *model.ValidationError {
	v := &model.ValidationError{}
	if !ValidEmail(email) {
		v.Add("email", "error.email")
	}
	if strings.TrimSpace(name) == "" {
		v.Add("name", "error.required")
	} else if len(name) > 200 {
		v.Add("name", "error.too_long")
	}
	if password != "" || passwordRequired {
		if err := ValidatePassword(password); err != nil {
			v.Add("password", err.(*model.ValidationError).Fields["password"])
		}
	}
	return v
}

// CreateAgent creates an agent (or admin) in the named teams and returns
// its id. The agent's address counts as verified.
func (s *Service) CreateAgent(ctx context.Context, n NewAgent) (int64, error) {
	if err := validatePerson(n.Email, n.Name, n.Password, true).Err(); err != nil {
		return 0, err
	}
	hash, err := HashPassword(n.Password)
	if err != nil {
		return 0, err
	}
	role := model.RoleAgent
	if n.Admin {
		role = model.RoleAdmin
	}
	var id int64
	err = s.st.InTx(ctx, func(q *store.Queries) error {
		id, err = q.CreateUser(ctx, store.NewUser{Kind: model.KindAgent, Email: n.Email, Name: n.Name, Role: role,
			EmailVerified: true, Language: n.Language, PasswordHash: hash})
		if err != nil {
			return err
		}
		for _, name := range n.Teams {
			if strings.TrimSpace(name) == "" {
				continue
			}
			tid, err := q.CreateTeam(ctx, name)
			if err != nil {
				return err
			}
			if err := q.AddTeamMember(ctx, tid, id); err != nil {
				return err
			}
		}
		return nil
	})
	return id, err
}

// CreateContact creates a contact of an organization with a role preset
// and returns its id. Contacts created by staff count as verified.
func (s *Service) CreateContact(ctx context.Context, n NewContact) (int64, error) {
	v := validatePerson(n.Email, n.Name, n.Password, false)
	rights, ok := model.RoleRights(n.Role)
	if !ok {
		v.Add("role", "error.role")
	}
	if err := v.Err(); err != nil {
		return 0, err
	}
	var hash string
	if n.Password != "" {
		var err error
		if hash, err = HashPassword(n.Password); err != nil {
			return 0, err
		}
	}
	return s.st.CreateUser(ctx, store.NewUser{Kind: model.KindContact, Email: n.Email, Name: n.Name, OrgID: n.OrgID,
		Role: n.Role, Rights: rights, EmailVerified: true, Language: n.Language, PasswordHash: hash})
}

// Settings keys of the first-admin set-up link.
const (
	setupHashKey    = "setup.token_hash"
	setupExpiresKey = "setup.expires_at"
	setupLinkTTL    = 24 * time.Hour
)

// NewSetupToken replaces any earlier set-up link with a new one, valid for
// a day, and returns its secret. Callers offer it only while no admin
// exists.
func (s *Service) NewSetupToken(ctx context.Context) (string, error) {
	secret, hash := NewSecret("")
	err := s.st.InTx(ctx, func(q *store.Queries) error {
		if err := q.SetSetting(ctx, setupHashKey, hash); err != nil {
			return err
		}
		return q.SetSetting(ctx, setupExpiresKey, store.Now().Add(setupLinkTTL).Format(time.RFC3339))
	})
	return secret, err
}

// CheckSetupToken reports whether secret is the current, unexpired set-up
// link and no admin exists yet.
func (s *Service) CheckSetupToken(ctx context.Context, secret string) (bool, error) {
	var ok bool
	err := s.st.InTx(ctx, func(q *store.Queries) error {
		var err error
		ok, err = setupValid(ctx, q, secret)
		return err
	})
	return ok, err
}

func setupValid(ctx context.Context, q *store.Queries, secret string) (bool, error) {
	if secret == "" {
		return false, nil
	}
	want, err := q.Setting(ctx, setupHashKey)
	if err != nil || want == "" {
		return false, err
	}
	exp, err := q.Setting(ctx, setupExpiresKey)
	if err != nil {
		return false, err
	}
	until, err := time.Parse(time.RFC3339, exp)
	if err != nil || store.Now().After(until) {
		return false, nil
	}
	if subtle.ConstantTimeCompare([]byte(Hash(secret)), []byte(want)) != 1 {
		return false, nil
	}
	hasAdmin, err := q.HasAdmin(ctx)
	return !hasAdmin, err
}

// CompleteSetup creates the first admin with a valid set-up link and
// spends the link. A wrong or spent link is model.ErrNotFound.
func (s *Service) CompleteSetup(ctx context.Context, secret string, n NewAgent) (int64, error) {
	if err := validatePerson(n.Email, n.Name, n.Password, true).Err(); err != nil {
		return 0, err
	}
	hash, err := HashPassword(n.Password)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.st.InTx(ctx, func(q *store.Queries) error {
		ok, err := setupValid(ctx, q, secret)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("account: set-up link: %w", model.ErrNotFound)
		}
		teams, err := q.Teams(ctx)
		if err != nil {
			return err
		}
		id, err = q.CreateUser(ctx, store.NewUser{Kind: model.KindAgent, Email: n.Email, Name: n.Name, Role: model.RoleAdmin,
			EmailVerified: true, Language: n.Language, PasswordHash: hash})
		if err != nil {
			return err
		}
		for _, t := range teams {
			if err := q.AddTeamMember(ctx, t.ID, id); err != nil {
				return err
			}
		}
		if err := q.DeleteSetting(ctx, setupHashKey); err != nil {
			return err
		}
		return q.DeleteSetting(ctx, setupExpiresKey)
	})
	return id, err
}

// ValidRole reports whether role is a contact role preset.
func ValidRole(role string) bool { return slices.Contains(model.ContactRoles, role) }

// PurposeRegister is the purpose of the single-use link that lets a
// contact created from an incoming mail set a password.
const PurposeRegister = "register"
