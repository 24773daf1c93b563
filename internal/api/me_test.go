package api_test

import (
	"net/http"
	"testing"

	"supportal/internal/testenv"
)

type apiMe struct {
	ID     int64    `json:"id"`
	Kind   string   `json:"kind"`
	Name   string   `json:"name"`
	Email  string   `json:"email"`
	OrgID  *int64   `json:"org_id"`
	Role   string   `json:"role"`
	Rights []string `json:"rights"`
}

func TestMeDescribesContactWithSessionCookie(t *testing.T) {
	env := testenv.New(t)
	res := env.Browser(t, "a.primary").Get("/api/v1/me")
	want(t, res, http.StatusOK)
	var me apiMe
	res.JSON(t, &me)
	u := env.User(t, "a.primary")
	if me.ID != u.ID || me.Kind != "contact" || me.Email != u.Email || me.Name != u.Name || me.Role != "primary" {
		t.Errorf("me = %+v", me)
	}
	if me.OrgID == nil || *me.OrgID != env.OrgA.ID {
		t.Errorf("org_id = %v, want %d", me.OrgID, env.OrgA.ID)
	}
	wantRights := []string{"org_tickets", "all_correspondence", "comment_org", "contracts"}
	if len(me.Rights) != len(wantRights) {
		t.Fatalf("rights = %v, want %v", me.Rights, wantRights)
	}
	for i := range wantRights {
		if me.Rights[i] != wantRights[i] {
			t.Errorf("rights = %v, want %v", me.Rights, wantRights)
		}
	}
}

func TestMeDescribesAgentWithBearerToken(t *testing.T) {
	env := testenv.New(t)
	for key, role := range map[string]string{"agent": "agent", "admin": "admin"} {
		res := env.Bearer(t, key).Get("/api/v1/me")
		want(t, res, http.StatusOK)
		var raw map[string]any
		res.JSON(t, &raw)
		if raw["org_id"] != nil {
			t.Errorf("%s: org_id = %v, want null", key, raw["org_id"])
		}
		var me apiMe
		res.JSON(t, &me)
		if me.Kind != "agent" || me.Role != role || me.Rights == nil || len(me.Rights) != 0 || me.ID != env.User(t, key).ID {
			t.Errorf("%s: me = %+v", key, me)
		}
	}
}

func TestMeOfContactWithoutOrganizationHasNullOrg(t *testing.T) {
	env := testenv.New(t)
	res := env.Bearer(t, "loner").Get("/api/v1/me")
	want(t, res, http.StatusOK)
	var raw map[string]any
	res.JSON(t, &raw)
	if v, ok := raw["org_id"]; !ok || v != nil {
		t.Errorf("org_id = %v (present %v), want null", v, ok)
	}
}

func TestAPIWithoutCredentialsIsUnauthorized(t *testing.T) {
	env := testenv.New(t)
	res := env.Anonymous(t).Get("/api/v1/me")
	want(t, res, http.StatusUnauthorized)
	var e apiError
	res.JSON(t, &e)
	if e.Error == "" || res.Header.Get("WWW-Authenticate") == "" {
		t.Errorf("401 without message or WWW-Authenticate: %s", res.Body)
	}
	for _, path := range []string{"/api/v1/tickets", "/api/v1/tickets/10001", "/api/v1/tickets/10001/messages", "/api/v1/attachments/1"} {
		if res := env.Anonymous(t).Get(path); res.StatusCode != http.StatusUnauthorized {
			t.Errorf("GET %s without credentials: %d, want 401", path, res.StatusCode)
		}
	}
}

func TestBadBearerTokenIsUnauthorized(t *testing.T) {
	env := testenv.New(t)
	req, _ := http.NewRequest(http.MethodGet, env.URL("/api/v1/me"), nil)
	req.Header.Set("Authorization", "Bearer not-a-token")
	want(t, env.Anonymous(t).Do(req), http.StatusUnauthorized)
}
