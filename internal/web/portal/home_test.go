package portal_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"supportal/internal/ideas"
	"supportal/internal/kb"
	"supportal/internal/model"
	"supportal/internal/secret"
	"supportal/internal/testenv"
)

// portalLink asks the API, as the user under key, for a sign-in link for
// the contact under contact and returns the response.
func portalLink(t *testing.T, env *testenv.Env, key string, body map[string]any) *testenv.Response {
	t.Helper()
	return env.Bearer(t, key).JSONRequest("POST", "/api/v1/portal-links", body)
}

// linkToken makes a link for a.member as the agent and returns its token.
func linkToken(t *testing.T, env *testenv.Env, next string) string {
	t.Helper()
	res := portalLink(t, env, "agent", map[string]any{"contact_id": env.User(t, "a.member").ID, "next": next})
	wantStatus(t, res, http.StatusCreated)
	var out struct {
		URL       string    `json:"url"`
		ExpiresAt time.Time `json:"expires_at"`
	}
	res.JSON(t, &out)
	if time.Until(out.ExpiresAt) > 6*time.Minute || time.Until(out.ExpiresAt) <= 0 {
		t.Errorf("link expires at %v", out.ExpiresAt)
	}
	u, err := url.Parse(out.URL)
	if err != nil || u.Path != "/portal" || u.Query().Get("token") == "" {
		t.Fatalf("link %q", out.URL)
	}
	return u.Query().Get("token")
}

// openLink opens a link in a fresh browser and presses Continue; it
// returns the browser and the answer to the POST.
func openLink(t *testing.T, env *testenv.Env, token string) (*testenv.Client, *testenv.Response) {
	t.Helper()
	c := env.Anonymous(t)
	page := c.Get("/portal?token=" + url.QueryEscape(token))
	if page.StatusCode != http.StatusOK {
		return c, page
	}
	return c, c.PostForm("/portal/link", url.Values{"token": {token}})
}

func TestPortalLinkSignsInOnceAndLandsOnOpenTickets(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Printer on fire", "help")
	token := linkToken(t, env, "")
	c, res := openLink(t, env, token)
	wantStatus(t, res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); loc != "/portal" {
		t.Fatalf("redirect to %q, want /portal without the token", loc)
	}
	home := c.Get("/portal")
	wantStatus(t, home, http.StatusOK)
	wantText(t, home.Body, "Printer on fire", ticketPath(tk))

	// Used once: a second browser gets nothing.
	c2, again := openLink(t, env, token)
	wantStatus(t, again, http.StatusGone)
	if res := c2.Get("/portal/tickets"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
		t.Errorf("a reused link signed in: %d", res.StatusCode)
	}
	// Nor does a POST with the spent token.
	wantStatus(t, env.Anonymous(t).PostForm("/portal/link", url.Values{"token": {token}}), http.StatusGone)
}

func TestPortalLinkLeadsToItsTarget(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Target", "b")
	_, res := openLink(t, env, linkToken(t, env, ticketPath(tk)))
	wantStatus(t, res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); loc != ticketPath(tk) {
		t.Errorf("redirect to %q", loc)
	}
	for _, next := range []string{"https://evil.example/portal", "//evil.example", "/desk/tickets", "/portal/../desk"} {
		res := portalLink(t, env, "agent", map[string]any{"contact_id": env.User(t, "a.member").ID, "next": next})
		wantStatus(t, res, http.StatusUnprocessableEntity)
	}
}

