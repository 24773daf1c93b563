package api_test

import (
	"net/http"
	"strings"
	"testing"

	"supportal/internal/testenv"
)

func TestContactCreatesTicket(t *testing.T) {
	env := testenv.New(t)
	c := env.Bearer(t, "a.member")
	res := c.JSONRequest(http.MethodPost, "/api/v1/tickets", map[string]any{
		"subject": "Printer on fire", "body": "Smoke everywhere.", "priority": "high", "copy_to_me": true,
	})
	want(t, res, http.StatusCreated)
	var tk apiTicket
	res.JSON(t, &tk)
	u := env.User(t, "a.member")
	if tk.Number == 0 || tk.Subject != "Printer on fire" || tk.Category != "new" || tk.Ball != "support" || tk.Priority != "high" {
		t.Errorf("ticket = %+v", tk)
	}
	if tk.RequesterID != u.ID || tk.OrgID == nil || *tk.OrgID != env.OrgA.ID || tk.Channel != "api" {
		t.Errorf("ticket = %+v", tk)
	}
	if tk.Internal != nil {
		t.Error("a contact is told whether a ticket is internal")
	}
	if tk.CustomFields == nil || !strings.HasSuffix(tk.URL, "/portal/tickets/"+itoa(tk.Number)) {
		t.Errorf("custom_fields %v, url %q", tk.CustomFields, tk.URL)
	}
	if got := res.Header.Get("Location"); got != ticketPath(tk.Number) {
		t.Errorf("Location %q", got)
	}
	if got := getTicket(t, c, tk.Number); got.Subject != "Printer on fire" {
		t.Errorf("GET after create: %+v", got)
	}
	ms := messages(t, c, tk.Number)
	if len(ms) != 1 || ms[0].Body != "Smoke everywhere." || ms[0].Kind != "portal" {
		t.Errorf("first message: %+v", ms)
	}
}

func TestAgentCreatesTicketForContactByPhone(t *testing.T) {
	env := testenv.New(t)
	contact := env.User(t, "b.member")
	res := env.Bearer(t, "agent").JSONRequest(http.MethodPost, "/api/v1/tickets", map[string]any{
		"subject": "Called about the invoice", "body": "Customer called.", "requester_id": contact.ID,
		"org_id": env.OrgB.ID, "channel": "phone", "type": "task",
	})
	want(t, res, http.StatusCreated)
	var tk apiTicket
	res.JSON(t, &tk)
	if tk.RequesterID != contact.ID || tk.OrgID == nil || *tk.OrgID != env.OrgB.ID || tk.Channel != "phone" {
		t.Errorf("ticket = %+v", tk)
	}
	if tk.Internal == nil || *tk.Internal || !strings.Contains(tk.URL, "/desk/tickets/") {
		t.Errorf("agent's view: internal %v, url %q", tk.Internal, tk.URL)
	}
	if got := getTicket(t, env.Bearer(t, "b.member"), tk.Number); got.RequesterID != contact.ID {
		t.Errorf("the contact does not see its ticket: %+v", got)
	}
}

func TestAgentChannelMustBeKnown(t *testing.T) {
	env := testenv.New(t)
	res := env.Bearer(t, "agent").JSONRequest(http.MethodPost, "/api/v1/tickets", map[string]any{"subject": "x", "channel": "pigeon"})
	wantField(t, res, "channel")
	assertNoTickets(t, env)
}

func TestContactMayNotChooseOrganizationRequesterOrChannel(t *testing.T) {
	env := testenv.New(t)
	c := env.Bearer(t, "a.member")
	for _, extra := range []map[string]any{
		{"org_id": env.OrgB.ID},
		{"org_id": env.OrgA.ID},
		{"requester_id": env.User(t, "b.member").ID},
		{"channel": "phone"},
	} {
		body := map[string]any{"subject": "Sneaky"}
		for k, v := range extra {
			body[k] = v
		}
		res := c.JSONRequest(http.MethodPost, "/api/v1/tickets", body)
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("%v: status %d, want 403: %s", extra, res.StatusCode, res.Body)
		}
	}
	assertNoTickets(t, env)
}

func TestCreateWithoutSubjectIsRefused(t *testing.T) {
	env := testenv.New(t)
	for _, subject := range []string{"", "   "} {
		res := env.Bearer(t, "a.member").JSONRequest(http.MethodPost, "/api/v1/tickets", map[string]any{"subject": subject, "body": "text"})
		e := wantField(t, res, "subject")
		if e.Fields["subject"] != "This field is required." {
			t.Errorf("message %q", e.Fields["subject"])
		}
	}
	assertNoTickets(t, env)
}

