package kb_test

import (
	"context"
	"fmt"
	"testing"

	"supportal/internal/blob"
	"supportal/internal/kb"
	"supportal/internal/testenv"
)

// BenchmarkSearch measures a visitor's search over 1,000 published
// articles, the size of a large product's knowledge base.
func BenchmarkSearch(b *testing.B) {
	ctx := context.Background()
	st := testenv.Store(b)
	blobs, err := blob.NewDir(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	w := testenv.NewWorld(b, st)
	svc := kb.New(st, blobs, "en", 1<<20)
	agent := w.User(b, "agent")
	words := []string{"printer", "invoice", "password", "licence", "database", "backup", "network", "update"}
	for i := range 1000 {
		in := kb.Input{Visibility: "public", Language: "en", Status: "published",
			Title: fmt.Sprintf("%s guide %d", words[i%len(words)], i),
			Body:  fmt.Sprintf("How to set up the %s and the %s. Step %d of the manual.", words[(i+3)%len(words)], words[(i+5)%len(words)], i)}
		if _, err := svc.Create(ctx, agent, in); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := svc.Search(ctx, nil, "en", "printer setup", 5, true); err != nil {
			b.Fatal(err)
		}
	}
}
