package desk_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

// contractsOf lists the stored contracts of an organization.
func contractsOf(t *testing.T, env *testenv.Env, orgID int64) []*model.Contract {
	t.Helper()
	list, err := env.Store.ContractsOf(context.Background(), orgID)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// bookingsOf lists the ledger of a contract.
func bookingsOf(t *testing.T, env *testenv.Env, id int64) []model.UnitBooking {
	t.Helper()
	list, err := env.Store.UnitBookings(context.Background(), store.BookingFilter{ContractID: id})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// quarterly gives organization A a quarterly contract of 40 units of 15
// minutes that started long ago.
func quarterly(t *testing.T, env *testenv.Env) int64 {
	t.Helper()
	id, err := env.Store.CreateContract(context.Background(), env.OrgA.ID, store.ContractInput{Name: "Premium",
		StartsAt: time.Date(2020, 1, 1, 0, 0, 0, 0, env.App.Config.TimeZone), Period: model.PeriodQuarter, Units: 40, UnitMinutes: 15})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestAdminCreatesContractAndBadTermsAreRefused(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "admin")
	list := fmt.Sprintf("/desk/orgs/%d/contracts", env.OrgA.ID)
	if org := c.Get(fmt.Sprintf("/desk/orgs/%d", env.OrgA.ID)); !strings.Contains(org.Body, `href="`+list+`"`) {
		t.Errorf("the organization's page does not link to its contracts:\n%s", org.Body)
	}
	res := c.Get(list)
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, `action="`+list+`"`) || !strings.Contains(res.Body, "The organization has no contract.") {
		t.Fatalf("list: %d\n%s", res.StatusCode, res.Body)
	}
	bad := url.Values{"name": {" "}, "starts": {"2026-04-01"}, "ends": {"2026-03-31"}, "period": {"fortnight"},
		"units": {"-3"}, "unit_minutes": {"0"}}
	res = c.PostForm(list, bad)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad terms: %d, want 422", res.StatusCode)
	}
	for _, msg := range []string{"This field is required.", "The last day cannot be before the first day.", "Choose one of the periods.",
		"Enter a whole number of units, 0 or more.", "Enter between 1 and 480 minutes.", `value="2026-03-31"`} {
		if !strings.Contains(res.Body, msg) {
			t.Errorf("the refused form does not show %q", msg)
		}
	}
	c.Lang = "de"
	bad.Set("starts", "1. April")
	res = c.PostForm(list, bad)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Geben Sie ein Datum wie 2026-04-01 ein.") ||
		!strings.Contains(res.Body, "Geben Sie zwischen 1 und 480 Minuten ein.") {
		t.Errorf("German refusal: %d\n%s", res.StatusCode, res.Body)
	}
	if got := contractsOf(t, env, env.OrgA.ID); len(got) != 0 {
		t.Fatalf("refused terms created %d contracts", len(got))
	}
	c.Lang = "en"
	res = follow(t, c, list, url.Values{"name": {"Premium 2026"}, "starts": {"2026-04-01"}, "ends": {"2027-03-31"}, "period": {"year"},
		"units": {"1200"}, "unit_minutes": {"15"}, "notes": {"Signed by Ms. Weber"}})
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "The contract was created.") || !strings.Contains(res.Body, "Apr 1, 2026 – Mar 31, 2027") ||
		!strings.Contains(res.Body, "1,200 units × 15 min = 300 h 0 min") || !strings.Contains(res.Body, "Signed by Ms. Weber") {
		t.Fatalf("created: %d\n%s", res.StatusCode, res.Body)
	}
	got := contractsOf(t, env, env.OrgA.ID)
	loc := env.App.Config.TimeZone
	if len(got) != 1 || got[0].Units != 1200 || got[0].Period != model.PeriodYear ||
		!got[0].StartsAt.Equal(time.Date(2026, 4, 1, 0, 0, 0, 0, loc)) || !got[0].EndsAt.Equal(time.Date(2027, 4, 1, 0, 0, 0, 0, loc)) {
		t.Fatalf("stored: %+v", got)
	}
	if len(contractsOf(t, env, env.OrgB.ID)) != 0 {
		t.Error("the contract of A shows up at B")
	}
}