func TestPortalLinkRefusedWhenExpiredOrAltered(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()

	expired := linkToken(t, env, "")
	if _, err := env.App.Store.DB().ExecContext(ctx, "UPDATE user_tokens SET expires_at = $1 WHERE user_id = $2",
		time.Now().Add(-time.Minute).UTC(), env.User(t, "a.member").ID); err != nil {
		t.Fatal(err)
	}
	_, res := openLink(t, env, expired)
	wantStatus(t, res, http.StatusGone)
	wantText(t, res.Body, "not valid")

	token := linkToken(t, env, "")
	for i := range []int{0, len(token) / 2, len(token) - 1} {
		pos := []int{0, len(token) / 2, len(token) - 1}[i]
		b := []byte(token)
		if b[pos] == 'a' {
			b[pos] = 'b'
		} else {
			b[pos] = 'a'
		}
		_, res := openLink(t, env, string(b))
		wantStatus(t, res, http.StatusGone)
	}
	// The untouched link still works: altered copies spent nothing.
	_, res = openLink(t, env, token)
	wantStatus(t, res, http.StatusSeeOther)

	// German browsers read why in German.
	c := env.Anonymous(t)
	c.Lang = "de"
	wantText(t, c.Get("/portal?token=x.y.z").Body, "ungültig")
}

