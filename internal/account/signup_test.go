package account_test

import (
	"context"
	"errors"
	"testing"

	"supportal/internal/account"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

// TestEnumerationDoesTheSameWorkForKnownAndUnknownAddresses counts, rather
// than times, the expensive steps: registration hashes the password once
// and makes one secret whether or not the address has an account, and a
// reset request makes one secret either way. Timing would be flaky; the
// argon2id hash is what dominates, so equal counts mean equal time class.
func TestEnumerationDoesTheSameWorkForKnownAndUnknownAddresses(t *testing.T) {
	st := testenv.Store(t)
	w := testenv.NewWorld(t, st)
	svc := account.New(st, account.Config{})
	ctx := context.Background()
	if err := st.SetSetting(ctx, account.SettingSelfRegistration, "open"); err != nil {
		t.Fatal(err)
	}
	known := w.User(t, "a.member").Email
	count := func(do func() error) (int64, int64) {
		t.Helper()
		hashes, secrets, restore := account.CountWork()
		defer restore()
		if err := do(); err != nil {
			t.Fatal(err)
		}
		return hashes.Load(), secrets.Load()
	}
	register := func(email string) func() error {
		return func() error {
			return svc.Register(ctx, account.Registration{Name: "N", Email: email, Password: "long enough password", ClientIP: "192.0.2.1"})
		}
	}
	h1, s1 := count(register(known))
	h2, s2 := count(register("fresh@unknown.example"))
	if h1 != 1 || h2 != 1 || s1 != 1 || s2 != 1 {
		t.Errorf("registration: known address %d hashes %d secrets, unknown %d hashes %d secrets; want 1 and 1 each", h1, s1, h2, s2)
	}
	reset := func(email string) func() error {
		return func() error { return svc.RequestPasswordReset(ctx, email, "192.0.2.1") }
	}
	h1, s1 = count(reset(known))
	h2, s2 = count(reset("nobody@unknown.example"))
	if h1 != h2 || s1 != 1 || s2 != 1 {
		t.Errorf("reset: known address %d hashes %d secrets, unknown %d hashes %d secrets", h1, s1, h2, s2)
	}
}

func TestRegistrationIsRefusedWhileClosed(t *testing.T) {
	st := testenv.Store(t)
	svc := account.New(st, account.Config{})
	ctx := context.Background()
	err := svc.Register(ctx, account.Registration{Name: "N", Email: "n@x.example", Password: "long enough password"})
	if !errors.Is(err, account.ErrRegistrationClosed) {
		t.Fatalf("closed registration: %v", err)
	}
	if _, err := st.UserByEmail(ctx, "n@x.example"); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("a closed registration created a user: %v", err)
	}
}

func TestRegistrationValidatesItsInput(t *testing.T) {
	st := testenv.Store(t)
	svc := account.New(st, account.Config{})
	ctx := context.Background()
	if err := st.SetSetting(ctx, account.SettingSelfRegistration, "open"); err != nil {
		t.Fatal(err)
	}
	for _, n := range []account.Registration{
		{Name: "N", Email: "not-an-address", Password: "long enough password"},
		{Name: " ", Email: "n@x.example", Password: "long enough password"},
		{Name: "N", Email: "n@x.example", Password: "short"},
	} {
		var v *model.ValidationError
		if err := svc.Register(ctx, n); !errors.As(err, &v) {
			t.Errorf("%+v: err = %v, want a validation error", n, err)
		}
	}
}

func TestUnverifiedAccountCannotSignIn(t *testing.T) {
	st := testenv.Store(t)
	svc := account.New(st, account.Config{})
	ctx := context.Background()
	if err := st.SetSetting(ctx, account.SettingSelfRegistration, "open"); err != nil {
		t.Fatal(err)
	}
	if err := svc.Register(ctx, account.Registration{Name: "N", Email: "n@x.example", Password: "long enough password"}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Login(ctx, "n@x.example", "long enough password", "192.0.2.1"); !errors.Is(err, account.ErrInvalidLogin) {
		t.Fatalf("unverified sign-in: %v, want the invalid-login answer", err)
	}
}

// TestSignInDoesTheSameWorkForEveryFailure counts the password
// derivations of a failed sign-in: one, with the same answer, whether the
// address is unknown, the password wrong, the account invited without a
// password yet, deactivated or not verified.
func TestSignInDoesTheSameWorkForEveryFailure(t *testing.T) {
	st := testenv.Store(t)
	w := testenv.NewWorld(t, st)
	svc := account.New(st, account.Config{MaxPerAccount: 100, MaxPerAddress: 100})
	ctx := context.Background()
	if _, err := st.CreateUser(ctx, store.NewUser{Kind: model.KindContact, Email: "invited@a.example", Name: "Invited",
		OrgID: w.OrgA.ID, Role: model.RoleMember}); err != nil {
		t.Fatal(err)
	}
	inactive := w.User(t, "b.member")
	if err := st.SetContactActive(ctx, w.OrgB.ID, inactive.ID, false); err != nil {
		t.Fatal(err)
	}
	for name, email := range map[string]string{
		"unknown address": "nobody@unknown.example",
		"wrong password":  w.User(t, "a.member").Email,
		"no password yet": "invited@a.example",
		"deactivated":     inactive.Email,
	} {
		n, restore := account.CountDerivations()
		_, err := svc.Login(ctx, email, "not the password", "192.0.2.7")
		restore()
		if !errors.Is(err, account.ErrInvalidLogin) {
			t.Errorf("%s: %v, want the invalid-login answer", name, err)
		}
		if n.Load() != 1 {
			t.Errorf("%s: %d password derivations, want 1", name, n.Load())
		}
	}
}
