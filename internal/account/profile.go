package account

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"supportal/internal/mailout"
	"supportal/internal/model"
	"supportal/internal/store"
)

// PurposeEmailChange is the purpose of the single-use link that confirms
// a new address.
const PurposeEmailChange = "change_email"

// emailChangeTTL is how long an address-change link works.
const emailChangeTTL = 24 * time.Hour

// Limits of the profile fields, in characters.
const (
	MaxNameLen      = 200
	MaxJobTitleLen  = 100
	MaxPhoneLen     = 40
	MaxTokenNameLen = 100
)

// Languages a user may choose; "" follows the browser.
var profileLanguages = map[string]bool{"": true, "en": true, "de": true}

// Profile is what a user changes about itself. The display name is made
// of the first and the last name; one of them may be empty.
type Profile struct {
	FirstName string
	LastName  string
	JobTitle  string
	Phone     string
	Language  string // "en", "de" or "" (the browser's)
}

// ProfileOf is the profile u has now. A user whose first and last name do
// not make its name (one created from a full name, as registration and
// invitations do, or renamed by support) gets them from SplitName.
func ProfileOf(u *model.User) Profile {
	p := Profile{FirstName: u.FirstName, LastName: u.LastName, JobTitle: u.JobTitle, Phone: u.Phone, Language: u.Language}
	if FullName(p.FirstName, p.LastName) != strings.TrimSpace(u.Name) {
		p.FirstName, p.LastName = SplitName(u.Name)
	}
	return p
}

// FullName is the display name of a first and a last name.
func FullName(first, last string) string {
	return strings.TrimSpace(strings.TrimSpace(first) + " " + strings.TrimSpace(last))
}

// SplitName splits a full name at its last space into a first and a last
// name: "Anna Maria Alt" is "Anna Maria" and "Alt". A name of one word is
// a first name.
func SplitName(name string) (first, last string) {
	name = strings.TrimSpace(name)
	i := strings.LastIndexFunc(name, unicode.IsSpace)
	if i < 0 {
		return name, ""
	}
	return strings.TrimSpace(name[:i]), strings.TrimSpace(name[i:])
}

// ErrNoMailer is returned by actions that must send mail when the service
// has no mailer.
var ErrNoMailer = errors.New("account: no mailer configured")

// UpdateProfile validates and stores the profile of user userID: its own
// on the account page, or a contact's that support or its portal admin
// change (the caller decides who may). Every field is set, so a partial
// change starts from ProfileOf. Errors name the fields first_name,
// last_name, job_title, phone and language.
func (s *Service) UpdateProfile(ctx context.Context, userID int64, p Profile) error {
	p.FirstName = strings.TrimSpace(p.FirstName)
	p.LastName = strings.TrimSpace(p.LastName)
	p.JobTitle = strings.TrimSpace(p.JobTitle)
	p.Phone = strings.TrimSpace(p.Phone)
	v := &model.ValidationError{}
	name := FullName(p.FirstName, p.LastName)
	for field, part := range map[string]string{"first_name": p.FirstName, "last_name": p.LastName} {
		if utf8.RuneCountInString(part) > MaxNameLen || !printable(part) {
			v.Add(field, errKey(part, MaxNameLen))
		}
	}
	switch {
	case name == "":
		v.Add("first_name", "account.error.name_required")
	case utf8.RuneCountInString(name) > MaxNameLen:
		v.Add("last_name", "error.too_long")
	}
	if utf8.RuneCountInString(p.JobTitle) > MaxJobTitleLen || !printable(p.JobTitle) {
		v.Add("job_title", errKey(p.JobTitle, MaxJobTitleLen))
	}
	if utf8.RuneCountInString(p.Phone) > MaxPhoneLen {
		v.Add("phone", "error.too_long")
	} else if !validPhone(p.Phone) {
		v.Add("phone", "account.error.phone")
	}
	if !profileLanguages[p.Language] {
		v.Add("language", "error.option")
	}
	if err := v.Err(); err != nil {
		return err
	}
	return s.st.UpdateProfile(ctx, userID, store.Profile{Name: name, FirstName: p.FirstName, LastName: p.LastName,
		JobTitle: p.JobTitle, Phone: p.Phone, Language: p.Language})
}

