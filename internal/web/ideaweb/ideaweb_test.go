package ideaweb_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"supportal/internal/model"
	"supportal/internal/testenv"
)

// submit posts the portal form as who and returns the new idea's page.
func submit(t *testing.T, env *testenv.Env, who, title, body string) string {
	t.Helper()
	c := env.Session(t, who)
	res := c.PostMultipart("/portal/ideas", url.Values{"title": {title}, "body": {body}},
		testenv.File{Field: "attachments", Name: "mockup.txt", ContentType: "text/plain", Content: []byte("mockup")})
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/portal/ideas/") {
		t.Fatalf("submit: %d %q\n%s", res.StatusCode, res.Header.Get("Location"), res.Body)
	}
	return res.Header.Get("Location")
}

func TestContactSubmitsVotesAndOtherOrganizationSeesNothing(t *testing.T) {
	env := testenv.New(t)
	path := submit(t, env, "a.member", "Dark <mode>", "First line\nsecond line")
	member := env.Session(t, "a.member")
	page := member.Get(path)
	if page.StatusCode != http.StatusOK || !strings.Contains(page.Body, "Dark &lt;mode&gt;") || !strings.Contains(page.Body, "mockup.txt") {
		t.Fatalf("idea page: %d\n%s", page.StatusCode, page.Body)
	}
	colleague := env.Session(t, "a.colleague")
	if res := colleague.PostForm(path+"/vote", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("vote: %d", res.StatusCode)
	}
	if res := colleague.Get(path); !strings.Contains(res.Body, "Take my vote back") || !strings.Contains(res.Body, "User a.member") {
		t.Errorf("colleague's view lacks the unvote button or the author:\n%s", res.Body)
	}
	other := env.Session(t, "b.member")
	if res := other.Get(path); res.StatusCode != http.StatusNotFound {
		t.Errorf("b.member opened organization A's idea: %d", res.StatusCode)
	}
	if res := other.Get("/portal/ideas"); strings.Contains(res.Body, "Dark &lt;mode&gt;") {
		t.Error("b.member's list shows organization A's idea")
	}
	res := other.JSONRequest(http.MethodPost, "/api/v1/ideas/"+strings.TrimPrefix(path, "/portal/ideas/")+"/vote", nil)
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("b.member voted by API: %d", res.StatusCode)
	}

	admin := env.Session(t, "admin")
	if res := admin.PostForm("/admin/ideas", url.Values{"visibility": {model.IdeasAll}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("admin setting: %d %s", res.StatusCode, res.Body)
	}
	res = other.Get(path)
	if res.StatusCode != http.StatusOK || strings.Contains(res.Body, "User a.member") || !strings.Contains(res.Body, "a customer") {
		t.Errorf("with all, b.member sees %d and the author's name or no stand-in:\n%s", res.StatusCode, res.Body)
	}
	if strings.Contains(res.Body, "Votes per organization") {
		t.Error("b.member sees the votes per organization")
	}
	var one map[string]any
	other.Get("/api/v1/ideas/"+strings.TrimPrefix(path, "/portal/ideas/")).JSON(t, &one)
	if _, ok := one["org_votes"]; ok || one["author"] != "" || one["votes"] != float64(1) {
		t.Errorf("b.member's API view: %v", one)
	}
	env.Session(t, "agent").Get("/api/v1/ideas/"+strings.TrimPrefix(path, "/portal/ideas/")).JSON(t, &one)
	if ov, ok := one["org_votes"].([]any); !ok || len(ov) != 1 {
		t.Errorf("agent's API view lacks the votes per organization: %v", one)
	}
}

func TestAgentSetsStatusAndVotersAreMailed(t *testing.T) {
	env := testenv.New(t)
	path := submit(t, env, "a.member", "Calendar feed", "Please")
	id := strings.TrimPrefix(path, "/portal/ideas/")
	env.Session(t, "a.colleague").PostForm(path+"/vote", nil)
	agent := env.Session(t, "agent")
	if res := agent.PostForm("/desk/ideas/"+id+"/status", url.Values{"status": {"bogus"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("bad status: %d", res.StatusCode)
	}
	res := agent.PostForm("/desk/ideas/"+id+"/status", url.Values{"status": {"planned"}, "note": {"Coming in spring"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("status: %d %s", res.StatusCode, res.Body)
	}
	mails := env.Mails(t, "idea_status", env.User(t, "a.colleague").Email)
	if len(mails) != 1 || !strings.Contains(mails[0].Text, "Coming in spring") || !strings.Contains(mails[0].Subject, "planned") {
		t.Fatalf("voter's mails: %+v", mails)
	}
	if n := len(env.Mails(t, "idea_status", env.User(t, "agent").Email)); n != 0 {
		t.Errorf("the agent was mailed %d times", n)
	}
	if res := agent.PostForm("/desk/ideas/"+id+"/comments", url.Values{"body": {"We are on it"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("official response: %d", res.StatusCode)
	}
	page := env.Session(t, "a.member").Get(path)
	for _, want := range []string{"Official response", "We are on it", "Planned", "Coming in spring"} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("portal page lacks %q", want)
		}
	}
	tk := env.Ticket(t, "a.member", "Calendar please", "body")
	if res := agent.PostForm("/desk/ideas/"+id+"/tickets", url.Values{"number": {fmt.Sprint(tk.Number)}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("link: %d %s", res.StatusCode, res.Body)
	}
	if res := agent.Get("/desk/ideas/" + id); !strings.Contains(res.Body, fmt.Sprintf("#%d", tk.Number)) || !strings.Contains(res.Body, "Org A") {
		t.Errorf("desk page lacks the linked ticket or the organization's votes")
	}
	ideas, err := env.App.Ideas.TicketIdeas(context.Background(), env.User(t, "agent"), tk)
	if err != nil || len(ideas) != 1 {
		t.Errorf("ideas of the ticket: %v %v", ideas, err)
	}
}

func TestListSortsAndFilters(t *testing.T) {
	env := testenv.New(t)
	submit(t, env, "a.member", "Alpha", "a")
	beta := submit(t, env, "a.member", "Beta", "b")
	env.Session(t, "a.colleague").PostForm(beta+"/vote", nil)
	c := env.Session(t, "a.member")
	res := c.Get("/portal/ideas?sort=votes")
	if strings.Index(res.Body, "Beta") > strings.Index(res.Body, "Alpha") {
		t.Error("most votes first: Beta should come before Alpha")
	}
	res = c.Get("/portal/ideas?sort=newest")
	if strings.Index(res.Body, "Beta") > strings.Index(res.Body, "Alpha") {
		t.Error("newest first: Beta should come before Alpha")
	}
	if res := c.Get("/portal/ideas?status=done"); strings.Contains(res.Body, "Alpha") {
		t.Error("filter by status shows an open idea")
	}
	if res := c.Get("/portal/ideas?sort=sideways"); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("bad sort: %d", res.StatusCode)
	}
	var list struct {
		Items []map[string]any `json:"items"`
		Next  *string          `json:"next_cursor"`
	}
	c.Get("/api/v1/ideas?limit=1").JSON(t, &list)
	if len(list.Items) != 1 || list.Next == nil {
		t.Fatalf("first page: %+v", list)
	}
	c.Get("/api/v1/ideas?limit=1&cursor="+url.QueryEscape(*list.Next)).JSON(t, &list)
	if len(list.Items) != 1 || list.Items[0]["title"] != "Alpha" {
		t.Errorf("second page: %+v", list)
	}
}
