package account_test

import (
	"context"
	"errors"
	"slices"
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
	half := strings.Repeat("n", account.MaxNameLen/2+1)
	for _, tc := range []struct {
		p     account.Profile
		field string
	}{
		{account.Profile{FirstName: " ", LastName: "\t"}, "first_name"},
		{account.Profile{FirstName: strings.Repeat("n", account.MaxNameLen+1)}, "first_name"},
		{account.Profile{FirstName: "A", LastName: strings.Repeat("n", account.MaxNameLen+1)}, "last_name"},
		{account.Profile{FirstName: half, LastName: half}, "last_name"},
		{account.Profile{FirstName: "A\nB"}, "first_name"},
		{account.Profile{LastName: "A\x00B"}, "last_name"},
		{account.Profile{FirstName: "A", JobTitle: strings.Repeat("j", account.MaxJobTitleLen+1)}, "job_title"},
		{account.Profile{FirstName: "A", Phone: "0800-CALL-ME"}, "phone"},
		{account.Profile{FirstName: "A", Phone: "+-()"}, "phone"},
		{account.Profile{FirstName: "A", Phone: strings.Repeat("1", account.MaxPhoneLen+1)}, "phone"},
		{account.Profile{FirstName: "A", Language: "fr"}, "language"},
	} {
		err := svc.UpdateProfile(ctx, u.ID, tc.p)
		var v *model.ValidationError
		if !errors.As(err, &v) || v.Fields[tc.field] == "" {
			t.Errorf("%+v: err %v, want an error on %s", tc.p, err, tc.field)
		}
	}
	if got, _ := st.User(ctx, u.ID); got.Name != u.Name || got.FirstName != "" || got.LastName != "" {
		t.Errorf("refused profiles changed the user: %+v", got)
	}
	if err := svc.UpdateProfile(ctx, u.ID, account.Profile{FirstName: " Anna ", LastName: " Alt", JobTitle: "Buyer", Phone: "+49 30 1234-5", Language: "de"}); err != nil {
		t.Fatal(err)
	}
	got, _ := st.User(ctx, u.ID)
	if got.Name != "Anna Alt" || got.FirstName != "Anna" || got.LastName != "Alt" || got.Phone != "+49 30 1234-5" || got.Language != "de" || got.JobTitle != "Buyer" {
		t.Errorf("stored %+v", got)
	}
	// One of the two names is enough; the name is then that one alone.
	if err := svc.UpdateProfile(ctx, u.ID, account.Profile{LastName: "Alt"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.User(ctx, u.ID); got.Name != "Alt" || got.FirstName != "" || got.LastName != "Alt" {
		t.Errorf("stored %q %q %q", got.Name, got.FirstName, got.LastName)
	}
}

func TestProfileOfSplitsAFullNameAtTheLastSpace(t *testing.T) {
	for _, tc := range []struct {
		u           model.User
		first, last string
	}{
		{model.User{Name: "Anna Maria Alt"}, "Anna Maria", "Alt"},
		{model.User{Name: "  Madonna "}, "Madonna", ""},
		{model.User{Name: ""}, "", ""},
		// The two names as stored, when they make the name.
		{model.User{Name: "Anna Maria Alt", FirstName: "Anna", LastName: "Maria Alt"}, "Anna", "Maria Alt"},
		{model.User{Name: "Alt", LastName: "Alt"}, "", "Alt"},
		// Renamed elsewhere since: the name wins.
		{model.User{Name: "Bernd Bauer", FirstName: "Anna", LastName: "Alt"}, "Bernd", "Bauer"},
	} {
		p := account.ProfileOf(&tc.u)
		if p.FirstName != tc.first || p.LastName != tc.last {
			t.Errorf("%q (%q, %q): got %q, %q, want %q, %q", tc.u.Name, tc.u.FirstName, tc.u.LastName, p.FirstName, p.LastName, tc.first, tc.last)
		}
	}
}

func TestNotificationChoicesAreStoredPerKindOfUser(t *testing.T) {
	st := testenv.Store(t)
	w := testenv.NewWorld(t, st)
	svc := account.New(st, account.Config{})
	ctx := context.Background()
	u := w.User(t, "a.member")
	if got, _ := st.User(ctx, u.ID); len(got.NotifyOff) != 0 {
		t.Fatalf("a new contact has notifications off: %v", got.NotifyOff)
	}
	if err := svc.SetNotifications(ctx, u.ID, []string{"replies"}); err != nil {
		t.Fatal(err)
	}
	got, _ := st.User(ctx, u.ID)
	if !slices.Equal(got.NotifyOff, model.Notifications{model.NotifyReceived, model.NotifyStatus}) {
		t.Errorf("off %v, want received and status", got.NotifyOff)
	}
	err := svc.SetNotifications(ctx, u.ID, []string{"replies", "sms"})
	var v *model.ValidationError
	if !errors.As(err, &v) || v.Fields["notify"] == "" {
		t.Errorf("an unknown notification: err %v", err)
	}
	if again, _ := st.User(ctx, u.ID); !slices.Equal(again.NotifyOff, got.NotifyOff) {
		t.Errorf("a refused choice changed it to %v", again.NotifyOff)
	}
	if err := svc.SetNotifications(ctx, u.ID, []string{"status", "received", "replies", "status"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.User(ctx, u.ID); len(got.NotifyOff) != 0 {
		t.Errorf("everything turned on again, yet off: %v", got.NotifyOff)
	}
	// An agent has no contact notifications to choose: their names change nothing.
	agent := w.User(t, "agent")
	if err := svc.SetNotifications(ctx, agent.ID, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.User(ctx, agent.ID); len(got.NotifyOff) != 0 {
		t.Errorf("agent's off %v", got.NotifyOff)
	}
	if err := svc.SetNotifications(ctx, 987654, nil); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("unknown user: %v", err)
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