// errKey is the message for a text that is too long or has control
// characters.
func errKey(s string, limit int) string {
	if utf8.RuneCountInString(s) > limit {
		return "error.too_long"
	}
	return "account.error.characters"
}

// printable reports whether s is valid UTF-8 without control characters.
func printable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// validPhone accepts digits, spaces and + - ( ) / . with at least one
// digit, or nothing.
func validPhone(s string) bool {
	if s == "" {
		return true
	}
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(" +-()/.", r):
		default:
			return false
		}
	}
	return digits > 0
}

// ChangePassword replaces a user's password after checking the old one,
// and ends every other session of the user: only the session with the
// secret keepSession stays signed in. Unused links from mails (password
// reset, verification, invitation) are withdrawn too; a pending address
// change stays. Personal access tokens stay valid: they are revoked one by
// one on the account page. Wrong old passwords count against the sign-in
// throttle of the account and the client address. Errors name the fields
// old_password, new_password and new_password2.
func (s *Service) ChangePassword(ctx context.Context, userID int64, oldPassword, newPassword, repeat, keepSession, clientIP string) error {
	u, err := s.st.User(ctx, userID)
	if err != nil {
		return err
	}
	now := store.Now()
	accountKey := "login:acct:" + store.NormalizeEmail(u.Email)
	addrKey := "login:addr:" + clientIP
	for key, limit := range map[string]int{accountKey: s.cfg.MaxPerAccount, addrKey: s.cfg.MaxPerAddress} {
		n, err := s.st.RateCount(ctx, key, s.cfg.LoginWindow, now)
		if err != nil {
			return err
		}
		if n >= limit {
			return model.ErrRateLimited
		}
	}
	v := &model.ValidationError{}
	if oldPassword == "" {
		v.Add("old_password", "error.required")
	} else if !CheckPassword(u.PasswordHash, oldPassword) {
		if err := s.fail(ctx, accountKey, addrKey, now); !errors.Is(err, ErrInvalidLogin) {
			return err
		}
		v.Add("old_password", "account.error.wrong_password")
	}
	if err := ValidatePassword(newPassword); err != nil {
		var pv *model.ValidationError
		if !errors.As(err, &pv) {
			return err
		}
		v.Add("new_password", pv.Fields["password"])
	} else if newPassword != repeat {
		v.Add("new_password2", "account.error.password_mismatch")
	}
	if err := v.Err(); err != nil {
		return err
	}
	hash, err := HashPassword(newPassword)
	if err != nil {
		return err
	}
	return s.st.InTx(ctx, func(q *store.Queries) error {
		if err := q.SetPassword(ctx, userID, hash); err != nil {
			return fmt.Errorf("account: change password: %w", err)
		}
		if err := q.DeleteUserSessions(ctx, userID, Hash(keepSession)); err != nil {
			return err
		}
		return q.DeleteUserTokensExcept(ctx, userID, PurposeEmailChange)
	})
}

