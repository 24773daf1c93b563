package blob

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"supportal/internal/model"
)

func TestSameContentIsStoredOnce(t *testing.T) {
	dir := t.TempDir()
	d, err := NewDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	k1, n, err := d.Put(ctx, strings.NewReader("hello"), 100)
	if err != nil || n != 5 {
		t.Fatal(n, err)
	}
	k2, _, err := d.Put(ctx, strings.NewReader("hello"), 100)
	if err != nil || k1 != k2 {
		t.Fatalf("keys %s and %s", k1, k2)
	}
	f, err := d.Open(ctx, k1)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, _ := io.ReadAll(f)
	if string(b) != "hello" {
		t.Fatalf("read %q", b)
	}
	var files int
	filepath.WalkDir(dir, func(_ string, e os.DirEntry, _ error) error {
		if !e.IsDir() {
			files++
		}
		return nil
	})
	if files != 1 {
		t.Fatalf("%d files on disk, want 1 (no temporary files left)", files)
	}
}

func TestOverTheLimitStoresNothing(t *testing.T) {
	dir := t.TempDir()
	d, _ := NewDir(dir)
	_, _, err := d.Put(context.Background(), strings.NewReader("123456"), 5)
	if !errors.Is(err, model.ErrTooLarge) {
		t.Fatalf("err = %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Fatalf("left %d entries behind", len(entries))
	}
}

func TestKeysCannotEscapeTheFolder(t *testing.T) {
	d, _ := NewDir(t.TempDir())
	for _, k := range []string{"../../etc/passwd", "", strings.Repeat("g", 64)} {
		if _, err := d.Open(context.Background(), k); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("key %q: %v", k, err)
		}
	}
}
