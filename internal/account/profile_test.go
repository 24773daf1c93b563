package account_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"supportal/internal/account"
	"supportal/internal/model"
	"supportal/internal/testenv"
)

func TestProfileValidation(t *testing.T) {
	st := testenv.Store(t)
	w := testenv.NewWorld(t, st)
	svc := account.New(st, account.Config{})
	ctx := context.Background()
	u := w.User(t, "a.member")
	for _, tc := range []struct {
		p     account.Profile
		field string
	}{
		{account.Profile{Name: " "}, "name"},
		{account.Profile{Name: strings.Repeat("n", account.MaxNameLen+1)}, "name"},
		{account.Profile{Name: "A\nB"}, "name"},
		{account.Profile{Name: "A", JobTitle: strings.Repeat("j", account.MaxJobTitleLen+1)}, "job_title"},
		{account.Profile{Name: "A", Phone: "0800-CALL-ME"}, "phone"},
		{account.Profile{Name: "A", Phone: "+-()"}, "phone"},
		{account.Profile{Name: "A", Phone: strings.Repeat("1", account.MaxPhoneLen+1)}, "phone"},
		{account.Profile{Name: "A", Language: "fr"}, "language"},
	} {
		err := svc.UpdateProfile(ctx, u.ID, tc.p)
		var v *model.ValidationError
		if !errors.As(err, &v) || v.Fields[tc.field] == "" {
			t.Errorf("%+v: err %v, want an error on %s", tc.p, err, tc.field)
		}
	}
	if err := svc.UpdateProfile(ctx, u.ID, account.Profile{Name: " Anna ", JobTitle: "Buyer", Phone: "+49 30 1234-5", Language: "de"}); err != nil {
		t.Fatal(err)
	}
	got, _ := st.User(ctx, u.ID)
	if got.Name != "Anna" || got.Phone != "+49 30 1234-5" || got.Language != "de" || got.JobTitle != "Buyer" {
		t.Errorf("stored %+v", got)
	}
}

func TestEmailChangeWithoutMailerFailsClearly(t *testing.T) {
	st := testenv.Store(t)
	w := testenv.NewWorld(t, st)
	svc := account.New(st, account.Config{})
	u := w.User(t, "a.member")
	if err := svc.RequestEmailChange(context.Background(), u, "new@example.com"); !errors.Is(err, account.ErrNoMailer) {
		t.Fatalf("err %v, want ErrNoMailer", err)
	}
	if got, _ := st.User(context.Background(), u.ID); got.PendingEmail != "" {
		t.Error("a failed request left a pending address")
	}
}

func TestSessionListMarksTheCurrentOneAndEndsOnlyOwnSessions(t *testing.T) {
	st := testenv.Store(t)
	w := testenv.NewWorld(t, st)
	svc := account.New(st, account.Config{})
	ctx := context.Background()
	u, other := w.User(t, "a.member"), w.User(t, "b.member")
	one, _ := svc.StartSession(ctx, u.ID, "192.0.2.1", "one")
	two, _ := svc.StartSession(ctx, u.ID, "192.0.2.2", "two")
	foreign, _ := svc.StartSession(ctx, other.ID, "192.0.2.3", "foreign")
	list, err := svc.Sessions(ctx, u.ID, two)
	if err != nil || len(list) != 2 {
		t.Fatalf("sessions %+v %v", list, err)
	}
	for _, s := range list {
		if s.Current != (s.ID == account.Hash(two)) {
			t.Errorf("session %s current=%v", s.UserAgent, s.Current)
		}
	}
	if err := svc.EndUserSession(ctx, u.ID, account.Hash(foreign)); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("ending another user's session: %v", err)
	}
	if err := svc.EndOtherSessions(ctx, u.ID, two); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SessionUser(ctx, one); !errors.Is(err, model.ErrNotFound) {
		t.Error("the other session survived")
	}
	for _, s := range []string{two, foreign} {
		if _, err := svc.SessionUser(ctx, s); err != nil {
			t.Errorf("a session that should stay ended: %v", err)
		}
	}
}