func TestErrorsComeInTheCallersLanguage(t *testing.T) {
	env := testenv.New(t)
	c := env.Bearer(t, "a.member")
	c.Lang = "de-DE,de;q=0.9"
	e := wantField(t, c.JSONRequest(http.MethodPost, "/api/v1/tickets", map[string]any{"subject": ""}), "subject")
	if e.Fields["subject"] != "Dieses Feld ist erforderlich." || e.Error != "Dieses Feld ist erforderlich." {
		t.Errorf("German error: %+v", e)
	}
	e = wantField(t, c.Get("/api/v1/tickets?limit=500"), "limit")
	if e.Fields["limit"] != "Geben Sie eine Zahl von 1 bis 100 an." {
		t.Errorf("German limit error: %+v", e)
	}
	res := c.Get("/api/v1/tickets/99999")
	want(t, res, http.StatusNotFound)
	if !strings.Contains(res.Body, "Nicht gefunden.") {
		t.Errorf("German 404: %s", res.Body)
	}
}

func TestMalformedJSONIsBadRequest(t *testing.T) {
	env := testenv.New(t)
	c := env.Bearer(t, "a.member")
	for _, body := range []string{`{"subject": "x"`, `{subject: "x"}`, ``, `{"subject": "x"} {"subject": "y"}`, `{"subject": "x"} trailing`, `["subject"]`} {
		res := c.JSONRequest(http.MethodPost, "/api/v1/tickets", body)
		if res.StatusCode != http.StatusBadRequest {
			t.Errorf("%q: status %d, want 400: %s", body, res.StatusCode, res.Body)
			continue
		}
		var e apiError
		res.JSON(t, &e)
		if e.Error == "" {
			t.Errorf("%q: no message", body)
		}
	}
	assertNoTickets(t, env)
}

func TestUnknownOrMistypedFieldIsNamed(t *testing.T) {
	env := testenv.New(t)
	c := env.Bearer(t, "a.member")
	for body, field := range map[string]string{
		`{"subject": "x", "role": "admin"}`:        "role",
		`{"subject": 42}`:                          "subject",
		`{"subject": "x", "attachments": ["one"]}`: "attachments",
		`{"subject": "x", "copy_to_me": "yes"}`:    "copy_to_me",
		`{"subject": "x", "custom_fields": [1]}`:   "custom_fields",
		`{"subject": "x", "priority": "sky-high"}`: "priority",
	} {
		wantField(t, c.JSONRequest(http.MethodPost, "/api/v1/tickets", body), field)
	}
	assertNoTickets(t, env)
}

func TestOversizedJSONBodyIsTooLarge(t *testing.T) {
	env := testenv.New(t)
	body := `{"subject": "x", "body": "` + strings.Repeat("a", 3<<20) + `"}`
	want(t, env.Bearer(t, "a.member").JSONRequest(http.MethodPost, "/api/v1/tickets", body), http.StatusRequestEntityTooLarge)
	assertNoTickets(t, env)
}

func TestHTMLInTicketIsStoredVerbatimAndEscapedInHTML(t *testing.T) {
	env := testenv.New(t)
	c := env.Bearer(t, "a.member")
	subject := `<script>alert("x")</script> & <b>bold</b>`
	body := `<img src=x onerror=alert(1)> "quoted" & more`
	res := c.JSONRequest(http.MethodPost, "/api/v1/tickets", map[string]any{"subject": subject, "body": body})
	want(t, res, http.StatusCreated)
	if strings.Contains(res.Body, "<script>") {
		t.Error("raw markup in the JSON text; it should be escaped as \\u003c")
	}
	var tk apiTicket
	res.JSON(t, &tk)
	if tk.Subject != subject {
		t.Errorf("subject %q, want %q verbatim", tk.Subject, subject)
	}
	ms := messages(t, c, tk.Number)
	if len(ms) != 1 || ms[0].Body != body {
		t.Fatalf("body not verbatim: %+v", ms)
	}
	if strings.Contains(ms[0].HTML, "<img") || !strings.Contains(ms[0].HTML, "&lt;img") {
		t.Errorf("html not escaped: %q", ms[0].HTML)
	}
}

// assertNoTickets fails the test if any ticket exists: refused input must
// change nothing.
func assertNoTickets(t *testing.T, env *testenv.Env) {
	t.Helper()
	got, _ := listNumbers(t, env.Bearer(t, "admin"), "/api/v1/tickets")
	if len(got) != 0 {
		t.Errorf("refused input left tickets %v", got)
	}
}
