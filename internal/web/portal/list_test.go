package portal_test

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"testing"

	"supportal/internal/testenv"
)

// listWorld opens the tickets the visibility tests look at.
type listWorld struct {
	own, shared, colleagues, orgB string // subjects
	sharedPath, orgBPath          string
}

func newListWorld(t *testing.T, env *testenv.Env) listWorld {
	t.Helper()
	w := listWorld{own: "Printer on fire", shared: "Shared invoice question", colleagues: "Colleague's private matter", orgB: "B company secret"}
	env.Ticket(t, "a.member", w.own, "It smokes.")
	shared := env.Ticket(t, "a.colleague", w.shared, "Who pays?")
	addParticipant(t, env, shared, "a.member")
	env.Ticket(t, "a.colleague", w.colleagues, "Nobody else needs to know.")
	b := env.Ticket(t, "b.member", w.orgB, "Only for B.")
	w.sharedPath, w.orgBPath = ticketPath(shared), ticketPath(b)
	return w
}

func TestMemberSeesOwnAndParticipatedTicketsButNotColleagues(t *testing.T) {
	env := testenv.New(t)
	w := newListWorld(t, env)
	res := env.Browser(t, "a.member").Get("/portal/tickets")
	wantStatus(t, res, http.StatusOK)
	wantText(t, res.Body, w.own, w.shared)
	wantNoText(t, res.Body, w.colleagues, w.orgB)
}

func TestMemberCannotSeeColleagueTicket(t *testing.T) {
	env := testenv.New(t)
	hidden := env.Ticket(t, "a.colleague", "Colleague's private matter", "Nobody else needs to know.")
	c := env.Browser(t, "a.member")
	res := c.Get(ticketPath(hidden))
	wantStatus(t, res, http.StatusNotFound)
	wantNoText(t, res.Body, "Colleague&#39;s private matter", "Nobody else needs to know.")
}

func TestColleagueSeesTheOrganizationsTickets(t *testing.T) {
	env := testenv.New(t)
	w := newListWorld(t, env)
	res := env.Browser(t, "a.colleague").Get("/portal/tickets")
	wantStatus(t, res, http.StatusOK)
	wantText(t, res.Body, w.own, w.shared, "Colleague&#39;s private matter", "User a.member")
	wantNoText(t, res.Body, w.orgB)

	mine := env.Browser(t, "a.colleague").Get("/portal/tickets?scope=mine")
	wantText(t, mine.Body, w.shared, "Colleague&#39;s private matter")
	wantNoText(t, mine.Body, w.own, w.orgB)
}

func TestNobodyOutsideOrganizationBSeesItsTickets(t *testing.T) {
	env := testenv.New(t)
	w := newListWorld(t, env)
	for _, key := range []string{"a.member", "a.colleague", "a.primary", "a.admin", "loner"} {
		c := env.Browser(t, key)
		list := c.Get("/portal/tickets?status=all")
		wantStatus(t, list, http.StatusOK)
		wantNoText(t, list.Body, w.orgB)
		res := c.Get(w.orgBPath)
		missing := c.Get("/portal/tickets/987654")
		wantStatus(t, res, http.StatusNotFound)
		wantStatus(t, missing, http.StatusNotFound)
		if res.Body != missing.Body {
			t.Errorf("%s: the B ticket answers differently from a missing one", key)
		}
		wantNoText(t, res.Body, w.orgB, "Only for B.")
	}
}

func TestNonNumericTicketNumberIsNotFound(t *testing.T) {
	env := testenv.New(t)
	c := env.Browser(t, "a.member")
	for _, path := range []string{"/portal/tickets/abc", "/portal/tickets/-1", "/portal/tickets/0", "/portal/tickets/99999999999999999999"} {
		wantStatus(t, c.Get(path), http.StatusNotFound)
	}
}

func TestAgentsGetNotFoundAndVisitorsSignIn(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Agents use the desk", "")
	agent := env.Browser(t, "agent")
	for _, path := range []string{"/portal/tickets", "/portal/tickets/new", ticketPath(tk)} {
		wantStatus(t, agent.Get(path), http.StatusNotFound)
		res := env.Anonymous(t).Get(path)
		wantStatus(t, res, http.StatusSeeOther)
		if loc := res.Header.Get("Location"); loc != "/login?next="+url.QueryEscape(path) {
			t.Errorf("%s: anonymous visitor sent to %q", path, loc)
		}
	}
}

