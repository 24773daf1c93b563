package kbweb_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"supportal/internal/testenv"
)

// createArticle writes an article through the desk form and returns its id.
func createArticle(t *testing.T, agent *testenv.Client, visibility, status, title, body string) int64 {
	t.Helper()
	res := agent.PostForm("/desk/kb/articles", url.Values{"title": {title}, "body": {body}, "language": {"en"},
		"visibility": {visibility}, "status": {status}, "section": {"0"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("create article: %d %s", res.StatusCode, res.Body)
	}
	var id int64
	loc := res.Header.Get("Location")
	if _, err := fmt.Sscanf(loc, "/desk/kb/articles/%d", &id); err != nil {
		t.Fatalf("create article: Location %q", loc)
	}
	return id
}

func TestReadersSeeArticlesByVisibility(t *testing.T) {
	env := testenv.New(t)
	agent := env.Session(t, "agent")
	public := createArticle(t, agent, "public", "published", "Printing invoices", "Choose **Print** <script>alert(1)</script>")
	contacts := createArticle(t, agent, "contacts", "published", "Licence keys", "Listed on the contract page.")
	internal := createArticle(t, agent, "internal", "published", "Escalation guide", "Staff only.")
	draft := createArticle(t, agent, "public", "draft", "Upcoming change", "Not yet.")

	anon := env.Anonymous(t)
	res := anon.Get(fmt.Sprintf("/kb/articles/%d", public))
	if res.StatusCode != 200 || !strings.Contains(res.Body, "<strong>Print</strong>") || strings.Contains(res.Body, "<script>alert") {
		t.Fatalf("public article for a visitor: %d\n%s", res.StatusCode, res.Body)
	}
	for _, id := range []int64{contacts, internal, draft} {
		if res := anon.Get(fmt.Sprintf("/kb/articles/%d", id)); res.StatusCode != 404 {
			t.Errorf("visitor reading article %d: %d, want 404", id, res.StatusCode)
		}
	}
	home := anon.Get("/kb")
	if !strings.Contains(home.Body, "Printing invoices") && home.StatusCode != 200 {
		t.Errorf("/kb for a visitor: %d", home.StatusCode)
	}
	for _, key := range []string{"a.member", "a.colleague", "a.primary", "a.admin", "b.member", "b.admin"} {
		c := env.Session(t, key)
		if res := c.Get(fmt.Sprintf("/kb/articles/%d", contacts)); res.StatusCode != 200 {
			t.Errorf("%s reading the contacts article: %d", key, res.StatusCode)
		}
		if res := c.Get(fmt.Sprintf("/kb/articles/%d", internal)); res.StatusCode != 404 {
			t.Errorf("%s reading the internal article: %d", key, res.StatusCode)
		}
		if res := c.Get("/kb/search?q=escalation"); strings.Contains(res.Body, "Escalation guide") {
			t.Errorf("%s finds the internal article", key)
		}
	}
	if res := env.Session(t, "agent2").Get(fmt.Sprintf("/kb/articles/%d", internal)); res.StatusCode != 200 {
		t.Errorf("agent reading the internal article: %d", res.StatusCode)
	}
	res = anon.Get("/kb/suggest?q=print")
	if !strings.Contains(res.Body, "Printing invoices") {
		t.Errorf("suggestions for a visitor: %s", res.Body)
	}
}

func TestAPIArticles(t *testing.T) {
	env := testenv.New(t)
	agent := env.Bearer(t, "agent")
	res := agent.JSONRequest("POST", "/api/v1/kb/articles", map[string]any{"title": "VPN setup", "body": "Install the client.",
		"visibility": "contacts", "language": "en", "status": "published"})
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("create: %d %s", res.StatusCode, res.Body)
	}
	var a struct {
		ID                                              int64
		Title, Body, HTML, Visibility, Language, Status string
	}
	res.JSON(t, &a)
	if a.Title != "VPN setup" || !strings.Contains(a.HTML, "<p>Install the client.</p>") || a.Status != "published" {
		t.Errorf("created article: %+v", a)
	}
	path := fmt.Sprintf("/api/v1/kb/articles/%d", a.ID)
	if res := agent.JSONRequest("PATCH", path, map[string]any{"visibility": "everyone"}); res.StatusCode != 422 {
		t.Errorf("bad visibility: %d %s", res.StatusCode, res.Body)
	}
	if res := agent.JSONRequest("PATCH", path, map[string]any{"title": "VPN einrichten", "body": "Installieren Sie den Client.", "language": "de", "status": "published"}); res.StatusCode != 200 {
		t.Errorf("German translation: %d %s", res.StatusCode, res.Body)
	}
	if res := env.Bearer(t, "b.member").Get(path + "?lang=de"); !strings.Contains(res.Body, "VPN einrichten") {
		t.Errorf("contact of B reading German: %d %s", res.StatusCode, res.Body)
	}
	if res := env.Anonymous(t).Get(path); res.StatusCode != 404 {
		t.Errorf("visitor reading a contacts article by API: %d", res.StatusCode)
	}
	if res := env.Bearer(t, "a.member").JSONRequest("POST", "/api/v1/kb/articles", map[string]any{"title": "x"}); res.StatusCode != 404 {
		t.Errorf("contact creating: %d", res.StatusCode)
	}
	var list struct {
		Items []struct{ ID int64 }
	}
	env.Bearer(t, "a.member").Get("/api/v1/kb/articles?q=vpn").JSON(t, &list)
	if len(list.Items) != 1 || list.Items[0].ID != a.ID {
		t.Errorf("search by API: %+v", list)
	}
}

func TestVoteAndSuggestionCounts(t *testing.T) {
	env := testenv.New(t)
	agent := env.Session(t, "agent")
	id := createArticle(t, agent, "public", "published", "Printing invoices", "Choose Print.")
	anon := env.Anonymous(t)
	path := fmt.Sprintf("/kb/articles/%d", id)
	for range 2 {
		if res := anon.PostForm(path+"/vote", url.Values{"helpful": {"yes"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("vote: %d %s", res.StatusCode, res.Body)
		}
	}
	env.Session(t, "a.member").PostForm(path+"/vote", url.Values{"helpful": {"no"}})
	anon.PostForm(path+"/opened", url.Values{"t": {"0123456789abcdef0123"}})
	member := env.Session(t, "a.member")
	member.Get(path) // reading alone counts nothing
	if res := member.PostForm(path+"/opened", url.Values{"t": {"fedcba98765432100123"}}); res.StatusCode != http.StatusNoContent {
		t.Fatalf("opened: %d %s", res.StatusCode, res.Body)
	}
	if res := member.PostForm("/portal/tickets", url.Values{"subject": {"Printing fails"}, "body": {"Still failing."}, "kb_token": {"fedcba98765432100123"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("ticket: %d %s", res.StatusCode, res.Body)
	}
	res := agent.Get(fmt.Sprintf("/desk/kb/articles/%d", id))
	if !strings.Contains(res.Body, "Helpful: 1, not helpful: 1") || !strings.Contains(res.Body, "new-ticket form: 2, of which no ticket was sent: 1") {
		t.Errorf("counts on the desk:\n%s", res.Body)
	}
	if strings.Contains(anon.Get(path).Body, "Helpful: ") {
		t.Error("visitors see the counts")
	}
}

func TestImageServedWithArticleVisibility(t *testing.T) {
	env := testenv.New(t)
	agent := env.Session(t, "agent")
	id := createArticle(t, agent, "internal", "published", "Rack layout", "See below.")
	png := []byte("\x89PNG\r\n\x1a\n0000")
	res := agent.PostMultipart(fmt.Sprintf("/desk/kb/articles/%d/files", id), nil, testenv.File{Field: "file", Name: "rack.png", ContentType: "image/png", Content: png})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %d %s", res.StatusCode, res.Body)
	}
	_, frag, _ := strings.Cut(res.Header.Get("Location"), "#file-")
	if res := agent.PostMultipart(fmt.Sprintf("/desk/kb/articles/%d/files", id), nil, testenv.File{Field: "file", Name: "x.svg", ContentType: "image/svg+xml", Content: []byte("<svg/>")}); res.StatusCode != 422 {
		t.Errorf("SVG upload: %d", res.StatusCode)
	}
	if res := agent.Get("/kb/files/" + frag); res.StatusCode != 200 || res.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("agent reading the image: %d", res.StatusCode)
	}
	if res := env.Session(t, "a.admin").Get("/kb/files/" + frag); res.StatusCode != 404 {
		t.Errorf("contact reading an internal article's image: %d", res.StatusCode)
	}
}

func TestFollowersAreToldOfPublishedChanges(t *testing.T) {
	env := testenv.New(t)
	agent := env.Session(t, "agent")
	id := createArticle(t, agent, "contacts", "published", "Licence keys", "Listed on the contract page.")
	path := fmt.Sprintf("/kb/articles/%d", id)
	member := env.Session(t, "a.member")
	if res := member.PostForm(path+"/follow", url.Values{"what": {"article"}, "follow": {"1"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("follow: %d %s", res.StatusCode, res.Body)
	}
	if !strings.Contains(member.Get(path).Body, "Stop following this article") {
		t.Error("the article does not show that it is followed")
	}
	save := func(status, notify string) {
		t.Helper()
		res := agent.PostForm(fmt.Sprintf("/desk/kb/articles/%d", id), url.Values{"title": {"Licence keys"}, "body": {"Now on the contract page and in the mail."},
			"language": {"en"}, "visibility": {"contacts"}, "status": {status}, "section": {"0"}, "notify": {notify}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: %d %s", res.StatusCode, res.Body)
		}
	}
	save("published", "")
	save("draft", "1")
	if n := len(env.Mails(t, "article_changed", env.User(t, "a.member").Email)); n != 0 {
		t.Fatalf("%d mails without notify or for a draft", n)
	}
	save("published", "1")
	mails := env.Mails(t, "article_changed", env.User(t, "a.member").Email)
	if len(mails) != 1 || !strings.Contains(mails[0].Text, path) {
		t.Fatalf("mails to the follower: %+v", mails)
	}
}

func TestNewTicketFormAndTicketPageOfferArticles(t *testing.T) {
	env := testenv.New(t)
	if res := env.Session(t, "a.member").Get("/portal/tickets/new"); !strings.Contains(res.Body, "kb_suggest.js") || !strings.Contains(res.Body, `name="kb_token"`) {
		t.Errorf("new-ticket form without suggestions: %d", res.StatusCode)
	}
	agent := env.Session(t, "agent")
	tk := env.Ticket(t, "a.member", "Printer", "It fails.")
	if res := agent.Get(fmt.Sprintf("/desk/tickets/%d", tk.Number)); !strings.Contains(res.Body, "kb_reply_links.js") {
		t.Errorf("ticket page without the article search: %d", res.StatusCode)
	}
	id := createArticle(t, agent, "public", "published", "Printing [invoices]", "Choose Print.")
	createArticle(t, agent, "internal", "published", "Printing internals", "Staff only.")
	var links struct {
		Items []struct {
			ID       int64
			Markdown string
		}
	}
	agent.Get("/desk/kb/links?q=printing").JSON(t, &links)
	if len(links.Items) != 1 || links.Items[0].ID != id || !strings.HasPrefix(links.Items[0].Markdown, "[Printing (invoices)](") {
		t.Errorf("reply links: %+v", links)
	}
}
