package account

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"supportal/internal/model"
)

// Argon2id parameters: OWASP's recommended minimum (19 MiB, 2 passes, one
// lane). More memory would buy little against offline attacks and cost a
// lot under a burst of sign-ins on a small machine.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
	saltLen      = 16
)

// Password length limits. The upper bound keeps hashing cheap for
// attackers who post megabytes.
const (
	MinPasswordLen = 8
	MaxPasswordLen = 256
)

// ValidatePassword checks a new password against the policy.
func ValidatePassword(pw string) error {
	n := utf8.RuneCountInString(pw)
	switch {
	case n < MinPasswordLen:
		return model.Invalid("password", "error.password_short")
	case len(pw) > MaxPasswordLen:
		return model.Invalid("password", "error.password_long")
	}
	return nil
}

// HashPassword returns the argon2id hash of pw in the PHC string format.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("account: salt: %w", err)
	}
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

var errBadHash = errors.New("account: malformed password hash")

// CheckPassword reports whether pw matches hash. An empty or malformed
// hash (an account without a password) never matches.
//
// An account without a usable hash (invited, never set a password) costs
// the same derivation as any other, so that the time of a failed sign-in
// does not tell which accounts exist or have a password.
func CheckPassword(hash, pw string) bool {
	ok, err := checkPassword(hash, pw)
	if errors.Is(err, errBadHash) && len(pw) <= MaxPasswordLen {
		_, _ = checkPassword(dummyHash(), pw)
		return false
	}
	return err == nil && ok
}

func checkPassword(hash, pw string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" || len(pw) > MaxPasswordLen {
		return false, errBadHash
	}
	var version int
	var mem, iter uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, errBadHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &mem, &iter, &threads); err != nil {
		return false, errBadHash
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, errBadHash
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false, errBadHash
	}
	got := deriveKey([]byte(pw), salt, iter, mem, threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// deriveKey is argon2id's key derivation, the cost of a sign-in; the
// tests count its calls.
var deriveKey = argon2.IDKey

// dummyHash is checked against when an address is unknown, so that a
// failed sign-in takes as long whether or not the account exists.
var dummyHash = sync.OnceValue(func() string {
	h, err := HashPassword("no account has this password")
	if err != nil {
		panic(err)
	}
	return h
})
