package document_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"supportal/internal/document"
	"supportal/internal/model"
	"supportal/internal/testenv"
)

// upload stores a file as an upload of the user under key.
func upload(t *testing.T, env *testenv.Env, key, name, text string) int64 {
	t.Helper()
	a, err := env.App.Tickets.Upload(context.Background(), env.User(t, key), name, "application/pdf", strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return a.ID
}

func invalidField(t *testing.T, err error, field string) {
	t.Helper()
	var v *model.ValidationError
	if !errors.As(err, &v) || v.Fields[field] == "" {
		t.Fatalf("got %v, want a validation error on %q", err, field)
	}
}

func TestDocumentVersionChainKeepsEveryVersionWithWhoAndWhen(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	svc := document.New(env.Store, env.App.Blobs)
	agent, admin := env.User(t, "agent"), env.User(t, "a.admin")

	id, err := svc.Create(ctx, agent, env.OrgA.ID, document.CreateParams{Kind: "maintenance_contract", Title: "Wartungsvertrag 2027",
		UploadID: upload(t, env, "agent", "blank.pdf", "blank")})
	if err != nil {
		t.Fatal(err)
	}
	// A member of A, and B's admin, do not see it; a.admin does.
	for _, key := range []string{"a.member", "a.primary", "b.admin"} {
		if _, _, err := svc.Document(ctx, env.User(t, key), id); !errors.Is(err, model.ErrNotFound) {
			t.Errorf("%s: got %v, want not found", key, err)
		}
	}
	// The customer may not countersign, nor the agent sign in its place once signed.
	invalidField(t, svc.AddVersion(ctx, admin, id, model.DocumentCountersigned, upload(t, env, "a.admin", "x.pdf", "x")), "state")
	if err := svc.AddVersion(ctx, admin, id, model.DocumentSigned, upload(t, env, "a.admin", "signed.pdf", "signed")); err != nil {
		t.Fatal(err)
	}
	invalidField(t, svc.AddVersion(ctx, admin, id, model.DocumentSigned, upload(t, env, "a.admin", "again.pdf", "again")), "state")
	invalidField(t, svc.AddVersion(ctx, agent, id, model.DocumentBlank, upload(t, env, "agent", "blank2.pdf", "blank2")), "state")
	// Someone else's upload is not a file one may use.
	invalidField(t, svc.AddVersion(ctx, agent, id, model.DocumentCountersigned, upload(t, env, "a.admin", "theirs.pdf", "theirs")), "file")
	if err := svc.AddVersion(ctx, agent, id, model.DocumentCountersigned, upload(t, env, "agent", "final.pdf", "final")); err != nil {
		t.Fatal(err)
	}
	invalidField(t, svc.AddVersion(ctx, agent, id, model.DocumentCountersigned, upload(t, env, "agent", "late.pdf", "late")), "state")

	d, versions, err := svc.Document(ctx, admin, id)
	if err != nil {
		t.Fatal(err)
	}
	if d.State != model.DocumentCountersigned {
		t.Errorf("state %s, want countersigned", d.State)
	}
	want := []struct {
		state model.DocumentState
		by    int64
		name  string
	}{{model.DocumentBlank, agent.ID, "blank.pdf"}, {model.DocumentSigned, admin.ID, "signed.pdf"}, {model.DocumentCountersigned, agent.ID, "final.pdf"}}
	if len(versions) != len(want) {
		t.Fatalf("%d versions, want %d", len(versions), len(want))
	}
	for i, w := range want {
		v := versions[i]
		if v.State != w.state || v.UploadedBy != w.by || v.Name != w.name || v.UploadedAt.IsZero() || v.UploaderName == "" {
			t.Errorf("version %d: %+v, want %s by %d (%s)", i, v, w.state, w.by, w.name)
		}
		a, f, err := svc.Open(ctx, admin, id, v.ID)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(f)
		f.Close()
		if a.Name != w.name || string(body) != strings.TrimSuffix(w.name, ".pdf") {
			t.Errorf("version %d downloads %q with %q", i, a.Name, body)
		}
		for _, key := range []string{"a.member", "b.admin"} {
			if _, _, err := svc.Open(ctx, env.User(t, key), id, v.ID); !errors.Is(err, model.ErrNotFound) {
				t.Errorf("%s downloads version %d: %v", key, i, err)
			}
		}
	}
}

func TestOnlyAgentsPublishDocuments(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	svc := document.New(env.Store, env.App.Blobs)
	_, err := svc.Create(ctx, env.User(t, "a.admin"), env.OrgA.ID, document.CreateParams{Kind: "offer", Title: "Offer",
		UploadID: upload(t, env, "a.admin", "o.pdf", "o")})
	if !errors.Is(err, model.ErrForbidden) {
		t.Errorf("a.admin publishes: %v, want forbidden", err)
	}
	_, err = svc.Create(ctx, env.User(t, "b.admin"), env.OrgA.ID, document.CreateParams{Kind: "offer", Title: "Offer",
		UploadID: upload(t, env, "b.admin", "o.pdf", "o")})
	if !errors.Is(err, model.ErrNotFound) {
		t.Errorf("b.admin publishes for A: %v, want not found", err)
	}
	_, err = svc.Create(ctx, env.User(t, "agent"), env.OrgA.ID, document.CreateParams{Kind: "nonsense", Title: "", UploadID: 0})
	for _, f := range []string{"kind", "title", "file"} {
		invalidField(t, err, f)
	}
	// Signed on paper: published at once as final.
	id, err := svc.Create(ctx, env.User(t, "agent"), env.OrgA.ID, document.CreateParams{Kind: "data_processing_agreement", Title: "AVV",
		State: model.DocumentCountersigned, UploadID: upload(t, env, "agent", "avv.pdf", "avv")})
	if err != nil {
		t.Fatal(err)
	}
	invalidField(t, svc.AddVersion(ctx, env.User(t, "a.admin"), id, model.DocumentSigned, upload(t, env, "a.admin", "s.pdf", "s")), "state")
}

func TestAdminsAddKindsOfDocument(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	svc := document.New(env.Store, env.App.Blobs)
	k := model.DocumentKind{Key: "nda", LabelDE: "Geheimhaltungsvereinbarung", LabelEN: "Non-disclosure agreement"}
	if err := svc.SaveKind(ctx, env.User(t, "agent"), k); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("agent saves a kind: %v, want not found", err)
	}
	invalidField(t, svc.SaveKind(ctx, env.User(t, "admin"), model.DocumentKind{Key: "Bad Key", LabelEN: "x"}), "key")
	if err := svc.SaveKind(ctx, env.User(t, "admin"), k); err != nil {
		t.Fatal(err)
	}
	kinds, err := svc.Kinds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(kinds) != 5 || kinds[4] != k || kinds[0].Key != "maintenance_contract" {
		t.Errorf("kinds %+v", kinds)
	}
	if _, err := svc.Create(ctx, env.User(t, "agent"), env.OrgA.ID, document.CreateParams{Kind: "nda", Title: "NDA",
		UploadID: upload(t, env, "agent", "nda.pdf", "nda")}); err != nil {
		t.Errorf("publishing a document of the new kind: %v", err)
	}
}
