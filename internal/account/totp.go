package account

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base32"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"supportal/internal/model"
	"supportal/internal/secret"
	"supportal/internal/store"
)

// Two-factor sign-in: authenticator codes by RFC 6238 (SHA-1, 30-second
// steps, six digits, one step of clock skew either way) and ten
// single-use recovery codes.
//
// The authenticator key is a secret the server must read back, so it is
// stored encrypted with the instance's secret.Keys, not hashed. The
// Service does not hold the keys; the web server, which does, passes them
// in through TwoFactor. Recovery codes are random and long enough to be
// stored as their Hash.

// PurposeLogin2FA is the purpose of the pending sign-in that a correct
// password for an account with two-factor sign-in leads to: single use,
// valid for LoginTwoFactorTTL, it stands for the first step until the
// code is given.
const PurposeLogin2FA = "login_2fa"

// LoginTwoFactorTTL is how long a pending sign-in waits for the code.
const LoginTwoFactorTTL = 5 * time.Minute

// RecoveryCodeCount is how many recovery codes a user gets at a time.
const RecoveryCodeCount = 10

const (
	totpPeriod = 30 // seconds per step
	totpSkew   = 1  // steps accepted either side of the current one
	totpDigits = otp.DigitsSix
)

// ErrInvalidCode is the answer to a wrong, replayed or spent code, and to
// a wrong password where a form asks for both.
var ErrInvalidCode = errors.New("account: invalid two-factor code")

// TOTPStep is the RFC 6238 time step of t.
func TOTPStep(t time.Time) int64 { return t.Unix() / totpPeriod }

// TOTPCode returns the authenticator code of a base32 key at time t.
func TOTPCode(key string, t time.Time) (string, error) {
	code, err := totp.GenerateCodeCustom(key, t, totp.ValidateOpts{Period: totpPeriod, Digits: totpDigits, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		return "", fmt.Errorf("account: totp code: %w", err)
	}
	return code, nil
}

// matchTOTP returns the time step within the skew of now whose code is
// code, or false. Every step is compared, in constant time, so the time
// taken does not tell which one matched.
func matchTOTP(key, code string, now time.Time) (int64, bool) {
	code = strings.TrimSpace(code)
	if len(code) != totpDigits.Length() {
		return 0, false
	}
	var found int64
	ok := false
	for d := -totpSkew; d <= totpSkew; d++ {
		t := now.Add(time.Duration(d*totpPeriod) * time.Second)
		want, err := TOTPCode(key, t)
		if err != nil {
			return 0, false
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			found, ok = TOTPStep(t), true
		}
	}
	return found, ok
}

// NewRecoveryCodes returns n random recovery codes such as
// "k3v9q-7mzta-x2c4d-p8r6b", 100 bits each.
func NewRecoveryCodes(n int) []string {
	codes := make([]string, n)
	enc := base32.StdEncoding.WithPadding(base32.NoPadding)
	for i := range codes {
		b := make([]byte, 13)
		if _, err := rand.Read(b); err != nil {
			panic(fmt.Sprintf("account: no randomness: %v", err)) // crypto/rand does not fail on supported systems
		}
		s := strings.ToLower(enc.EncodeToString(b))[:20]
		codes[i] = s[0:5] + "-" + s[5:10] + "-" + s[10:15] + "-" + s[15:20]
	}
	return codes
}

// normalizeRecoveryCode is the form of a recovery code that is hashed:
// lower case without the dashes and spaces people type or leave out.
func normalizeRecoveryCode(code string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '-' || r == ' ' || r == '\t':
			return -1
		case r >= 'A' && r <= 'Z':
			return r + ('a' - 'A')
		}
		return r
	}, code)
}

func hashRecoveryCodes(codes []string) []string {
	hashes := make([]string, len(codes))
	for i, c := range codes {
		hashes[i] = Hash(normalizeRecoveryCode(c))
	}
	return hashes
}

// TwoFactor is the Service's two-factor sign-in with the keys that
// encrypt authenticator keys at rest.
type TwoFactor struct {
	s    *Service
	keys *secret.Keys
	// Issuer names the instance in authenticator apps.
	Issuer string
}

// TwoFactor returns two-factor sign-in with keys; issuer names the
// instance in authenticator apps.
func (s *Service) TwoFactor(keys *secret.Keys, issuer string) *TwoFactor {
	return &TwoFactor{s: s, keys: keys, Issuer: issuer}
}

// Enrolment is a started, unconfirmed set-up: the key to type into an
// authenticator app and the otpauth:// URI to scan.
type Enrolment struct {
	Secret string
	URI    string
}

// Pending returns the unconfirmed enrolment of a user, or false if there
// is none (nothing started, or two-factor sign-in is on already).
func (tf *TwoFactor) Pending(ctx context.Context, u *model.User) (Enrolment, bool, error) {
	enc, enabled, err := tf.s.st.TOTPSecret(ctx, u.ID)
	if err != nil || enabled || enc == "" {
		return Enrolment{}, false, err
	}
	key, err := tf.keys.Decrypt(enc)
	if err != nil {
		return Enrolment{}, false, fmt.Errorf("account: totp key of user %d: %w", u.ID, err)
	}
	return Enrolment{Secret: key, URI: tf.uri(u, key)}, true, nil
}