func TestPortalLinkOfAnotherInstanceIsRefused(t *testing.T) {
	env := testenv.New(t)
	other, err := secret.New(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	link, err := env.App.Accounts.PortalLinks(other).Create(context.Background(), env.User(t, "agent"), env.User(t, "a.member"), "contact_id", "")
	if err != nil {
		t.Fatal(err)
	}
	_, res := openLink(t, env, link.Token)
	wantStatus(t, res, http.StatusGone)
}

func TestPortalLinkOnlyAgentsMakeLinksOnlyForContacts(t *testing.T) {
	env := testenv.New(t)
	member := env.User(t, "a.member")
	wantStatus(t, portalLink(t, env, "a.admin", map[string]any{"contact_id": member.ID}), http.StatusForbidden)
	wantStatus(t, portalLink(t, env, "agent", map[string]any{"contact_id": env.User(t, "agent2").ID}), http.StatusUnprocessableEntity)
	wantStatus(t, portalLink(t, env, "agent", map[string]any{"email": "nobody@nowhere.example"}), http.StatusUnprocessableEntity)
	wantStatus(t, portalLink(t, env, "agent", map[string]any{}), http.StatusUnprocessableEntity)
	wantStatus(t, portalLink(t, env, "agent", map[string]any{"email": member.Email}), http.StatusCreated)

	// A contact deactivated after the link was made is refused.
	token := linkToken(t, env, "")
	if _, err := env.App.Store.DB().ExecContext(context.Background(), "UPDATE users SET active = FALSE WHERE id = $1", member.ID); err != nil {
		t.Fatal(err)
	}
	_, res := openLink(t, env, token)
	wantStatus(t, res, http.StatusForbidden)
}

func TestHomeShowsEachSectionToWhoMaySeeIt(t *testing.T) {
	env := testenv.New(t)
	mine := env.Ticket(t, "a.member", "Member question", "b")
	env.Ticket(t, "a.primary", "Primary question", "b")
	env.Ticket(t, "b.member", "Other company secret", "b")
	waiting := env.Ticket(t, "a.member", "Needs your log", "b")
	setCategory(t, env, waiting, model.CategoryWaitingCustomer, "Please send the log file")

	member := env.Session(t, "a.member").Get("/portal")
	wantStatus(t, member, http.StatusOK)
	wantText(t, member.Body, "Waiting for you", "Please send the log file", "With support", "Member question")
	wantNoText(t, member.Body, "Primary question", "Other company secret", "Your organization&#39;s open tickets", "Support units", "Documents awaiting")
	_ = mine

	primary := env.Session(t, "a.primary").Get("/portal")
	wantText(t, primary.Body, "Your organization&#39;s open tickets", "Member question", "Primary question")
	wantNoText(t, primary.Body, "Other company secret")

	bm := env.Session(t, "b.member").Get("/portal")
	wantText(t, bm.Body, "Other company secret")
	wantNoText(t, bm.Body, "Member question", "Primary question")

	wantStatus(t, env.Session(t, "agent").Get("/portal"), http.StatusNotFound)
	if res := env.Anonymous(t).Get("/portal"); !strings.HasPrefix(res.Header.Get("Location"), "/login") {
		t.Errorf("anonymous home: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
}

func TestHomeShowsChangedVotedIdeasAndNewArticles(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	agent := env.User(t, "admin")
	idea, err := env.App.Ideas.Create(ctx, env.User(t, "a.colleague"), ideas.CreateParams{Title: "Dark mode please", Body: "b"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.App.Ideas.Vote(ctx, env.User(t, "a.member"), idea.ID); err != nil {
		t.Fatal(err)
	}
	quiet, err := env.App.Ideas.Create(ctx, env.User(t, "a.colleague"), ideas.CreateParams{Title: "Unchanged idea", Body: "b"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.App.Ideas.Vote(ctx, env.User(t, "a.member"), quiet.ID); err != nil {
		t.Fatal(err)
	}
	if err := env.App.Ideas.SetStatus(ctx, agent, idea.ID, "planned", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := kb.New(env.App.Store, nil, "en", 0).Create(ctx, agent, kb.Input{Visibility: "contacts", Language: "en",
		Title: "How to export invoices", Body: "Text", Status: "published"}); err != nil {
		t.Fatal(err)
	}
	if _, err := kb.New(env.App.Store, nil, "en", 0).Create(ctx, agent, kb.Input{Visibility: "internal", Language: "en",
		Title: "Staff only trick", Body: "Text", Status: "published"}); err != nil {
		t.Fatal(err)
	}
	home := env.Session(t, "a.member").Get("/portal")
	wantStatus(t, home, http.StatusOK)
	wantText(t, home.Body, "Ideas you voted for", "Dark mode please", "New in the knowledge base", "How to export invoices")
	wantNoText(t, home.Body, "Unchanged idea", "Staff only trick")
	// Another organization's contact did not vote for it: not news there.
	wantNoText(t, env.Session(t, "b.member").Get("/portal").Body, "Dark mode please")
}

// TestHomeShowsDocumentsToPortalAdminsAndUnitsToContactsWithTheRight:
// the documents to sign are for who manages the organization (a.admin),
// the remaining support units for who holds the contracts right
// (a.primary, a.admin), each only of the contact's own organization.
func TestHomeShowsDocumentsToPortalAdminsAndUnitsToContactsWithTheRight(t *testing.T) {
	env := testenv.New(t)
	newContract(t, env, env.OrgA.ID, "Premium Support A", model.PeriodYear, 40, 15)
	newContract(t, env, env.OrgB.ID, "Basic Support B", model.PeriodYear, 8, 30)
	for _, doc := range []struct {
		org   int64
		title string
	}{{env.OrgA.ID, "Maintenance contract A 2027"}, {env.OrgB.ID, "Maintenance contract B 2027"}} {
		res := env.Session(t, "agent").PostMultipart(fmt.Sprintf("/desk/orgs/%d/documents", doc.org),
			url.Values{"kind": {"maintenance_contract"}, "title": {doc.title}, "state": {"blank"}}, pdf("blank.pdf", "blank copy"))
		wantStatus(t, res, http.StatusSeeOther)
	}
	for _, c := range []struct {
		key         string
		units, docs bool
	}{
		{key: "a.member"},
		{key: "a.colleague"},
		{key: "a.primary", units: true},
		{key: "a.admin", units: true, docs: true},
	} {
		home := env.Session(t, c.key).Get("/portal")
		wantStatus(t, home, http.StatusOK)
		units := []string{"Support units", "Premium Support A: 40 of 40 units left", `href="/portal/contracts"`}
		docs := []string{"Documents awaiting your signature", "Maintenance contract A 2027", `href="/portal/documents"`}
		if c.units {
			wantText(t, home.Body, units...)
		} else {
			wantNoText(t, home.Body, units...)
		}
		if c.docs {
			wantText(t, home.Body, docs...)
		} else {
			wantNoText(t, home.Body, docs...)
		}
		wantNoText(t, home.Body, "Basic Support B", "Maintenance contract B 2027")
	}
	// German contacts read the blocks in German.
	c := env.Session(t, "a.admin")
	c.Lang = "de"
	wantText(t, c.Get("/portal").Body, "Supporteinheiten", "Premium Support A: 40 von 40 Einheiten übrig",
		"Dokumente, die auf Ihre Unterschrift warten", "Maintenance contract A 2027")
}