func TestAgentSeesContractsButOnlyAdminsChangeTerms(t *testing.T) {
	env := testenv.New(t)
	id := quarterly(t, env)
	c := env.Session(t, "agent")
	list := fmt.Sprintf("/desk/orgs/%d/contracts", env.OrgA.ID)
	res := c.Get(list)
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "Premium") || strings.Contains(res.Body, `action="`+list+`"`) ||
		!strings.Contains(res.Body, "Only admins create contracts") {
		t.Fatalf("list as agent: %d\n%s", res.StatusCode, res.Body)
	}
	terms := url.Values{"name": {"Agent's own"}, "starts": {"2026-01-01"}, "period": {"month"}, "units": {"999"}, "unit_minutes": {"15"}}
	if res = c.PostForm(list, terms); res.StatusCode != http.StatusForbidden {
		t.Errorf("create as agent: %d, want 403", res.StatusCode)
	}
	show := fmt.Sprintf("/desk/contracts/%d", id)
	res = c.Get(show)
	if res.StatusCode != http.StatusOK || strings.Contains(res.Body, `action="`+show+`"`) || !strings.Contains(res.Body, show+"/bookings") {
		t.Fatalf("contract as agent: %d\n%s", res.StatusCode, res.Body)
	}
	if res = c.PostForm(show, terms); res.StatusCode != http.StatusForbidden {
		t.Errorf("update as agent: %d, want 403", res.StatusCode)
	}
	got := contractsOf(t, env, env.OrgA.ID)
	if len(got) != 1 || got[0].Name != "Premium" || got[0].Units != 40 {
		t.Fatalf("an agent changed contracts: %+v", got)
	}
	for _, key := range []string{"a.admin", "a.primary", "b.admin"} {
		cc := env.Session(t, key)
		for _, p := range []string{list, show} {
			if res := cc.Get(p); res.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s as %s: %d, want 404", p, key, res.StatusCode)
			}
		}
		if res := cc.PostForm(show+"/bookings", url.Values{"book_units": {"5"}}); res.StatusCode != http.StatusNotFound {
			t.Errorf("booking as %s: %d, want 404", key, res.StatusCode)
		}
	}
	if n := len(bookingsOf(t, env, id)); n != 0 {
		t.Fatalf("%d bookings by contacts", n)
	}
	a := env.Session(t, "admin")
	res = follow(t, a, show, url.Values{"name": {"Premium Plus"}, "starts": {"2020-01-01"}, "period": {"quarter"}, "units": {"60"}, "unit_minutes": {"15"}})
	if !strings.Contains(res.Body, "The terms were saved.") || !strings.Contains(res.Body, "60 (15 h 0 min)") {
		t.Fatalf("update as admin:\n%s", res.Body)
	}
	if res = a.PostForm(show, url.Values{"name": {"X"}, "starts": {"2020-01-01"}, "period": {"quarter"}, "units": {"60"}, "unit_minutes": {"481"}}); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(res.Body, "Enter between 1 and 480 minutes.") {
		t.Errorf("bad update: %d", res.StatusCode)
	}
	if got := contractsOf(t, env, env.OrgA.ID); got[0].Name != "Premium Plus" || got[0].UnitMinutes != 15 {
		t.Errorf("after a refused update: %+v", got[0])
	}
}

func TestAgentBooksUnitsAndTheBalanceFollows(t *testing.T) {
	env := testenv.New(t)
	id := quarterly(t, env)
	mine := env.Ticket(t, "a.member", "Server down", "Help")
	theirs := env.Ticket(t, "b.member", "B's problem", "Help")
	c := env.Session(t, "agent")
	show := fmt.Sprintf("/desk/contracts/%d", id)
	follow(t, c, show+"/bookings", url.Values{"book_units": {"3"}, "ticket": {fmt.Sprintf("#%d", mine.Number)}, "note": {"Phone call"}})
	follow(t, c, show+"/bookings", url.Values{"book_units": {"5"}})
	res := follow(t, c, show+"/bookings", url.Values{"book_units": {"-1"}, "note": {"Goodwill"}})
	for _, want := range []string{"The units were booked.", "7 (1 h 45 min)", "33 (8 h 15 min)", "User agent", "Goodwill",
		fmt.Sprintf(`<a href="/desk/tickets/%d">#%d</a>`, mine.Number, mine.Number)} {
		if !strings.Contains(res.Body, want) {
			t.Errorf("after booking the page does not show %q", want)
		}
	}
	for _, tc := range []struct {
		name string
		form url.Values
		msg  string
	}{
		{"ticket of another organization", url.Values{"book_units": {"2"}, "ticket": {fmt.Sprint(theirs.Number)}}, "This ticket belongs to another organization."},
		{"no such ticket", url.Values{"book_units": {"2"}, "ticket": {"99999999"}}, "There is no ticket with this number."},
		{"zero units", url.Values{"book_units": {"0"}}, "Enter a whole number of units other than 0"},
		{"not a number", url.Values{"book_units": {"two"}}, "Enter a whole number of units other than 0"},
	} {
		res := c.PostForm(show+"/bookings", tc.form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, tc.msg) {
			t.Errorf("%s: %d, want 422 with %q", tc.name, res.StatusCode, tc.msg)
		}
	}
	// agent2 works in another team and does not see the ticket: it does
	// not exist for it.
	res = env.Session(t, "agent2").PostForm(show+"/bookings", url.Values{"book_units": {"2"}, "ticket": {fmt.Sprint(mine.Number)}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "There is no ticket with this number.") ||
		strings.Contains(res.Body, fmt.Sprintf(`href="/desk/tickets/%d"`, mine.Number)) {
		t.Errorf("booking on a ticket agent2 cannot see: %d", res.StatusCode)
	}
	if got := bookingsOf(t, env, id); len(got) != 3 {
		t.Fatalf("%d bookings, want the 3 accepted ones", len(got))
	}
	p := c.Get(fmt.Sprintf("/desk/orgs/%d/contracts", env.OrgA.ID))
	if !strings.Contains(p.Body, "33 (8 h 15 min)") || !strings.Contains(p.Body, `href="`+show+`"`) {
		t.Errorf("the list does not show the balance:\n%s", p.Body)
	}
}

func TestBookingOnAnEndedContractIsRefused(t *testing.T) {
	env := testenv.New(t)
	loc := env.App.Config.TimeZone
	id, err := env.Store.CreateContract(context.Background(), env.OrgA.ID, store.ContractInput{Name: "Old", Period: model.PeriodMonth, Units: 5, UnitMinutes: 30,
		StartsAt: time.Date(2019, 1, 1, 0, 0, 0, 0, loc), EndsAt: time.Date(2020, 1, 1, 0, 0, 0, 0, loc)})
	if err != nil {
		t.Fatal(err)
	}
	res := env.Session(t, "agent").PostForm(fmt.Sprintf("/desk/contracts/%d/bookings", id), url.Values{"book_units": {"1"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "The contract is not active today") {
		t.Errorf("booking on an ended contract: %d", res.StatusCode)
	}
	if n := len(bookingsOf(t, env, id)); n != 0 {
		t.Errorf("%d bookings on an ended contract", n)
	}
}
