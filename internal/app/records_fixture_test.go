package app_test

import (
	"context"
	"fmt"
	"testing"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

// recordsFixture gives organization A a blank document (its file is the
// blob under key) and a project with a milestone, and returns their ids.
func recordsFixture(t *testing.T, env *testenv.Env, key string) (document, version, project, milestone int64) {
	t.Helper()
	ctx := context.Background()
	agent := env.User(t, "agent")
	document, err := env.Store.CreateDocument(ctx, env.World.OrgA.ID, "maintenance_contract", "Fixture contract", store.NewDocumentVersion{
		State: model.DocumentBlank, BlobKey: key, Name: "contract.pdf", Size: 1, ContentType: "application/pdf", UploadedBy: agent.ID})
	if err != nil {
		t.Fatal(err)
	}
	versions, err := env.Store.DocumentVersions(ctx, document)
	if err != nil || len(versions) != 1 {
		t.Fatalf("versions of the fixture document: %v, %v", versions, err)
	}
	project, err = env.Store.CreateProject(ctx, env.World.OrgA.ID, store.ProjectInput{Name: fmt.Sprint("Fixture ", document), Status: model.ProjectActive})
	if err != nil {
		t.Fatal(err)
	}
	milestone, err = env.Store.AddMilestone(ctx, project, "Fixture milestone", store.Now())
	if err != nil {
		t.Fatal(err)
	}
	return document, versions[0].ID, project, milestone
}
