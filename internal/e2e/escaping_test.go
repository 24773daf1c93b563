package e2e_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
	"supportal/internal/ticket"
)

// payload is markup that would run if any page put it into HTML unescaped.
const payload = `<script>alert(1)</script><img src=x onerror=alert(2)>"'`

// TestMarkupInEveryTextFieldIsShownEscapedEverywhere stores the payload in
// every text a user can write — subject, description, reply, internal
// note, waiting reason, file name, a person's name, an organization's name
// — then loads every page that shows them and checks the markup never
// reaches the page as markup, while its text is there, escaped.
func TestMarkupInEveryTextFieldIsShownEscapedEverywhere(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	st := env.App.Store

	orgID, err := st.CreateOrganization(ctx, store.NewOrganization{Name: "Org " + payload})
	if err != nil {
		t.Fatal(err)
	}
	contactID, err := st.CreateUser(ctx, store.NewUser{Kind: model.KindContact, Email: "x@evil.example", Name: "Name " + payload,
		OrgID: orgID, Role: model.RolePrimary, Rights: mustRights(model.RolePrimary), EmailVerified: true})
	if err != nil {
		t.Fatal(err)
	}
	contact, err := st.User(ctx, contactID)
	if err != nil {
		t.Fatal(err)
	}
	up, err := env.App.Tickets.Upload(ctx, contact, payload+".txt", "text/html", strings.NewReader("<script>alert(3)</script>"))
	if err != nil {
		t.Fatal(err)
	}
	tk, err := env.App.Tickets.Create(ctx, contact, ticket.CreateParams{Subject: "Subject " + payload, Body: "Body " + payload, Attachments: []int64{up.ID}})
	if err != nil {
		t.Fatal(err)
	}
	admin := env.User(t, "admin")
	waiting := "Waiting for customer"
	reason := "Reason " + payload
	if _, err := env.App.Tickets.Update(ctx, admin, tk.Number, ticket.UpdateParams{Status: &waiting, WaitingReason: &reason}); err != nil {
		t.Fatal(err)
	}
	if _, err := env.App.Tickets.Reply(ctx, admin, tk.Number, ticket.ReplyParams{Body: "Reply " + payload}); err != nil {
		t.Fatal(err)
	}
	if _, err := env.App.Tickets.Reply(ctx, admin, tk.Number, ticket.ReplyParams{Body: "Note " + payload, Internal: true}); err != nil {
		t.Fatal(err)
	}

	secret, err := env.App.Accounts.StartSession(ctx, contactID, "127.0.0.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	customer := env.Anonymous(t)
	u, _ := url.Parse(env.Server.URL)
	customer.Jar.SetCookies(u, []*http.Cookie{{Name: "supportal_session", Value: secret, Path: "/"}})
	staff := env.Session(t, "admin")

	pages := []struct {
		client *testenv.Client
		path   string
		texts  []string // prefixes that must be on the page, each followed by the escaped payload
	}{
		{customer, "/portal/tickets", []string{"Subject "}},
		{customer, fmt.Sprintf("/portal/tickets/%d", tk.Number), []string{"Subject ", "Body ", "Reason ", "Reply ", "Org "}},
		{staff, "/desk/tickets", []string{"Subject ", "Name ", "Org "}},
		{staff, fmt.Sprintf("/desk/tickets/%d", tk.Number), []string{"Subject ", "Body ", "Reason ", "Reply ", "Note ", "Name ", "Org "}},
		{staff, "/admin", []string{"Org "}},
	}
	for _, p := range pages {
		res := p.client.Get(p.path)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", p.path, res.StatusCode)
		}
		for _, raw := range []string{"<script>alert", "<img src=x", "onerror=alert(2)>"} {
			if strings.Contains(res.Body, raw) {
				t.Errorf("%s contains the raw markup %q", p.path, raw)
			}
		}
		for _, prefix := range p.texts {
			if !strings.Contains(res.Body, prefix+"&lt;script&gt;alert(1)&lt;/script&gt;") {
				t.Errorf("%s does not show %q followed by the escaped payload", p.path, prefix)
			}
		}
		if strings.Contains(p.path, "/tickets/") && !strings.Contains(res.Body, "&lt;img src=x onerror=alert(2)&gt;") {
			t.Errorf("%s does not show the file name escaped", p.path)
		}
	}

	// The API returns the text as it was written, as JSON strings, and the
	// message HTML escaped.
	api := env.Bearer(t, "admin")
	res := api.Get(fmt.Sprintf("/api/v1/tickets/%d/messages", tk.Number))
	var list struct {
		Items []struct {
			Body, HTML  string
			Attachments []struct{ Name string }
		}
	}
	res.JSON(t, &list)
	if len(list.Items) == 0 || list.Items[0].Body != "Body "+payload || strings.Contains(list.Items[0].HTML, "<script>") ||
		len(list.Items[0].Attachments) != 1 || list.Items[0].Attachments[0].Name != `script><img src=x onerror=alert(2)>"'.txt` { // a name keeps its last path element
		t.Errorf("API messages: %+v", list.Items)
	}

	// The file itself is served as a download that cannot run.
	dl := api.Get(fmt.Sprintf("/api/v1/attachments/%d", up.ID))
	if ct := dl.Header.Get("Content-Type"); ct != "application/octet-stream" {
		t.Errorf("an uploaded HTML file is served as %q", ct)
	}
	if cd := dl.Header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment") {
		t.Errorf("Content-Disposition %q", cd)
	}
	if dl.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(dl.Header.Get("Content-Security-Policy"), "sandbox") {
		t.Errorf("download headers %v", dl.Header)
	}
}

func mustRights(role string) model.Rights {
	r, _ := model.RoleRights(role)
	return r
}
