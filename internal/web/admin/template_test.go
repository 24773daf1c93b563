package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"supportal/internal/mailout"
	"supportal/internal/testenv"
	"supportal/internal/web/admin"
)

// withTemplates serves the admin pages with a real template service on
// env's database.
func withTemplates(t *testing.T, env *testenv.Env) (*testenv.Env, *mailout.Outbox) {
	t.Helper()
	o, err := mailout.New(mailout.Config{Store: env.Store, Blobs: env.App.Blobs, Tokens: env.App.Tokens, Mail: env.Config.Mail,
		BaseURL: env.Config.BaseURL, DefaultLanguage: "en"})
	if err != nil {
		t.Fatal(err)
	}
	return withMail(t, env, admin.Mail{Templates: o, Kick: o.Kick}), o
}

func TestAdminEditsPreviewsAndResetsTemplate(t *testing.T) {
	env := testenv.New(t)
	e, o := withTemplates(t, env)
	ctx := context.Background()
	c := e.Session(t, "admin")
	const edit = "/admin/templates/waiting/en"

	list := c.Get("/admin/templates").Body
	mustContain(t, "the template list", list, "Ticket received", "Waiting for the customer", "Registration link",
		`href="/admin/templates/waiting/en"`, `href="/admin/templates/waiting/de"`, "Built-in")
	mustNotContain(t, "the template list", list, "Changed")

	def, err := o.Template(ctx, "waiting", "en")
	if err != nil {
		t.Fatal(err)
	}
	page := c.Get(edit)
	if page.StatusCode != http.StatusOK {
		t.Fatalf("status %d", page.StatusCode)
	}
	mustContain(t, "the template form", page.Body, "Placeholders", "{{.Ticket.Number}}", "{{.Reason}}", "why the ticket waits for the customer",
		`value="`+strings.ReplaceAll(def.Subject, `"`, "&#34;")+`"`)

	subject, body := "Still waiting on [#{{.Ticket.Number}}]", "Dear {{.Contact.Name}},\nwe need: {{.Reason}}\n"
	res := c.PostForm(edit+"/preview", url.Values{"subject": {subject}, "body": {body}})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("preview: status %d\n%s", res.StatusCode, res.Body)
	}
	mustContain(t, "the preview", res.Body, "Still waiting on [#10023]", "Dear Maria Example,", "nothing has been saved")
	if tt, _ := o.Template(ctx, "waiting", "en"); tt.Custom {
		t.Fatal("the preview saved the template")
	}

	res = c.PostForm(edit, url.Values{"subject": {subject}, "body": {body}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != edit {
		t.Fatalf("save: status %d to %q\n%s", res.StatusCode, res.Header.Get("Location"), res.Body)
	}
	mustContain(t, "the saved template", c.Get(edit).Body, "The template has been saved.", "Changed", "Reset to the built-in text")
	if tt, _ := o.Template(ctx, "waiting", "en"); !tt.Custom || tt.Subject != subject || tt.Body != body {
		t.Fatalf("stored %+v", tt)
	}
	if tt, _ := o.Template(ctx, "waiting", "de"); tt.Custom {
		t.Error("saving the English template changed the German one")
	}
	mustContain(t, "the template list", c.Get("/admin/templates").Body, "Changed")

	if res := c.PostForm(edit+"/reset", url.Values{}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("reset: status %d", res.StatusCode)
	}
	if tt, _ := o.Template(ctx, "waiting", "en"); tt.Custom || tt.Subject != def.Subject {
		t.Errorf("after the reset: %+v", tt)
	}
	mustContain(t, "the reset template", c.Get(edit).Body, "The template uses the built-in text again.", "Built-in")
}

func TestBrokenTemplateIsRefusedWithTheParsersWords(t *testing.T) {
	env := testenv.New(t)
	e, o := withTemplates(t, env)
	c := e.Session(t, "admin")
	for _, tc := range []struct {
		subject, body, field, want string
	}{
		{"Hello", "{{.Nope}}", "body", "can&#39;t evaluate field Nope"},
		{"Hello {{if .Waiting}}", "ok", "subject", "The template cannot be used: template: subject:1: unexpected EOF"},
		{"Hello", "{{.Ticket.Number", "body", "The template cannot be used:"},
		{"", "ok", "subject", "This field is required."},
	} {
		for _, path := range []string{"/admin/templates/received/en", "/admin/templates/received/en/preview"} {
			res := c.PostForm(path, url.Values{"subject": {tc.subject}, "body": {tc.body}})
			if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, tc.want) {
				t.Errorf("%s %q/%q: status %d, want 422 with %q", path, tc.subject, tc.body, res.StatusCode, tc.want)
				continue
			}
			if !strings.Contains(res.Body, `id="err-tpl-`+tc.field+`"`) {
				t.Errorf("%s %q/%q: the message is not beside the %s", path, tc.subject, tc.body, tc.field)
			}
			mustContain(t, "the refused form", res.Body, `>`+strings.ReplaceAll(tc.body, `"`, "&#34;")+`</textarea>`)
		}
	}
	if tt, _ := o.Template(context.Background(), "received", "en"); tt.Custom {
		t.Error("a broken template was saved")
	}
	c.Lang = "de"
	res := c.PostForm("/admin/templates/received/de", url.Values{"subject": {"Hallo"}, "body": {"{{.Nope}}"}})
	mustContain(t, "the German form", res.Body, "Die Vorlage ist nicht verwendbar:", "Platzhalter")
}

func TestUnknownTemplateIsNotFound(t *testing.T) {
	env := testenv.New(t)
	e, _ := withTemplates(t, env)
	c := e.Session(t, "admin")
	for _, p := range []string{"/admin/templates/nope/en", "/admin/templates/received/fr"} {
		if res := c.Get(p); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: status %d", p, res.StatusCode)
		}
		if res := c.PostForm(p, url.Values{"subject": {"x"}, "body": {"y"}}); res.StatusCode != http.StatusNotFound {
			t.Errorf("POST %s: status %d", p, res.StatusCode)
		}
	}
}

func TestTemplatePagesWithoutTemplateService(t *testing.T) {
	env := testenv.New(t)
	e := withMail(t, env, admin.Mail{})
	c := e.Session(t, "admin")
	const notice = "Mail templates are not available on this server."
	for _, p := range []string{"/admin/templates", "/admin/templates/received/en"} {
		res := c.Get(p)
		if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, notice) {
			t.Errorf("GET %s: status %d, want the notice", p, res.StatusCode)
		}
		mustNotContain(t, p, res.Body, "<form method=\"post\" action=\"/admin/templates")
	}
	for _, p := range []string{"/admin/templates/received/en", "/admin/templates/received/en/preview", "/admin/templates/received/en/reset"} {
		res := c.PostForm(p, url.Values{"subject": {"x"}, "body": {"y"}})
		if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, notice) {
			t.Errorf("POST %s: status %d, want the notice", p, res.StatusCode)
		}
	}
	if list, _ := env.Store.MailTemplates(context.Background()); len(list) != 0 {
		t.Errorf("%d templates were saved without the service", len(list))
	}
}
