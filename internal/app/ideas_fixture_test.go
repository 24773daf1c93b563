package app_test

import (
	"context"
	"strings"
	"testing"

	"supportal/internal/ideas"
	"supportal/internal/testenv"
)

func (f fixture) ideaID() int64 { return f.idea }

// ideaFixture submits an idea of a.member (organization A) with a file,
// and returns the ids of both.
func ideaFixture(t *testing.T, env *testenv.Env) (idea, file int64) {
	t.Helper()
	ctx := context.Background()
	member := env.User(t, "a.member")
	up, err := env.App.Tickets.Upload(ctx, member, "sketch.txt", "text/plain", strings.NewReader("idea sketch"))
	if err != nil {
		t.Fatal(err)
	}
	v, err := env.App.Ideas.Create(ctx, member, ideas.CreateParams{Title: "Fixture idea", Body: "Line one\nLine two", Attachments: []int64{up.ID}})
	if err != nil {
		t.Fatal(err)
	}
	return v.ID, up.ID
}