func TestPortalHomeLinksToTheTicketList(t *testing.T) {
	env := testenv.New(t)
	res := env.Browser(t, "a.member").Get("/portal")
	wantStatus(t, res, http.StatusOK)
	wantText(t, res.Body, `href="/portal/tickets"`)
}

func TestNextLinkVisitsEveryTicketOnce(t *testing.T) {
	env := testenv.New(t)
	const total = 32
	want := map[string]bool{}
	for i := range total {
		tk := env.Ticket(t, "a.member", "Paged ticket "+strconv.Itoa(i), "")
		want[strconv.FormatInt(tk.Number, 10)] = true
	}
	c := env.Browser(t, "a.member")
	seen := map[string]bool{}
	pages := 0
	// The filters travel with the page links.
	for path := "/portal/tickets?status=all&q=Paged"; path != ""; pages++ {
		if pages > total {
			t.Fatal("the Next links do not end")
		}
		res := c.Get(path)
		wantStatus(t, res, http.StatusOK)
		if pages > 0 {
			wantText(t, res.Body, `href="/portal/tickets?q=Paged&amp;status=all">First page</a>`)
		}
		for _, n := range listedNumbers(res.Body) {
			if seen[n] {
				t.Fatalf("ticket %s is listed twice", n)
			}
			seen[n] = true
		}
		path = nextURL(res.Body)
	}
	if pages < 2 {
		t.Fatalf("%d tickets fit on %d page; the test needs more than a page", total, pages)
	}
	for n := range want {
		if !seen[n] {
			t.Errorf("ticket %s was never listed", n)
		}
	}
}

func TestBadCursorShowsFirstPageWithNotice(t *testing.T) {
	env := testenv.New(t)
	env.Ticket(t, "a.member", "Still listed", "")
	res := env.Browser(t, "a.member").Get("/portal/tickets?cursor=not-a-cursor")
	wantStatus(t, res, http.StatusOK)
	wantText(t, res.Body, "This page link is not valid any more", "Still listed")
}

func TestListFiltersByStatusGroupAndText(t *testing.T) {
	env := testenv.New(t)
	open := env.Ticket(t, "a.member", "Network is slow", "")
	closed := env.Ticket(t, "a.member", "Old closed question", "")
	setCategory(t, env, closed, "closed", "")
	c := env.Browser(t, "a.member")

	def := c.Get("/portal/tickets")
	wantText(t, def.Body, "Network is slow")
	wantNoText(t, def.Body, "Old closed question")

	all := c.Get("/portal/tickets?status=all")
	wantText(t, all.Body, "Network is slow", "Old closed question")

	onlyClosed := c.Get("/portal/tickets?status=closed")
	wantText(t, onlyClosed.Body, "Old closed question", `<span class="ball ball-none">Closed</span>`)
	wantNoText(t, onlyClosed.Body, "Network is slow")

	byText := c.Get("/portal/tickets?status=all&q=network")
	wantText(t, byText.Body, "Network is slow")
	wantNoText(t, byText.Body, "Old closed question")

	byNumber := c.Get("/portal/tickets?status=all&q=" + strconv.FormatInt(open.Number, 10))
	if got := listedNumbers(byNumber.Body); !slices.Equal(got, []string{strconv.FormatInt(open.Number, 10)}) {
		t.Errorf("search by number lists %v", got)
	}

	none := c.Get("/portal/tickets?q=nothing-like-this")
	wantStatus(t, none, http.StatusOK)
	wantText(t, none.Body, "No ticket matches these filters.")

	bogus := c.Get("/portal/tickets?status=%3Cbogus%3E&scope=everyone")
	wantStatus(t, bogus, http.StatusOK)
	wantText(t, bogus.Body, "Network is slow")
}

func TestEmptyListInvitesToOpenATicket(t *testing.T) {
	env := testenv.New(t)
	res := env.Browser(t, "loner").Get("/portal/tickets")
	wantStatus(t, res, http.StatusOK)
	wantText(t, res.Body, "You have no open tickets.", `href="/portal/tickets/new"`)
}

func TestListInGerman(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Drucker brennt", "")
	setCategory(t, env, tk, "waiting_customer", "Bitte senden Sie ein Foto.")
	c := env.Browser(t, "a.member")
	c.Lang = "de"
	res := c.Get("/portal/tickets")
	wantStatus(t, res, http.StatusOK)
	wantText(t, res.Body, `<html lang="de">`, "Ihre Tickets", "Neues Ticket", "Betreff", "Wartet auf Sie", "Nicht geschlossen", "Drucker brennt")
	wantNoText(t, res.Body, "Your tickets", "Waiting for you", "portal.", "Subject")
}
