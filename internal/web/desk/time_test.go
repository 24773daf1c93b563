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

// timeOf lists the stored time entries of a ticket.
func timeOf(t *testing.T, env *testenv.Env, tk *model.Ticket) []store.TimeEntry {
	t.Helper()
	list, err := env.Store.TimeEntries(context.Background(), tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// contractOf gives organization orgID a contract of units of 15 minutes
// per period from start to the day before end (zero: open-ended).
func contractOf(t *testing.T, env *testenv.Env, orgID int64, name string, period model.Period, units int64, start, end time.Time) int64 {
	t.Helper()
	id, err := env.Store.CreateContract(context.Background(), orgID, store.ContractInput{Name: name, StartsAt: start, EndsAt: end,
		Period: period, Units: units, UnitMinutes: 15})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// exec changes stored data as an admin tool would.
func exec(t *testing.T, env *testenv.Env, query string, args ...any) {
	t.Helper()
	if _, err := env.Store.DB().ExecContext(context.Background(), query, args...); err != nil {
		t.Fatal(err)
	}
}

func TestAgentLogsTimeAndBadInputIsRefused(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Printer", "It does not print.")
	c := env.Session(t, "agent")
	res := c.Get(path(tk))
	if !strings.Contains(res.Body, "No time logged yet.") || !strings.Contains(res.Body, `action="`+path(tk)+`/time"`) {
		t.Fatalf("the ticket page has no time section:\n%s", res.Body)
	}
	future := time.Now().In(env.App.Config.TimeZone).Add(48 * time.Hour).Format("2006-01-02T15:04")
	for _, tc := range []struct {
		lang, duration, workedAt, note, want string
	}{
		{"en", "", "", "", "This field is required."},
		{"en", "abc", "", "", "Enter minutes (such as 90) or hours and minutes (such as 1:30), at most 24 hours."},
		{"en", "1:75", "", "", "Enter minutes (such as 90)"},
		{"en", "0", "", "", "Enter minutes (such as 90)"},
		{"en", "24:01", "", "", "at most 24 hours"},
		{"en", "30", "yesterday", "", "Enter a date and time such as 2026-04-01T14:30."},
		{"en", "30", future, "", "The time worked cannot be in the future."},
		{"en", "30", "", strings.Repeat("x", 1001), "This is too long."},
		{"de", "eine Stunde", "", "", "Geben Sie Minuten (z. B. 90) oder Stunden und Minuten (z. B. 1:30) ein, höchstens 24 Stunden."},
		{"de", "30", future, "", "Die Arbeitszeit darf nicht in der Zukunft liegen."},
	} {
		c.Lang = tc.lang
		res := c.PostForm(path(tk)+"/time", url.Values{"duration": {tc.duration}, "worked_at": {tc.workedAt}, "note": {tc.note}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, tc.want) {
			t.Errorf("duration %q, worked at %q (%s): %d, want 422 with %q", tc.duration, tc.workedAt, tc.lang, res.StatusCode, tc.want)
		}
		if tc.duration != "" && !strings.Contains(res.Body, `value="`+tc.duration+`"`) {
			t.Errorf("the refused form lost the duration %q", tc.duration)
		}
	}
	if got := timeOf(t, env, tk); len(got) != 0 {
		t.Fatalf("refused input stored %d entries", len(got))
	}
	c.Lang = "en"
	res = follow(t, c, path(tk)+"/time", url.Values{"duration": {"1:30"}, "worked_at": {"2026-03-02T09:15"}, "note": {"Replaced the toner"}})
	if !strings.Contains(res.Body, "The time was logged.") || !strings.Contains(res.Body, "1 h 30 min") || !strings.Contains(res.Body, "Replaced the toner") {
		t.Fatalf("after logging:\n%s", res.Body)
	}
	follow(t, c, path(tk)+"/time", url.Values{"duration": {"45"}})
	got := timeOf(t, env, tk)
	want := time.Date(2026, 3, 2, 9, 15, 0, 0, env.App.Config.TimeZone)
	if len(got) != 2 || got[0].Minutes != 90 || !got[0].WorkedAt.Equal(want) || got[0].Billable || got[0].BookingID != 0 ||
		got[0].UserID != env.User(t, "agent").ID || got[1].Minutes != 45 || time.Since(got[1].WorkedAt) > time.Hour {
		t.Fatalf("stored: %+v", got)
	}
	c.Lang = "de"
	res = c.Get(path(tk))
	if !strings.Contains(res.Body, "2 Std. 15 Min., davon abrechenbar 0 Std. 0 Min.") || !strings.Contains(res.Body, "1 Std. 30 Min.") {
		t.Errorf("German totals:\n%s", res.Body)
	}
}

func TestBillableTimeBooksRoundedUnitsOnTheCoveringContract(t *testing.T) {
	env := testenv.New(t)
	loc := env.App.Config.TimeZone
	old := contractOf(t, env, env.OrgA.ID, "Basic 2019", model.PeriodYear, 100, time.Date(2019, 1, 1, 0, 0, 0, 0, loc), time.Date(2020, 1, 1, 0, 0, 0, 0, loc))
	premium := contractOf(t, env, env.OrgA.ID, "Premium", model.PeriodQuarter, 40, time.Date(2020, 1, 1, 0, 0, 0, 0, loc), time.Time{})
	later := contractOf(t, env, env.OrgA.ID, "Extra", model.PeriodMonth, 10, time.Date(2024, 1, 1, 0, 0, 0, 0, loc), time.Time{})
	other := contractOf(t, env, env.OrgB.ID, "B's contract", model.PeriodMonth, 10, time.Date(2020, 1, 1, 0, 0, 0, 0, loc), time.Time{})
	tk := env.Ticket(t, "a.member", "Server down", "Nothing works.")
	portal := env.Session(t, "a.primary")
	if res := portal.Get("/portal/contracts"); !strings.Contains(res.Body, `<dd class="contract-remaining">40 (10 h 0 min)</dd>`) {
		t.Fatalf("portal before:\n%s", res.Body)
	}
	c := env.Session(t, "agent")
	res := follow(t, c, path(tk)+"/time", url.Values{"duration": {"50"}, "billable": {"1"}, "note": {"Restarted the server"}})
	if !strings.Contains(res.Body, "The time was logged and its units booked on the organization&#39;s contract.") ||
		!strings.Contains(res.Body, "4 on Premium") {
		t.Fatalf("after a billable entry:\n%s", res.Body)
	}
	b := bookingsOf(t, env, premium)
	if len(b) != 1 || b[0].Units != 4 || b[0].TicketID != tk.ID || b[0].UserID != env.User(t, "agent").ID || b[0].Note != "0:50 – Restarted the server" {
		t.Fatalf("bookings on Premium: %+v", b)
	}
	for _, id := range []int64{old, later, other} {
		if n := len(bookingsOf(t, env, id)); n != 0 {
			t.Errorf("contract %d got %d bookings", id, n)
		}
	}
	if e := timeOf(t, env, tk); len(e) != 1 || e[0].BookingID != b[0].ID || !e[0].Billable {
		t.Fatalf("entry: %+v", e)
	}
	if res := portal.Get("/portal/contracts"); !strings.Contains(res.Body, `<dd class="contract-remaining">36 (9 h 0 min)</dd>`) {
		t.Errorf("the portal does not show 36 units left:\n%s", res.Body)
	}
	if res := env.Session(t, "a.member").Get("/portal/contracts"); res.StatusCode != http.StatusNotFound {
		t.Errorf("a member without the contracts right: %d, want 404", res.StatusCode)
	}

	// Work in 2019 books on the contract of 2019; work before any contract books nothing, and the page says so.
	follow(t, c, path(tk)+"/time", url.Values{"duration": {"15"}, "billable": {"1"}, "worked_at": {"2019-06-03T10:00"}})
	if b := bookingsOf(t, env, old); len(b) != 1 || b[0].Units != 1 || !b[0].BookedAt.Equal(time.Date(2019, 6, 3, 10, 0, 0, 0, loc)) {
		t.Errorf("bookings on the contract of 2019: %+v", b)
	}
	res = follow(t, c, path(tk)+"/time", url.Values{"duration": {"16"}, "billable": {"1"}, "worked_at": {"2018-06-01"}})
	if !strings.Contains(res.Body, "No contract of the organization covers it, so no units were booked.") ||
		!strings.Contains(res.Body, "not booked: no contract covers this time") {
		t.Errorf("an entry no contract covers:\n%s", res.Body)
	}
	if e := timeOf(t, env, tk); len(e) != 3 || e[0].Minutes != 16 || e[0].BookingID != 0 || !e[0].Billable {
		t.Errorf("entries: %+v", e)
	}
	if n := len(bookingsOf(t, env, premium)); n != 1 {
		t.Errorf("Premium has %d bookings, want 1", n)
	}

	// A ticket of no organization books nothing.
	lone := env.Ticket(t, "loner", "Question", "Hello")
	if res := follow(t, c, path(lone)+"/time", url.Values{"duration": {"30"}, "billable": {"1"}}); !strings.Contains(res.Body, "no units were booked") {
		t.Errorf("billable time on a ticket of no organization:\n%s", res.Body)
	}
}

func TestUnitsLowIsMailedOncePerPeriodToPortalAdminsAndResponsibleAgent(t *testing.T) {
	env := testenv.New(t)
	loc := env.App.Config.TimeZone
	id := contractOf(t, env, env.OrgA.ID, "Monthly care", model.PeriodMonth, 10, time.Date(2020, 1, 1, 0, 0, 0, 0, loc), time.Time{})
	exec(t, env, "UPDATE organizations SET responsible_agent_id = $1 WHERE id = $2", env.User(t, "agent2").ID, env.OrgA.ID)
	exec(t, env, "UPDATE users SET language = 'de' WHERE id = $1", env.User(t, "a.admin").ID)
	tk := env.Ticket(t, "a.member", "Updates", "Please install the updates.")
	c := env.Session(t, "agent")
	log := func(duration string) {
		t.Helper()
		follow(t, c, path(tk)+"/time", url.Values{"duration": {duration}, "billable": {"1"}})
	}
	log("1:45") // 7 units: 3 of 10 left, more than a fifth
	if m := env.Mails(t, "units_low", ""); len(m) != 0 {
		t.Fatalf("warned with 3 of 10 units left: %+v", m)
	}
	log("15") // 2 of 10 left: a fifth
	admin := env.Mails(t, "units_low", "a.admin@a.example")
	if len(admin) != 1 || !strings.Contains(admin[0].Subject, "Support-Einheiten werden knapp: Monthly care") ||
		!strings.Contains(admin[0].Text, "noch 2 von 10 Einheiten übrig") || !strings.Contains(admin[0].Text, "/portal/contracts") {
		t.Fatalf("mail to the portal admin: %+v", admin)
	}
	agent := env.Mails(t, "units_low", "agent2@staff.example")
	if len(agent) != 1 || !strings.Contains(agent[0].Subject, "Support units running low: Monthly care") ||
		!strings.Contains(agent[0].Text, "has 2 of 10 units left") || !strings.Contains(agent[0].Text, fmt.Sprintf("/desk/contracts/%d", id)) {
		t.Fatalf("mail to the responsible agent: %+v", agent)
	}
	if all := env.Mails(t, "units_low", ""); len(all) != 2 {
		t.Errorf("%d low-units mails, want 2 (portal admin and responsible agent)", len(all))
	}

	log("15") // 1 left: still low, but this period was told
	if all := env.Mails(t, "units_low", ""); len(all) != 2 {
		t.Fatalf("%d low-units mails after a second booking in the period, want 2", len(all))
	}

	// A warning recorded for an earlier period does not count for this one.
	exec(t, env, "UPDATE contracts SET low_warned_period = $1 WHERE id = $2", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), id)
	log("5")
	if all := env.Mails(t, "units_low", ""); len(all) != 4 {
		t.Fatalf("%d low-units mails after the period changed, want 4", len(all))
	}
	if m := env.Mails(t, "units_low", "a.admin@a.example"); !strings.Contains(m[0].Text, "noch 0 von 10") {
		t.Errorf("newest mail to the portal admin:\n%s", m[0].Text)
	}
}

func TestDeletingTimeEntryTakesBackItsUnits(t *testing.T) {
	env := testenv.New(t)
	id := contractOf(t, env, env.OrgA.ID, "Premium", model.PeriodQuarter, 40, time.Date(2020, 1, 1, 0, 0, 0, 0, env.App.Config.TimeZone), time.Time{})
	tk := env.Ticket(t, "a.member", "Mail", "Mail does not arrive.")
	agent, admin := env.Session(t, "agent"), env.Session(t, "admin")
	follow(t, agent, path(tk)+"/time", url.Values{"duration": {"20"}, "billable": {"1"}})
	follow(t, admin, path(tk)+"/time", url.Values{"duration": {"10"}, "billable": {"1"}, "note": {"Checked the logs"}})
	entries := timeOf(t, env, tk)
	if len(entries) != 2 || len(bookingsOf(t, env, id)) != 2 {
		t.Fatalf("entries %+v, bookings %+v", entries, bookingsOf(t, env, id))
	}
	byAgent, byAdmin := entries[0], entries[1]
	if byAgent.UserID != env.User(t, "agent").ID {
		byAgent, byAdmin = byAdmin, byAgent
	}
	del := func(e store.TimeEntry) string { return fmt.Sprintf("%s/time/%d/delete", path(tk), e.ID) }
	page := agent.Get(path(tk)).Body
	if !strings.Contains(page, `action="`+del(byAgent)+`"`) || strings.Contains(page, `action="`+del(byAdmin)+`"`) {
		t.Errorf("the agent's page should offer to delete only the agent's own entry:\n%s", page)
	}
	if res := agent.PostForm(del(byAdmin), nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("agent deletes the admin's entry: %d, want 403", res.StatusCode)
	}
	for _, key := range []string{"agent2", "a.admin", "a.primary", "b.admin"} {
		if res := env.Session(t, key).PostForm(del(byAgent), nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s deletes an entry: %d, want 404", key, res.StatusCode)
		}
	}
	other := env.Ticket(t, "a.member", "Other", "Another one.")
	if res := agent.PostForm(fmt.Sprintf("%s/time/%d/delete", path(other), byAgent.ID), nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("deleting an entry through another ticket: %d, want 404", res.StatusCode)
	}
	if len(timeOf(t, env, tk)) != 2 || len(bookingsOf(t, env, id)) != 2 {
		t.Fatal("a refused deletion removed something")
	}
	res := follow(t, agent, del(byAgent), nil)
	if !strings.Contains(res.Body, "The time entry and the units it booked were deleted.") {
		t.Errorf("after deleting:\n%s", res.Body)
	}
	if e, b := timeOf(t, env, tk), bookingsOf(t, env, id); len(e) != 1 || e[0].ID != byAdmin.ID || len(b) != 1 || b[0].ID != byAdmin.BookingID {
		t.Fatalf("after the agent's deletion: entries %+v, bookings %+v", e, b)
	}
	follow(t, admin, del(byAdmin), nil)
	if e, b := timeOf(t, env, tk), bookingsOf(t, env, id); len(e) != 0 || len(b) != 0 {
		t.Fatalf("after the admin's deletion: entries %+v, bookings %+v", e, b)
	}
}
