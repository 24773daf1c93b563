package secret

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEncryptRoundTrip(t *testing.T) {
	k, err := New(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	enc := k.Encrypt("imap-password")
	if strings.Contains(enc, "imap-password") || enc == k.Encrypt("imap-password") {
		t.Fatalf("Encrypt(%q) = %q: readable or not randomized", "imap-password", enc)
	}
	if got, err := k.Decrypt(enc); err != nil || got != "imap-password" {
		t.Fatalf("Decrypt = %q, %v", got, err)
	}
	if k.Encrypt("") != "" {
		t.Fatal("empty secret not kept empty")
	}
	other, _ := New(bytes.Repeat([]byte{8}, 32))
	if _, err := other.Decrypt(enc); err != ErrCorrupt {
		t.Fatalf("another key decrypts: %v", err)
	}
	if _, err := k.Decrypt(enc[:len(enc)-2] + "AA"); err != ErrCorrupt {
		t.Fatalf("tampered value decrypts: %v", err)
	}
}

func TestLoadCreatesAndKeepsKeyFile(t *testing.T) {
	t.Setenv(EnvKey, "")
	dir := t.TempDir()
	k1, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dir, KeyFile))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v, %v", fi, err)
	}
	k2, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := k2.Decrypt(k1.Encrypt("x")); err != nil || got != "x" {
		t.Fatal("second load has another key")
	}
	t.Setenv(EnvKey, "too short")
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), EnvKey) {
		t.Fatalf("bad environment key: %v", err)
	}
}
