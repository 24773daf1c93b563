package sms

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"supportal/internal/netguard"
	"supportal/internal/secret"
	"supportal/internal/store"
)

// Keys of the settings table.
const (
	settingURL           = "sms.url"
	settingAuth          = "sms.auth"
	settingUser          = "sms.user"
	settingSecret        = "sms.secret"         // encrypted
	settingFrom          = "sms.from"           //
	settingWebhookSecret = "sms.webhook_secret" // encrypted
)

// Settings are the gateway's settings with the secrets in clear.
type Settings struct {
	URL           string
	Auth          string
	User          string
	Secret        string // password (basic) or token (bearer)
	From          string
	WebhookSecret string
}

// Configured reports whether messages can be sent.
func (s Settings) Configured() bool { return s.URL != "" }

// ErrNoKeys means there is no instance key to encrypt or decrypt with.
var ErrNoKeys = errors.New("sms: no instance key for the gateway secrets")

// Load reads the settings and decrypts the secrets.
func Load(ctx context.Context, q *store.Queries, keys *secret.Keys) (Settings, error) {
	var s Settings
	var encSecret, encHook string
	for key, dst := range map[string]*string{settingURL: &s.URL, settingAuth: &s.Auth, settingUser: &s.User,
		settingFrom: &s.From, settingSecret: &encSecret, settingWebhookSecret: &encHook} {
		v, err := q.Setting(ctx, key)
		if err != nil {
			return s, fmt.Errorf("sms: settings: %w", err)
		}
		*dst = v
	}
	if s.Auth == "" {
		s.Auth = AuthNone
	}
	var err error
	if s.Secret, err = decrypt(keys, encSecret); err != nil {
		return s, err
	}
	if s.WebhookSecret, err = decrypt(keys, encHook); err != nil {
		return s, err
	}
	return s, nil
}

func decrypt(keys *secret.Keys, v string) (string, error) {
	if v == "" {
		return "", nil
	}
	if keys == nil {
		return "", ErrNoKeys
	}
	plain, err := keys.Decrypt(v)
	if err != nil {
		return "", fmt.Errorf("sms: settings: %w", err)
	}
	return plain, nil
}

// Save writes s, the secrets encrypted. Call it in a transaction.
func Save(ctx context.Context, q *store.Queries, keys *secret.Keys, s Settings) error {
	if keys == nil && (s.Secret != "" || s.WebhookSecret != "") {
		return ErrNoKeys
	}
	enc := func(v string) string {
		if v == "" {
			return ""
		}
		return keys.Encrypt(v)
	}
	for key, v := range map[string]string{settingURL: s.URL, settingAuth: s.Auth, settingUser: s.User, settingFrom: s.From,
		settingSecret: enc(s.Secret), settingWebhookSecret: enc(s.WebhookSecret)} {
		if err := q.SetSetting(ctx, key, v); err != nil {
			return err
		}
	}
	return nil
}

// ValidURL reports whether u can be a gateway address: absolute http or
// https with a host and without credentials (they belong in the
// settings, where they are encrypted).
func ValidURL(u string) bool {
	p, err := url.Parse(u)
	return err == nil && (p.Scheme == "https" || p.Scheme == "http") && p.Host != "" && p.User == nil &&
		!strings.ContainsAny(u, " \t\r\n")
}

// Provider sends through the gateway the stored settings describe, read
// afresh for every message so that a change by an admin applies at once.
type Provider struct {
	Store  *store.Store
	Keys   *secret.Keys
	Dialer *netguard.Dialer
}

// Send sends one message; ErrNotConfigured when no gateway is set.
func (p *Provider) Send(ctx context.Context, to, text string) (string, error) {
	s, err := Load(ctx, &p.Store.Queries, p.Keys)
	if err != nil {
		return "", err
	}
	if !s.Configured() {
		return "", ErrNotConfigured
	}
	g := &HTTPGateway{URL: s.URL, From: s.From, Auth: s.Auth, User: s.User, Secret: s.Secret, Client: NewClient(p.Dialer)}
	return g.Send(ctx, to, text)
}
