// Package secret keeps the instance's master key and what is derived from
// it: encryption of secrets at rest (mailbox passwords, gateway keys) and
// the signatures of tokens that leave the system (the ticket token in the
// Message-ID of outgoing mail).
//
// The key comes from SUPPORTAL_SECRET_KEY (base64 of 32 bytes) or, when that
// is not set, from the file secret.key in the data folder, created on
// first use. Several instances sharing one PostgreSQL database must share
// the key through the environment.
package secret

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// EnvKey is the environment variable that holds the master key.
const EnvKey = "SUPPORTAL_SECRET_KEY"

// KeyFile is the key's file name in the data folder.
const KeyFile = "secret.key"

// prefix marks an encrypted value, with the scheme's version.
const prefix = "enc1:"

// ErrCorrupt means a stored value could not be decrypted: it was changed,
// or the key is not the one it was encrypted with.
var ErrCorrupt = errors.New("secret: value cannot be decrypted with this key")

// Keys are the keys derived from one master key.
type Keys struct {
	aead cipher.AEAD
	mac  []byte
}

// Load reads the master key from the environment, else from dataDir,
// creating the file there when it is missing.
func Load(dataDir string) (*Keys, error) {
	if v := strings.TrimSpace(os.Getenv(EnvKey)); v != "" {
		master, err := base64.StdEncoding.DecodeString(v)
		if err != nil || len(master) < 32 {
			return nil, fmt.Errorf("secret: %s must be the base64 of at least 32 random bytes (openssl rand -base64 32)", EnvKey)
		}
		return New(master)
	}
	path := filepath.Join(dataDir, KeyFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return create(dataDir, path)
	}
	if err != nil {
		return nil, fmt.Errorf("secret: %w", err)
	}
	master, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(master) < 32 {
		return nil, fmt.Errorf("secret: %s does not hold a base64 key of 32 bytes", path)
	}
	return New(master)
}

// create writes a new random key to path. Two processes starting at once
// race on O_EXCL; the loser reads the winner's key.
func create(dataDir, path string) (*Keys, error) {
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return nil, fmt.Errorf("secret: %w", err)
	}
	master := make([]byte, 32)
	rand.Read(master)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return Load(dataDir)
	}
	if err != nil {
		return nil, fmt.Errorf("secret: %w", err)
	}
	_, err = f.WriteString(base64.StdEncoding.EncodeToString(master) + "\n")
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("secret: writing %s: %w", path, err)
	}
	return New(master)
}

// New derives the keys from a master key of at least 32 bytes.
func New(master []byte) (*Keys, error) {
	if len(master) < 32 {
		return nil, errors.New("secret: master key shorter than 32 bytes")
	}
	encKey, err := hkdf.Key(sha256.New, master, nil, "supportal encryption", 32)
	if err != nil {
		return nil, err
	}
	macKey, err := hkdf.Key(sha256.New, master, nil, "supportal token signature", 32)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(encKey)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	return &Keys{aead: aead, mac: macKey}, nil
}

// Encrypt seals a secret for storage. The empty string stays empty, so
// "not set" needs no decryption.
func (k *Keys) Encrypt(plain string) string {
	if plain == "" {
		return ""
	}
	nonce := make([]byte, k.aead.NonceSize())
	rand.Read(nonce)
	sealed := k.aead.Seal(nonce, nonce, []byte(plain), nil)
	return prefix + base64.RawStdEncoding.EncodeToString(sealed)
}

// Decrypt opens a value made by Encrypt.
func (k *Keys) Decrypt(stored string) (string, error) {
	if stored == "" {
		return "", nil
	}
	enc, ok := strings.CutPrefix(stored, prefix)
	if !ok {
		return "", ErrCorrupt
	}
	b, err := base64.RawStdEncoding.DecodeString(enc)
	n := k.aead.NonceSize()
	if err != nil || len(b) < n {
		return "", ErrCorrupt
	}
	plain, err := k.aead.Open(nil, b[:n], b[n:], nil)
	if err != nil {
		return "", ErrCorrupt
	}
	return string(plain), nil
}

// Sign returns the full-length HMAC-SHA256 of purpose and value, in
// lower-case base32 so it survives case-folding mail systems.
func (k *Keys) Sign(purpose, value string) string {
	m := hmac.New(sha256.New, k.mac)
	m.Write([]byte(purpose))
	m.Write([]byte{0})
	m.Write([]byte(value))
	return strings.ToLower(b32.EncodeToString(m.Sum(nil)))
}

// Verify reports, in constant time, whether sig is Sign(purpose, value).
func (k *Keys) Verify(purpose, value, sig string) bool {
	return hmac.Equal([]byte(k.Sign(purpose, value)), []byte(strings.ToLower(sig)))
}

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)
