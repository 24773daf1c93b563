package app_test

import (
	"context"
	"strings"
	"testing"

	"supportal/internal/store"
	"supportal/internal/testenv"
)

// kbFixture writes a public, a contacts-only and an internal published
// article and an image of the internal one, and returns their ids in
// that order.
func kbFixture(t *testing.T, env *testenv.Env) [4]int64 {
	t.Helper()
	ctx := context.Background()
	var ids [4]int64
	for i, vis := range []string{"public", "contacts", "internal"} {
		id, err := env.Store.CreateKBArticle(ctx, &store.KBArticle{Visibility: vis})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := env.Store.SaveKBTranslation(ctx, &store.KBTranslation{ArticleID: id, Language: "en", Title: "Fixture " + vis,
			Body: "Fixture article.", Status: "published"}); err != nil {
			t.Fatal(err)
		}
		ids[i] = id
	}
	key, size, err := env.App.Blobs.Put(ctx, strings.NewReader("\x89PNG\r\n\x1a\nfixture"), 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if ids[3], err = env.Store.CreateKBFile(ctx, &store.KBFile{ArticleID: ids[2], BlobKey: key, Name: "fixture.png", ContentType: "image/png", Size: size}); err != nil {
		t.Fatal(err)
	}
	return ids
}
