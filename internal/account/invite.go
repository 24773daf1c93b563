package account

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"supportal/internal/authz"
	"supportal/internal/mailout"
	"supportal/internal/model"
	"supportal/internal/store"
)

// Limits of invitations: how long the mailed link lives and how many
// invitations one user may send per window.
const (
	inviteTTL      = 14 * 24 * time.Hour
	inviteWindow   = time.Hour
	invitesPerHour = 50
)

// Invite adds a contact to organization orgID on behalf of by (a portal
// admin of that organization, or an agent) and mails it a link to the
// welcome page, where it chooses its name and password; the link is a
// registration link (PurposeRegister) valid for 14 days. The contact is
// created unverified and without a password, with the rights of role, in
// the same transaction that queues the mail.
//
// An address that already has an account is a field error on "email"
// ("org.invite.email_taken"), and nothing changes. This tells the inviter
// that the address is known; an inviter is support or an administrator
// the customer company appointed, and the number of invitations per
// inviter and hour is limited, so the answer is no means to probe
// addresses in bulk.
//
// A by that may not manage the organization gets model.ErrNotFound;
// invalid input is a *model.ValidationError; past the limit
// model.ErrRateLimited.
func (s *Service) Invite(ctx context.Context, by *model.User, orgID int64, name, email, role string) error {
	if !authz.ManageOrg(by, orgID) {
		return fmt.Errorf("account: invite to organization %d: %w", orgID, model.ErrNotFound)
	}
	name, email = strings.TrimSpace(name), strings.TrimSpace(email)
	v := validatePerson(email, name, "", false)
	if !ValidRole(role) {
		v.Add("role", "org.invite.role_invalid")
	}
	if err := v.Err(); err != nil {
		return err
	}
	limited, err := s.throttle(ctx, inviteWindow, rateLimit{"invite:by:" + strconv.FormatInt(by.ID, 10), invitesPerHour})
	if err != nil {
		return fmt.Errorf("account: invite: %w", err)
	}
	if limited {
		return fmt.Errorf("account: invite: %w", model.ErrRateLimited)
	}
	rights, _ := model.RoleRights(role)
	lang := ""
	if by.IsContact() {
		lang = by.Language // colleagues of one company mostly share a language
	}
	secret, tokenHash := NewSecret("")
	err = s.st.InTx(ctx, func(q *store.Queries) error {
		if _, err := q.Organization(ctx, orgID); err != nil {
			return err
		}
		id, err := q.CreateUser(ctx, store.NewUser{Kind: model.KindContact, Email: email, Name: name, OrgID: orgID,
			Role: role, Rights: rights, Language: lang})
		if errors.Is(err, model.ErrConflict) {
			taken := &model.ValidationError{}
			taken.Add("email", "org.invite.email_taken")
			return taken
		}
		if err != nil {
			return err
		}
		if err := q.CreateUserToken(ctx, id, PurposeRegister, tokenHash, store.Now().Add(inviteTTL)); err != nil {
			return err
		}
		u, err := q.User(ctx, id)
		if err != nil {
			return err
		}
		return s.accountMail(ctx, q, u, mailout.TemplateInvitation, "/welcome?token="+secret)
	})
	var verr *model.ValidationError
	if errors.As(err, &verr) {
		return verr
	}
	if err != nil {
		return fmt.Errorf("account: invite: %w", err)
	}
	s.kick()
	return nil
}
