package account_test

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"

	"supportal/internal/account"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

// linkMailer records the account mails instead of queueing them.
type linkMailer struct {
	names, links []string
}

func (m *linkMailer) AccountMail(_ context.Context, _ *store.Queries, _ *model.User, name, _, link string) error {
	m.names, m.links = append(m.names, name), append(m.links, link)
	return nil
}

func (m *linkMailer) Kick() {}

func TestInviteCreatesAnUnverifiedContactWithARegistrationLink(t *testing.T) {
	st := testenv.Store(t)
	w := testenv.NewWorld(t, st)
	svc := account.New(st, account.Config{})
	mail := &linkMailer{}
	svc.SetMailer(mail, "https://help.example.com")
	ctx := context.Background()

	for _, by := range []string{"a.admin", "agent"} {
		email := "new-" + by + "@a.example"
		if err := svc.Invite(ctx, w.User(t, by), w.OrgA.ID, " New Colleague ", email, model.RolePrimary); err != nil {
			t.Fatalf("invite by %s: %v", by, err)
		}
		u, err := st.UserByEmail(ctx, email)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := model.RoleRights(model.RolePrimary)
		if u.OrgID != w.OrgA.ID || u.Name != "New Colleague" || u.EmailVerified || u.PasswordHash != "" || u.Rights.String() != want.String() || !u.IsContact() {
			t.Errorf("invited by %s: %+v", by, u)
		}
		link := mail.links[len(mail.links)-1]
		if mail.names[len(mail.names)-1] != "invitation" || !strings.HasPrefix(link, "https://help.example.com/welcome?token=") {
			t.Fatalf("mail %q link %q", mail.names, link)
		}
		l, _ := url.Parse(link)
		ru, err := svc.RegistrationUser(ctx, l.Query().Get("token"))
		if err != nil || ru.ID != u.ID {
			t.Fatalf("the link belongs to %v, %v", ru, err)
		}
		// Not before the link is used: the contact has no password to sign in with.
		if _, err := svc.Login(ctx, email, "", "192.0.2.9"); err == nil {
			t.Error("an invited contact signs in without a password")
		}
	}
}

func TestInviteRefusesWhoMayNotAndWhatIsTaken(t *testing.T) {
	st := testenv.Store(t)
	w := testenv.NewWorld(t, st)
	svc := account.New(st, account.Config{})
	ctx := context.Background()
	for _, by := range []string{"a.primary", "a.member", "b.admin", "loner"} {
		err := svc.Invite(ctx, w.User(t, by), w.OrgA.ID, "X", "x-"+by+"@a.example", model.RoleMember)
		if !errors.Is(err, model.ErrNotFound) {
			t.Errorf("invite by %s: %v, want not found", by, err)
		}
	}
	if err := svc.Invite(ctx, w.User(t, "agent"), 999999, "X", "x@nowhere.example", model.RoleMember); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("invite into a missing organization: %v", err)
	}
	for name, c := range map[string]struct{ email, role, field, key string }{
		"taken":      {w.User(t, "b.member").Email, model.RoleMember, "email", "org.invite.email_taken"},
		"taken case": {strings.ToUpper(w.User(t, "agent").Email), model.RoleMember, "email", "org.invite.email_taken"},
		"address":    {"not an address", model.RoleMember, "email", "error.email"},
		"role":       {"r@a.example", "owner", "role", "org.invite.role_invalid"},
	} {
		err := svc.Invite(ctx, w.User(t, "a.admin"), w.OrgA.ID, "X", c.email, c.role)
		var v *model.ValidationError
		if !errors.As(err, &v) || v.Fields[c.field] != c.key {
			t.Errorf("%s: %v, want %s on %s", name, err, c.key, c.field)
		}
	}
	if u, err := st.UserByEmail(ctx, w.User(t, "b.member").Email); err != nil || u.OrgID != w.OrgB.ID {
		t.Errorf("inviting a taken address changed it: %+v %v", u, err)
	}
}
