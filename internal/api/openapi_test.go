package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"supportal/internal/testenv"
)

func TestOpenAPIDocumentDescribesEveryRoute(t *testing.T) {
	env := testenv.New(t)
	res := env.Anonymous(t).Get("/api/v1/openapi.json")
	want(t, res, http.StatusOK)
	if !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		t.Errorf("Content-Type %q", res.Header.Get("Content-Type"))
	}
	var doc struct {
		OpenAPI    string                                `json:"openapi"`
		Paths      map[string]map[string]json.RawMessage `json:"paths"`
		Components struct {
			Schemas         map[string]json.RawMessage `json:"schemas"`
			SecuritySchemes map[string]json.RawMessage `json:"securitySchemes"`
		} `json:"components"`
	}
	if err := json.Unmarshal([]byte(res.Body), &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	routes := 0
	for _, r := range env.App.Web.Router().Routes() {
		if !strings.HasPrefix(r.Path, "/api/v1/") {
			continue
		}
		routes++
		if _, ok := doc.Paths[r.Path][strings.ToLower(r.Method)]; !ok {
			t.Errorf("%s %s is not in the OpenAPI document", r.Method, r.Path)
		}
	}
	if routes < 10 {
		t.Errorf("only %d API routes registered", routes)
	}
	for path, ops := range doc.Paths {
		for method := range ops {
			if method == "parameters" {
				continue
			}
			if !registered(env, strings.ToUpper(method), path) {
				t.Errorf("the document lists %s %s, which is not registered", method, path)
			}
		}
	}
	for _, name := range []string{"Me", "Ticket", "TicketList", "Message", "MessageList", "Attachment", "Error"} {
		if doc.Components.Schemas[name] == nil {
			t.Errorf("no schema %s", name)
		}
	}
	for _, name := range []string{"bearer", "cookie"} {
		if doc.Components.SecuritySchemes[name] == nil {
			t.Errorf("no security scheme %s", name)
		}
	}
	checkRefs(t, res.Body)
}

func registered(env *testenv.Env, method, path string) bool {
	for _, r := range env.App.Web.Router().Routes() {
		if r.Method == method && r.Path == path {
			return true
		}
	}
	return false
}

// checkRefs fails the test for a $ref that points at nothing.
func checkRefs(t *testing.T, doc string) {
	t.Helper()
	var root any
	if err := json.Unmarshal([]byte(doc), &root); err != nil {
		t.Fatal(err)
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok && resolve(root, ref) == nil {
				t.Errorf("$ref %q points at nothing", ref)
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(root)
}

// resolve follows a local JSON pointer such as #/components/schemas/Me.
func resolve(root any, ref string) any {
	path, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil
	}
	v := root
	for _, key := range strings.Split(path, "/") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[strings.ReplaceAll(strings.ReplaceAll(key, "~1", "/"), "~0", "~")]
	}
	return v
}
