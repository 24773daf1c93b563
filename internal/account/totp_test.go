package account_test

import (
	"context"
	"errors"
	"regexp"
	"testing"
	"time"

	"supportal/internal/account"
	"supportal/internal/model"
	"supportal/internal/secret"
	"supportal/internal/testenv"
)

// The SHA-1 test vectors of RFC 6238, appendix B, cut to six digits.
func TestTOTPCodeMatchesRFC6238(t *testing.T) {
	key := "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" // "12345678901234567890"
	for unix, want := range map[int64]string{59: "287082", 1111111109: "081804", 1111111111: "050471", 1234567890: "005924", 2000000000: "279037"} {
		got, err := account.TOTPCode(key, time.Unix(unix, 0))
		if err != nil || got != want {
			t.Errorf("code at %d: %q %v, want %q", unix, got, err, want)
		}
	}
	if account.TOTPStep(time.Unix(59, 0)) != 1 || account.TOTPStep(time.Unix(60, 0)) != 2 {
		t.Error("time steps are not 30 seconds")
	}
}

func TestRecoveryCodesAreRandomAndReadable(t *testing.T) {
	codes := account.NewRecoveryCodes(account.RecoveryCodeCount)
	seen := map[string]bool{}
	for _, c := range codes {
		if !regexp.MustCompile(`^[a-z2-7]{5}-[a-z2-7]{5}-[a-z2-7]{5}-[a-z2-7]{5}$`).MatchString(c) {
			t.Errorf("code %q has not the expected form", c)
		}
		if seen[c] {
			t.Errorf("code %q twice", c)
		}
		seen[c] = true
	}
	if len(codes) != 10 {
		t.Errorf("%d codes, want 10", len(codes))
	}
}

func TestTwoFactorLifecycle(t *testing.T) {
	st := testenv.Store(t)
	w := testenv.NewWorld(t, st)
	keys, err := secret.New([]byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	tf := account.New(st, account.Config{}).TwoFactor(keys, "Supportal")
	u := w.User(t, "a.member")

	e, err := tf.Begin(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	stored, enabled, err := st.TOTPSecret(ctx, u.ID)
	if err != nil || enabled || stored == "" || stored == e.Secret {
		t.Fatalf("stored key %q enabled %v err %v: want encrypted and not yet on", stored, enabled, err)
	}
	if _, err := tf.Confirm(ctx, u, "000000x"); !errors.Is(err, account.ErrInvalidCode) {
		t.Fatalf("confirm with a wrong code: %v", err)
	}
	code, _ := account.TOTPCode(e.Secret, time.Now())
	codes, err := tf.Confirm(ctx, u, code)
	if err != nil || len(codes) != account.RecoveryCodeCount {
		t.Fatalf("confirm: %d codes, %v", len(codes), err)
	}
	if _, err := tf.Confirm(ctx, u, code); !errors.Is(err, model.ErrConflict) {
		t.Errorf("second confirmation: %v, want conflict", err)
	}
	if _, err := tf.Begin(ctx, u); !errors.Is(err, model.ErrConflict) {
		t.Errorf("a new key while on: %v, want conflict", err)
	}

	u, _ = st.User(ctx, u.ID)
	token, err := tf.StartSignIn(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	// The code that switched it on does not sign in again.
	if _, err := tf.FinishSignIn(ctx, token, code, "192.0.2.1"); !errors.Is(err, account.ErrInvalidCode) {
		t.Errorf("replayed code: %v, want invalid", err)
	}
	// A recovery code, typed in capitals and without dashes, works once.
	typed := regexp.MustCompile(`-`).ReplaceAllString(codes[3], "")
	if got, err := tf.FinishSignIn(ctx, token, "  "+typed+" ", "192.0.2.1"); err != nil || got.ID != u.ID {
		t.Fatalf("recovery code: %v", err)
	}
	if _, err := tf.FinishSignIn(ctx, token, codes[4], "192.0.2.1"); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("spent pending sign-in: %v, want not found", err)
	}
	token, _ = tf.StartSignIn(ctx, u)
	if _, err := tf.FinishSignIn(ctx, token, codes[3], "192.0.2.1"); !errors.Is(err, account.ErrInvalidCode) {
		t.Errorf("spent recovery code: %v, want invalid", err)
	}
	if n, _ := tf.RecoveryCodesLeft(ctx, u); n != 9 {
		t.Errorf("%d codes left, want 9", n)
	}

	if err := tf.Disable(ctx, u, testenv.Password, "123"); !errors.Is(err, account.ErrInvalidCode) {
		t.Errorf("disable with a wrong code: %v", err)
	}
	next, _ := account.TOTPCode(e.Secret, time.Now().Add(30*time.Second))
	if err := tf.Disable(ctx, u, "wrong password", next); !errors.Is(err, account.ErrInvalidCode) {
		t.Errorf("disable with a wrong password: %v", err)
	}
	if err := tf.Disable(ctx, u, testenv.Password, next); err != nil {
		t.Fatalf("disable: %v", err)
	}
	if stored, enabled, _ := st.TOTPSecret(ctx, u.ID); enabled || stored != "" {
		t.Error("disabling keeps the key")
	}
	if n, _ := st.RecoveryCodesLeft(ctx, u.ID); n != 0 {
		t.Errorf("disabling keeps %d recovery codes", n)
	}
}
