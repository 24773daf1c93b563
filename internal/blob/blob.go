// Package blob stores file contents by their SHA-256, so a file attached
// to many messages is kept once. Names and types live in the database;
// the store knows only bytes under generated keys, never user-chosen
// names (SECURITY rule 6).
package blob

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"

	"supportal/internal/model"
)

// Store keeps blobs.
type Store interface {
	// Put reads r to the end, at most max bytes (model.ErrTooLarge past
	// that), and returns the key and size of the stored contents.
	Put(ctx context.Context, r io.Reader, max int64) (key string, size int64, err error)
	// Open returns the contents under key.
	Open(ctx context.Context, key string) (io.ReadSeekCloser, error)
}

// Dir is a Store in a folder of the local file system.
type Dir struct {
	root string
}

// NewDir returns a Store under root, creating the folder if needed.
func NewDir(root string) (*Dir, error) {
	if err := os.MkdirAll(root, 0o750); err != nil {
		return nil, fmt.Errorf("blob: %w", err)
	}
	return &Dir{root: root}, nil
}

var keyPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

func (d *Dir) path(key string) string {
	return filepath.Join(d.root, key[:2], key[2:4], key)
}

// Put writes to a temporary file while hashing, then renames it into
// place; a crash leaves at most a stray temporary file, never a partial
// blob under a real key.
func (d *Dir) Put(ctx context.Context, r io.Reader, max int64) (string, int64, error) {
	tmp, err := os.CreateTemp(d.root, "upload-*")
	if err != nil {
		return "", 0, fmt.Errorf("blob: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	defer tmp.Close()
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), io.LimitReader(r, max+1))
	if err != nil {
		return "", 0, fmt.Errorf("blob: write: %w", err)
	}
	if n > max {
		return "", 0, model.ErrTooLarge
	}
	if err := ctx.Err(); err != nil {
		return "", 0, err
	}
	if err := tmp.Sync(); err != nil {
		return "", 0, fmt.Errorf("blob: sync: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return "", 0, fmt.Errorf("blob: close: %w", err)
	}
	key := hex.EncodeToString(h.Sum(nil))
	dst := d.path(key)
	if _, err := os.Stat(dst); err == nil {
		return key, n, nil // already stored
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o750); err != nil {
		return "", 0, fmt.Errorf("blob: %w", err)
	}
	if err := os.Rename(tmp.Name(), dst); err != nil {
		return "", 0, fmt.Errorf("blob: %w", err)
	}
	return key, n, nil
}

// Open opens the blob under key.
func (d *Dir) Open(_ context.Context, key string) (io.ReadSeekCloser, error) {
	if !keyPattern.MatchString(key) {
		return nil, fmt.Errorf("blob: bad key: %w", model.ErrNotFound)
	}
	f, err := os.Open(d.path(key))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("blob %s: %w", key, model.ErrNotFound)
	}
	return f, err
}
