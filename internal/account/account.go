// Package account owns sign-in: password hashes, sessions, personal access
// tokens, login throttling and the one-time link that creates the first
// admin. Secrets handed to users (session cookies, tokens, links) are
// random 256-bit values; only their SHA-256 hashes are stored.
package account

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"supportal/internal/model"
	"supportal/internal/store"
)

// ErrInvalidLogin is the one answer to a wrong address, a wrong password
// and a deactivated account alike, so sign-in reveals nothing.
var ErrInvalidLogin = errors.New("account: invalid email or password")

// Config tunes sessions and throttling.
type Config struct {
	SessionTTL      time.Duration // idle time after which a session ends
	LoginWindow     time.Duration // throttling window
	MaxPerAccount   int           // failed sign-ins per account per window
	MaxPerAddress   int           // failed sign-ins per client address per window
	SessionMaxTotal time.Duration // absolute lifetime of a session
}

// DefaultConfig is used where a field is zero.
var DefaultConfig = Config{
	SessionTTL:      14 * 24 * time.Hour,
	SessionMaxTotal: 90 * 24 * time.Hour,
	LoginWindow:     15 * time.Minute,
	MaxPerAccount:   10,
	MaxPerAddress:   50,
}

// Service signs users in and out.
type Service struct {
	st      *store.Store
	cfg     Config
	mail    Mailer // nil: no account mail (tools that only read)
	baseURL string
}

// New returns a Service; zero fields of cfg take DefaultConfig's.
func New(st *store.Store, cfg Config) *Service {
	d := DefaultConfig
	if cfg.SessionTTL == 0 {
		cfg.SessionTTL = d.SessionTTL
	}
	if cfg.SessionMaxTotal == 0 {
		cfg.SessionMaxTotal = d.SessionMaxTotal
	}
	if cfg.LoginWindow == 0 {
		cfg.LoginWindow = d.LoginWindow
	}
	if cfg.MaxPerAccount == 0 {
		cfg.MaxPerAccount = d.MaxPerAccount
	}
	if cfg.MaxPerAddress == 0 {
		cfg.MaxPerAddress = d.MaxPerAddress
	}
	return &Service{st: st, cfg: cfg}
}

// Login checks an address and password. Failures are counted per account
// and per client address; past the limit every attempt fails with
// model.ErrRateLimited until the window passes, even with the right
// password.
func (s *Service) Login(ctx context.Context, email, password, clientIP string) (*model.User, error) {
	now := store.Now()
	accountKey := "login:acct:" + store.NormalizeEmail(email)
	addrKey := "login:addr:" + clientIP
	for key, limit := range map[string]int{accountKey: s.cfg.MaxPerAccount, addrKey: s.cfg.MaxPerAddress} {
		n, err := s.st.RateCount(ctx, key, s.cfg.LoginWindow, now)
		if err != nil {
			return nil, err
		}
		if n >= limit {
			return nil, model.ErrRateLimited
		}
	}
	u, err := s.st.UserByEmail(ctx, email)
	if errors.Is(err, model.ErrNotFound) {
		CheckPassword(dummyHash(), password)
		return nil, s.fail(ctx, accountKey, addrKey, now)
	}
	if err != nil {
		return nil, err
	}
	// An address not yet verified (a self-registration whose link was
	// not opened) cannot sign in, with the same answer as a wrong password.
	if !CheckPassword(u.PasswordHash, password) || !u.Active || !u.EmailVerified {
		return nil, s.fail(ctx, accountKey, addrKey, now)
	}
	if err := s.st.RateReset(ctx, accountKey); err != nil {
		return nil, err
	}
	return u, nil
}

func (s *Service) fail(ctx context.Context, accountKey, addrKey string, now time.Time) error {
	for _, key := range []string{accountKey, addrKey} {
		if _, err := s.st.RateHit(ctx, key, s.cfg.LoginWindow, now); err != nil {
			return err
		}
	}
	return ErrInvalidLogin
}

// StartSession creates a session for a user who just signed in and
// returns the secret for the cookie. Every sign-in gets a new secret.
func (s *Service) StartSession(ctx context.Context, userID int64, clientIP, userAgent string) (string, error) {
	secret, hash := NewSecret("")
	now := store.Now()
	if len(userAgent) > 255 {
		userAgent = userAgent[:255]
	}
	err := s.st.CreateSession(ctx, store.Session{
		ID: hash, UserID: userID, CreatedAt: now, ExpiresAt: now.Add(s.cfg.SessionTTL), IP: clientIP, UserAgent: userAgent,
	})
	return secret, err
}

// SessionUser returns the user of a session secret, or model.ErrNotFound
// for an unknown, expired or deactivated one. It extends an idle session
// at most once a minute, so that reading pages does not write on every
// request.
func (s *Service) SessionUser(ctx context.Context, secret string) (*model.User, error) {
	if secret == "" {
		return nil, model.ErrNotFound
	}
	now := store.Now()
	sess, u, err := s.st.SessionUser(ctx, Hash(secret), now)
	if err != nil {
		return nil, err
	}
	if !u.Active || now.Sub(sess.CreatedAt) > s.cfg.SessionMaxTotal {
		return nil, model.ErrNotFound
	}
	if now.Sub(sess.LastSeenAt) > time.Minute {
		if err := s.st.TouchSession(ctx, sess.ID, now, now.Add(s.cfg.SessionTTL)); err != nil {
			return nil, err
		}
	}
	return u, nil
}

// EndSession signs a session out.
func (s *Service) EndSession(ctx context.Context, secret string) error {
	return s.st.DeleteSession(ctx, Hash(secret))
}

// TokenPrefix starts every personal access token, so that secret scanners
// and people recognise one.
const TokenPrefix = "spt_"

// CreateToken issues a personal access token for a user and returns it;
// it is shown once and only its hash is kept.
func (s *Service) CreateToken(ctx context.Context, userID int64, name string) (string, error) {
	secret, hash := NewSecret(TokenPrefix)
	if strings.TrimSpace(name) == "" {
		name = "token"
	}
	if _, err := s.st.CreateToken(ctx, userID, name, hash); err != nil {
		return "", err
	}
	return secret, nil
}

// TokenUser returns the active user of a token, or model.ErrNotFound.
func (s *Service) TokenUser(ctx context.Context, token string) (*model.User, error) {
	if !strings.HasPrefix(token, TokenPrefix) {
		return nil, model.ErrNotFound
	}
	u, err := s.st.TokenUser(ctx, Hash(token))
	if err != nil {
		return nil, err
	}
	if !u.Active {
		return nil, model.ErrNotFound
	}
	return u, nil
}

// NewSecret returns a random 256-bit secret with prefix, URL-safe, and the
// hash under which it is stored.
func NewSecret(prefix string) (secret, hash string) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("account: no randomness: %v", err)) // crypto/rand does not fail on supported systems
	}
	secret = prefix + base64.RawURLEncoding.EncodeToString(b)
	return secret, Hash(secret)
}

// Hash is the stored form of a secret. SHA-256 suffices: the secrets are
// random and long, so there is nothing to brute-force.
func Hash(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}
