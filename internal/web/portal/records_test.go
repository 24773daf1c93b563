package portal_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"supportal/internal/testenv"
)

// documentPath finds the document the redirect after publishing led to.
func documentID(t *testing.T, res *testenv.Response) int64 {
	t.Helper()
	var id int64
	if _, err := fmt.Sscanf(res.Header.Get("Location"), "/desk/documents/%d", &id); err != nil {
		t.Fatalf("publishing led to %q (status %d)\n%s", res.Header.Get("Location"), res.StatusCode, res.Body)
	}
	return id
}

func pdf(name, text string) testenv.File {
	return testenv.File{Field: "attachments", Name: name, ContentType: "application/pdf", Content: []byte(text)}
}

func TestDocumentIsSignedAndCountersignedThroughThePages(t *testing.T) {
	env := testenv.New(t)
	agent, admin := env.Session(t, "agent"), env.Session(t, "a.admin")

	res := agent.PostMultipart(fmt.Sprintf("/desk/orgs/%d/documents", env.OrgA.ID),
		url.Values{"kind": {"maintenance_contract"}, "title": {"Maintenance 2027"}, "state": {"blank"}}, pdf("blank.pdf", "blank copy"))
	wantStatus(t, res, http.StatusSeeOther)
	id := documentID(t, res)
	portalPath := fmt.Sprintf("/portal/documents/%d", id)

	// Portal admins of A are told; nobody else.
	if m := env.Mails(t, "document_published", "a.admin@a.example"); len(m) != 1 || !strings.Contains(m[0].Text, portalPath) {
		t.Fatalf("a.admin got %d publish mails: %+v", len(m), m)
	}
	if all := env.Mails(t, "document_published", ""); len(all) != 1 {
		t.Errorf("%d publish mails, want 1 (a.admin)", len(all))
	}

	// Only a.admin sees it: a.member and a.primary do not have manage_org, b.admin is of B.
	for _, key := range []string{"a.member", "a.primary"} {
		wantStatus(t, env.Session(t, key).Get("/portal/documents"), http.StatusNotFound)
	}
	wantStatus(t, env.Session(t, "b.admin").Get(portalPath), http.StatusNotFound)
	list := admin.Get("/portal/documents")
	wantStatus(t, list, http.StatusOK)
	wantText(t, list.Body, "1 document awaits your signature.", "Maintenance 2027")

	// The customer signs; a second signature is refused with a message.
	wantStatus(t, admin.PostMultipart(portalPath+"/versions", nil, pdf("signed.pdf", "signed copy")), http.StatusSeeOther)
	again := admin.PostMultipart(portalPath+"/versions", nil, pdf("again.pdf", "again"))
	wantStatus(t, again, http.StatusUnprocessableEntity)
	wantText(t, again.Body, "This document cannot move to that state now.")

	// Organization A has no responsible agent: the default team is told.
	if m := env.Mails(t, "document_signed", "agent@staff.example"); len(m) != 1 || !strings.Contains(m[0].Text, fmt.Sprintf("/desk/documents/%d", id)) {
		t.Fatalf("agent got %d signed mails: %+v", len(m), m)
	}
	if m := env.Mails(t, "document_signed", "agent2@staff.example"); len(m) != 0 {
		t.Errorf("agent2 (not in the default team) was told")
	}
	overview := agent.Get("/desk/documents?state=signed_by_customer")
	wantStatus(t, overview, http.StatusOK)
	wantText(t, overview.Body, "Maintenance 2027", "awaiting countersignature")

	res = agent.PostMultipart(fmt.Sprintf("/desk/documents/%d/versions", id), url.Values{"state": {"countersigned"}}, pdf("final.pdf", "final copy"))
	wantStatus(t, res, http.StatusSeeOther)
	if m := env.Mails(t, "document_countersigned", "a.admin@a.example"); len(m) != 1 {
		t.Errorf("a.admin got %d countersigned mails", len(m))
	}

	// Every version stays, with who uploaded it, and downloads as a file.
	page := admin.Get(portalPath)
	wantStatus(t, page, http.StatusOK)
	wantText(t, page.Body, "blank.pdf", "signed.pdf", "final.pdf", "Countersigned")
	d, versions, err := env.App.Web.Documents.Document(t.Context(), env.User(t, "a.admin"), id)
	if err != nil || len(versions) != 3 || d.State != "countersigned" {
		t.Fatalf("document %+v with %d versions: %v", d, len(versions), err)
	}
	for i, want := range []string{"blank copy", "signed copy", "final copy"} {
		path := fmt.Sprintf("%s/versions/%d", portalPath, versions[i].ID)
		file := admin.Get(path)
		wantStatus(t, file, http.StatusOK)
		if file.Body != want || !strings.HasPrefix(file.Header.Get("Content-Disposition"), "attachment") {
			t.Errorf("version %d: %q, disposition %q", i, file.Body, file.Header.Get("Content-Disposition"))
		}
		wantStatus(t, env.Session(t, "b.admin").Get(path), http.StatusNotFound)
		wantStatus(t, env.Session(t, "a.member").Get(path), http.StatusNotFound)
	}
}

func TestPortalProjectListsOnlyTheTicketsTheContactMaySee(t *testing.T) {
	env := testenv.New(t)
	agent := env.Session(t, "admin")
	res := agent.PostForm(fmt.Sprintf("/desk/orgs/%d/projects", env.OrgA.ID), url.Values{"name": {"Shop relaunch"}, "status": {"active"}})
	wantStatus(t, res, http.StatusSeeOther)
	var pid int64
	if _, err := fmt.Sscanf(res.Header.Get("Location"), "/desk/projects/%d", &pid); err != nil {
		t.Fatalf("created project at %q", res.Header.Get("Location"))
	}
	wantStatus(t, agent.PostForm(fmt.Sprintf("/desk/projects/%d/milestones", pid), url.Values{"title": {"Go-live"}, "due": {"2027-03-01"}}), http.StatusSeeOther)
	own := env.Ticket(t, "a.member", "Member's checkout bug", "b")
	other := env.Ticket(t, "a.colleague", "Colleague's payment bug", "b")
	for _, n := range []int64{own.Number, other.Number} {
		wantStatus(t, agent.PostForm(fmt.Sprintf("/desk/tickets/%d/project", n), url.Values{"project": {fmt.Sprint(pid)}}), http.StatusSeeOther)
	}
	path := fmt.Sprintf("/portal/projects/%d", pid)
	member := env.Session(t, "a.member").Get(path)
	wantStatus(t, member, http.StatusOK)
	wantText(t, member.Body, "Go-live", "Member&#39;s checkout bug")
	if strings.Contains(member.Body, "payment bug") {
		t.Error("a.member sees the colleague's ticket in the project")
	}
	colleague := env.Session(t, "a.colleague").Get(path)
	wantText(t, colleague.Body, "Member&#39;s checkout bug", "Colleague&#39;s payment bug")
	wantStatus(t, env.Session(t, "b.admin").Get(path), http.StatusNotFound)

	// A project of B is refused for A's ticket.
	res = agent.PostForm(fmt.Sprintf("/desk/orgs/%d/projects", env.OrgB.ID), url.Values{"name": {"B's"}, "status": {"planned"}})
	var bp int64
	fmt.Sscanf(res.Header.Get("Location"), "/desk/projects/%d", &bp)
	refused := agent.PostForm(fmt.Sprintf("/desk/tickets/%d/project", own.Number), url.Values{"project": {fmt.Sprint(bp)}})
	wantStatus(t, refused, http.StatusUnprocessableEntity)
}