// RequestEmailChange records newEmail as the user's pending address and
// mails a confirmation link to it; the address in use stays until the
// link is opened. Whether another account uses the address is not told
// here (that would let anyone signed in probe for accounts); the link's
// owner learns it on confirming. Errors name the field email.
func (s *Service) RequestEmailChange(ctx context.Context, u *model.User, newEmail string) error {
	newEmail = strings.TrimSpace(newEmail)
	if !ValidEmail(newEmail) {
		return model.Invalid("email", "error.email")
	}
	if store.NormalizeEmail(newEmail) == store.NormalizeEmail(u.Email) {
		return model.Invalid("email", "account.error.same_email")
	}
	if s.mail == nil {
		return ErrNoMailer
	}
	n, err := s.st.RateHit(ctx, fmt.Sprint("email_change:", u.ID), time.Hour, store.Now())
	if err != nil {
		return err
	}
	if n > maxEmailChangesPerHour {
		return model.ErrRateLimited
	}
	secret, hash := NewSecret("")
	link := strings.TrimRight(s.baseURL, "/") + "/account/email/confirm?token=" + url.QueryEscape(secret)
	err = s.st.InTx(ctx, func(q *store.Queries) error {
		if err := q.SetPendingEmail(ctx, u.ID, newEmail); err != nil {
			return err
		}
		if err := q.CreateUserToken(ctx, u.ID, PurposeEmailChange, hash, store.Now().Add(emailChangeTTL)); err != nil {
			return err
		}
		return s.mail.AccountMail(ctx, q, u, mailout.TemplateEmailChange, store.NormalizeEmail(newEmail), link)
	})
	if err != nil {
		return fmt.Errorf("account: email change: %w", err)
	}
	s.mail.Kick()
	return nil
}

// maxEmailChangesPerHour limits the confirmation mails one user can have
// sent to addresses of its choice.
const maxEmailChangesPerHour = 5

// ErrOtherAccount is an address-change link opened while signed in as
// another user than the one who asked for the change.
var ErrOtherAccount = errors.New("account: the link belongs to another account")

// EmailChangeFor returns the pending address of a valid address-change
// link for the signed-in user userID. A link unknown, used or expired is
// model.ErrNotFound; one of another user is ErrOtherAccount.
func (s *Service) EmailChangeFor(ctx context.Context, userID int64, secret string) (string, error) {
	id, err := s.st.UserTokenUser(ctx, PurposeEmailChange, Hash(secret), store.Now())
	if err != nil {
		return "", err
	}
	if id != userID {
		return "", ErrOtherAccount
	}
	u, err := s.st.User(ctx, id)
	if err != nil {
		return "", err
	}
	if !u.Active || u.PendingEmail == "" {
		return "", fmt.Errorf("account: no pending address: %w", model.ErrNotFound)
	}
	return u.PendingEmail, nil
}

// ConfirmEmailChange spends an address-change link of the signed-in user
// userID: its pending address becomes its address, verified. The link is
// checked as in EmailChangeFor; an address taken meanwhile is
// model.ErrConflict. On any error nothing changes and the link stays as
// it was.
func (s *Service) ConfirmEmailChange(ctx context.Context, userID int64, secret string) (string, error) {
	if _, err := s.EmailChangeFor(ctx, userID, secret); err != nil {
		return "", err
	}
	var email string
	err := s.st.InTx(ctx, func(q *store.Queries) error {
		id, err := q.UseUserToken(ctx, PurposeEmailChange, Hash(secret), store.Now())
		if err != nil {
			return err
		}
		if id != userID {
			return ErrOtherAccount
		}
		email, err = q.ConfirmEmailChange(ctx, userID)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("account: confirm email: %w", err)
	}
	return email, nil
}

// ValidateTokenName checks the name of a new personal access token.
func ValidateTokenName(name string) error {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return model.Invalid("token_name", "error.required")
	case utf8.RuneCountInString(name) > MaxTokenNameLen:
		return model.Invalid("token_name", "error.too_long")
	case !printable(name):
		return model.Invalid("token_name", "account.error.characters")
	}
	return nil
}

// Tokens lists a user's personal access tokens that are not revoked.
func (s *Service) Tokens(ctx context.Context, userID int64) ([]store.APIToken, error) {
	return s.st.UserAPITokens(ctx, userID)
}

// RevokeToken revokes one of the user's own tokens; another user's token
// is model.ErrNotFound.
func (s *Service) RevokeToken(ctx context.Context, userID, tokenID int64) error {
	return s.st.RevokeOwnAPIToken(ctx, userID, tokenID)
}