func (tf *TwoFactor) uri(u *model.User, key string) string {
	k, err := totp.Generate(totp.GenerateOpts{Issuer: tf.Issuer, AccountName: u.Email, Period: totpPeriod, Digits: totpDigits,
		Algorithm: otp.AlgorithmSHA1, Secret: mustBase32(key)})
	if err != nil {
		return ""
	}
	return k.URL()
}

// mustBase32 decodes a key made by Begin; a stored key that does not
// decode gives nil, and then an empty URI.
func mustBase32(key string) []byte {
	b, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.ToUpper(key))
	if err != nil {
		return nil
	}
	return b
}

// Begin starts an enrolment with a new random key (160 bits, as RFC 4226
// recommends), replacing an unconfirmed one. For a user with two-factor
// sign-in on it is model.ErrConflict.
func (tf *TwoFactor) Begin(ctx context.Context, u *model.User) (Enrolment, error) {
	k, err := totp.Generate(totp.GenerateOpts{Issuer: tf.Issuer, AccountName: u.Email, Period: totpPeriod, SecretSize: 20,
		Digits: totpDigits, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		return Enrolment{}, fmt.Errorf("account: totp key: %w", err)
	}
	if err := tf.s.st.SetPendingTOTPSecret(ctx, u.ID, tf.keys.Encrypt(k.Secret())); err != nil {
		return Enrolment{}, err
	}
	return Enrolment{Secret: k.Secret(), URI: k.URL()}, nil
}

// Confirm switches two-factor sign-in on when code is a current code of
// the pending key, and returns the recovery codes to show once. A wrong
// code is ErrInvalidCode; no pending enrolment is model.ErrConflict.
func (tf *TwoFactor) Confirm(ctx context.Context, u *model.User, code string) ([]string, error) {
	e, ok, err := tf.Pending(ctx, u)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("account: no pending two-factor enrolment: %w", model.ErrConflict)
	}
	now := store.Now()
	step, ok := matchTOTP(e.Secret, code, now)
	if !ok {
		return nil, ErrInvalidCode
	}
	codes := NewRecoveryCodes(RecoveryCodeCount)
	err = tf.s.st.InTx(ctx, func(q *store.Queries) error {
		if err := q.EnableTOTP(ctx, u.ID, hashRecoveryCodes(codes)); err != nil {
			return err
		}
		// The code that switched it on does not sign in as well.
		_, err := q.AcceptTOTPStep(ctx, u.ID, step, now)
		return err
	})
	if err != nil {
		return nil, err
	}
	return codes, nil
}

// checkPasswordAndCode verifies a signed-in user's password and a current
// authenticator code (a recovery code is not enough to change the set-up).
// Failures count against the account's sign-in throttling.
func (tf *TwoFactor) checkPasswordAndCode(ctx context.Context, u *model.User, password, code string, needCode bool) error {
	keys := tf.s.throttleKeys(u, "")
	if err := tf.s.checkThrottle(ctx, keys); err != nil {
		return err
	}
	now := store.Now()
	ok := CheckPassword(u.PasswordHash, password)
	if ok && needCode {
		ok, _ = tf.acceptTOTP(ctx, u.ID, code, now)
	}
	if !ok {
		return tf.s.failSecondStep(ctx, keys, now)
	}
	return nil
}

// Disable switches two-factor sign-in off after checking the password and
// a current code; either wrong is ErrInvalidCode.
func (tf *TwoFactor) Disable(ctx context.Context, u *model.User, password, code string) error {
	if err := tf.checkPasswordAndCode(ctx, u, password, code, true); err != nil {
		return err
	}
	return tf.s.st.InTx(ctx, func(q *store.Queries) error { return q.DisableTOTP(ctx, u.ID) })
}

// RegenerateRecoveryCodes replaces a user's recovery codes after checking
// the password (ErrInvalidCode if wrong) and returns the new ones.
func (tf *TwoFactor) RegenerateRecoveryCodes(ctx context.Context, u *model.User, password string) ([]string, error) {
	if !u.TOTPEnabled {
		return nil, fmt.Errorf("account: two-factor sign-in is off: %w", model.ErrConflict)
	}
	if err := tf.checkPasswordAndCode(ctx, u, password, "", false); err != nil {
		return nil, err
	}
	codes := NewRecoveryCodes(RecoveryCodeCount)
	err := tf.s.st.InTx(ctx, func(q *store.Queries) error { return q.ReplaceRecoveryCodes(ctx, u.ID, hashRecoveryCodes(codes)) })
	if err != nil {
		return nil, err
	}
	return codes, nil
}

