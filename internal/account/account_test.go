package account_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"supportal/internal/account"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

func TestPasswordHashRoundTrip(t *testing.T) {
	h, err := account.HashPassword("s3cret-enough")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not argon2id with the chosen parameters", h)
	}
	if !account.CheckPassword(h, "s3cret-enough") || account.CheckPassword(h, "s3cret-enougH") {
		t.Error("check does not tell right from wrong")
	}
	for _, bad := range []string{"", "$argon2id$", "$2a$10$abcdefghijklmnopqrstuv", h + "x"} {
		if account.CheckPassword(bad, "s3cret-enough") {
			t.Errorf("malformed hash %q matched", bad)
		}
	}
}

func TestSessionsEndAndAreNotStoredInClear(t *testing.T) {
	st := testenv.Store(t)
	w := testenv.NewWorld(t, st)
	svc := account.New(st, account.Config{})
	ctx := context.Background()
	u := w.User(t, "a.member")
	secret, err := svc.StartSession(ctx, u.ID, "192.0.2.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	got, err := svc.SessionUser(ctx, secret)
	if err != nil || got.ID != u.ID {
		t.Fatalf("session user %v, %v", got, err)
	}
	if _, _, err := st.SessionUser(ctx, secret, store.Now()); !errors.Is(err, model.ErrNotFound) {
		t.Fatal("the session is findable by its clear secret: it must be stored hashed")
	}
	if err := svc.EndSession(ctx, secret); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SessionUser(ctx, secret); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("ended session still works: %v", err)
	}
}

func TestTokensIdentifyTheirUserOnly(t *testing.T) {
	st := testenv.Store(t)
	w := testenv.NewWorld(t, st)
	svc := account.New(st, account.Config{})
	ctx := context.Background()
	token, err := svc.CreateToken(ctx, w.User(t, "agent").ID, "ci")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(token, account.TokenPrefix) || len(token) < 40 {
		t.Errorf("token %q is too short or unprefixed", token)
	}
	u, err := svc.TokenUser(ctx, token)
	if err != nil || u.ID != w.User(t, "agent").ID || len(u.TeamIDs) != 1 {
		t.Fatalf("token user %+v, %v", u, err)
	}
	for _, bad := range []string{"", token + "x", strings.TrimPrefix(token, account.TokenPrefix)} {
		if _, err := svc.TokenUser(ctx, bad); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("token %q: %v", bad, err)
		}
	}
}

func TestSetupLinkCreatesTheFirstAdminOnce(t *testing.T) {
	st := testenv.Store(t)
	svc := account.New(st, account.Config{})
	ctx := context.Background()
	secret, err := svc.NewSetupToken(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := svc.CheckSetupToken(ctx, "wrong"); ok {
		t.Fatal("a wrong link is accepted")
	}
	_, err = svc.CompleteSetup(ctx, secret, account.NewAgent{Email: "boss@example.com", Name: "Boss", Password: "short"})
	var v *model.ValidationError
	if !errors.As(err, &v) || v.Fields["password"] == "" {
		t.Fatalf("short password: %v", err)
	}
	id, err := svc.CompleteSetup(ctx, secret, account.NewAgent{Email: "boss@example.com", Name: "Boss", Password: "long enough password"})
	if err != nil {
		t.Fatal(err)
	}
	u, _ := st.User(ctx, id)
	if !u.IsAdmin() || len(u.TeamIDs) != 3 {
		t.Errorf("first admin %+v", u)
	}
	if _, err := svc.CompleteSetup(ctx, secret, account.NewAgent{Email: "second@example.com", Name: "Second", Password: "long enough password"}); !errors.Is(err, model.ErrNotFound) {
		t.Fatalf("the link works twice: %v", err)
	}
}

func TestInvalidPeopleAreRefused(t *testing.T) {
	st := testenv.Store(t)
	svc := account.New(st, account.Config{})
	ctx := context.Background()
	for _, n := range []account.NewContact{
		{Email: "not-an-address", Name: "X", Role: "member"},
		{Email: "Name <x@example.com>", Name: "X", Role: "member"},
		{Email: "x@example.com", Name: " ", Role: "member"},
		{Email: "x@example.com", Name: "X", Role: "overlord"},
		{Email: "x@example.com", Name: "X", Role: "member", Password: "short"},
	} {
		_, err := svc.CreateContact(ctx, n)
		var v *model.ValidationError
		if !errors.As(err, &v) {
			t.Errorf("%+v: err = %v, want a validation error", n, err)
		}
	}
}
