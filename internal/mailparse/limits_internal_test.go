package mailparse

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzStructureScanBoundsTheTree checks that the scan before parsing never
// lets through a message from which the MIME parser builds a tree with more
// parts or deeper nesting than the limits: the scan is what keeps the parser
// from doing that work at all.
func FuzzStructureScanBoundsTheTree(f *testing.F) {
	for _, seed := range []string{
		"Content-Type: multipart/mixed; boundary=a\n\n--a\nContent-Type: multipart/mixed; boundary=b\n\n--b\n\nx\n--b--\n--a--\n",
		"Content-Type: multipart/mixed; boundary=a\n\njunk--a \nContent-Type: application/x; boundary=b\n\n--b\n\n--b\n\n",
		"Content-Type: multipart/alternative; boundary=\"a b\"\r\n\r\n--a b\r\nContent-Type: text/plain; boundary=c\r\n\r\n--c\r\n",
	} {
		f.Add([]byte(seed))
	}
	files, _ := filepath.Glob("../../../shared/testdata/mail/enmime/testdata/parts/*.raw")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	lim := Limits{MaxSize: 1 << 20, MaxParts: 8, MaxDepth: 3}
	f.Fuzz(func(t *testing.T, raw []byte) {
		raw, _ = skipJunkLines(normalizeInput(raw))
		if checkStructure(raw, lim) != nil {
			return
		}
		p := &parser{raw: raw, lim: lim, m: &Message{}, seen: map[string]bool{}}
		root, err := p.newEnmime(false).ReadParts(bytes.NewReader(raw))
		if err != nil {
			return
		}
		if err := checkTree(root, lim); err != nil {
			t.Errorf("scan accepted what the parser built too big: %v", err)
		}
	})
}
