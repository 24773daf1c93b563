package desk_test

import (
	"net/http"
	"strings"
	"testing"

	"supportal/internal/testenv"
)

// TestDeskMenuLinksTheDocuments: every desk page's menu leads to the
// documents of all organizations and marks it when it is open; the
// portal's menu does not.
func TestDeskMenuLinksTheDocuments(t *testing.T) {
	env := testenv.New(t)
	const link = `<a href="/desk/documents"`
	for _, key := range []string{"agent", "admin"} {
		c := env.Session(t, key)
		list := c.Get("/desk/tickets")
		if list.StatusCode != http.StatusOK || !strings.Contains(list.Body, link+`>Documents</a>`) {
			t.Errorf("%s: the desk menu has no link to the documents (%d)", key, list.StatusCode)
		}
		docs := c.Get("/desk/documents")
		if docs.StatusCode != http.StatusOK {
			t.Fatalf("%s: the linked page answers %d", key, docs.StatusCode)
		}
		if !strings.Contains(docs.Body, link+` aria-current="page">`) || strings.Contains(docs.Body, `<a href="/desk/tickets" aria-current="page">`) {
			t.Errorf("%s: on the documents page the menu marks the wrong entry", key)
		}
		c.Lang = "de"
		if de := c.Get("/desk/tickets"); !strings.Contains(de.Body, link+`>Dokumente</a>`) {
			t.Errorf("%s: the German desk menu has no link to the documents", key)
		}
	}
	if portal := env.Session(t, "a.admin").Get("/portal"); strings.Contains(portal.Body, link) {
		t.Errorf("the portal menu links to the desk documents")
	}
}