// RecoveryCodesLeft counts a user's unused recovery codes.
func (tf *TwoFactor) RecoveryCodesLeft(ctx context.Context, u *model.User) (int, error) {
	return tf.s.st.RecoveryCodesLeft(ctx, u.ID)
}

// acceptTOTP reports whether code is a current code of the user's enabled
// key that was not used before, and records its step if so.
func (tf *TwoFactor) acceptTOTP(ctx context.Context, userID int64, code string, now time.Time) (bool, error) {
	enc, enabled, err := tf.s.st.TOTPSecret(ctx, userID)
	if err != nil || !enabled {
		return false, err
	}
	key, err := tf.keys.Decrypt(enc)
	if err != nil {
		return false, fmt.Errorf("account: totp key of user %d: %w", userID, err)
	}
	step, ok := matchTOTP(key, code, now)
	if !ok {
		return false, nil
	}
	return tf.s.st.AcceptTOTPStep(ctx, userID, step, now)
}

// StartSignIn is the first step done: for a user whose password was right
// and who has two-factor sign-in on, it issues the pending sign-in token
// (single use, LoginTwoFactorTTL) that the second step presents.
func (tf *TwoFactor) StartSignIn(ctx context.Context, u *model.User) (string, error) {
	token, hash := NewSecret("")
	if err := tf.s.st.CreateUserToken(ctx, u.ID, PurposeLogin2FA, hash, store.Now().Add(LoginTwoFactorTTL)); err != nil {
		return "", err
	}
	return token, nil
}

// FinishSignIn is the second step: code is an authenticator code or a
// recovery code of the user the pending token stands for. It returns the
// user to sign in. An unknown, spent or expired token is
// model.ErrNotFound; a wrong, replayed or spent code is ErrInvalidCode and
// counts against the account's sign-in throttling, past which every
// attempt is model.ErrRateLimited. The token stays valid for another try
// after a wrong code, and is spent by the right one.
func (tf *TwoFactor) FinishSignIn(ctx context.Context, token, code, clientIP string) (*model.User, error) {
	now := store.Now()
	id, err := tf.s.st.UserTokenUser(ctx, PurposeLogin2FA, Hash(token), now)
	if err != nil {
		return nil, err
	}
	u, err := tf.s.st.User(ctx, id)
	if err != nil {
		return nil, err
	}
	if !u.Active || !u.TOTPEnabled {
		return nil, fmt.Errorf("account: pending sign-in of user %d: %w", id, model.ErrNotFound)
	}
	keys := tf.s.throttleKeys(u, clientIP)
	if err := tf.s.checkThrottle(ctx, keys); err != nil {
		return nil, err
	}
	ok := false
	if c := strings.TrimSpace(code); len(c) == totpDigits.Length() && isDigits(c) {
		ok, err = tf.acceptTOTP(ctx, u.ID, c, now)
	} else if c != "" {
		err = tf.s.st.UseRecoveryCode(ctx, u.ID, Hash(normalizeRecoveryCode(c)), now)
		ok = err == nil
		if errors.Is(err, model.ErrNotFound) {
			err = nil
		}
	}
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, tf.s.failSecondStep(ctx, keys, now)
	}
	if _, err := tf.s.st.UseUserToken(ctx, PurposeLogin2FA, Hash(token), now); err != nil {
		return nil, err
	}
	for _, k := range []string{keys.account, keys.second} {
		if err := tf.s.st.RateReset(ctx, k); err != nil {
			return nil, err
		}
	}
	return u, nil
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// throttle names the rate-limit keys a second step counts against.
type throttle struct {
	account string // the sign-in key of the account, shared with passwords
	address string // the sign-in key of the client address ("" for none)
	// second counts wrong codes only. A right password resets the
	// account key, so without it whoever has the password could guess
	// codes without end.
	second string
}

func (s *Service) throttleKeys(u *model.User, clientIP string) throttle {
	t := throttle{
		account: "login:acct:" + store.NormalizeEmail(u.Email),
		second:  "login:2fa:" + strconv.FormatInt(u.ID, 10),
	}
	if clientIP != "" {
		t.address = "login:addr:" + clientIP
	}
	return t
}

func (s *Service) checkThrottle(ctx context.Context, t throttle) error {
	now := store.Now()
	for key, limit := range map[string]int{t.account: s.cfg.MaxPerAccount, t.second: s.cfg.MaxPerAccount, t.address: s.cfg.MaxPerAddress} {
		if key == "" {
			continue
		}
		n, err := s.st.RateCount(ctx, key, s.cfg.LoginWindow, now)
		if err != nil {
			return err
		}
		if n >= limit {
			return model.ErrRateLimited
		}
	}
	return nil
}

func (s *Service) failSecondStep(ctx context.Context, t throttle, now time.Time) error {
	for _, key := range []string{t.account, t.second, t.address} {
		if key == "" {
			continue
		}
		if _, err := s.st.RateHit(ctx, key, s.cfg.LoginWindow, now); err != nil {
			return err
		}
	}
	return ErrInvalidCode
}
