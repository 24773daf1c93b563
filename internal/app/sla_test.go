package app_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

// A ticket's service-level clocks over its life, through the pages its
// customer and its agents use: the targets run from its creation, stand
// still while the customer has the ball, stop for the first response when
// support answers, show as overdue, warn the team once, and end with the
// resolution. Every hour is a working hour here, so each due time is the
// creation plus the target plus the pauses; the calendar's arithmetic
// over weekends and holidays is internal/sla's test.
func TestServiceLevelClocksFollowTheTicket(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	admin := env.Session(t, "admin")
	mustStatus(t, admin.PostForm("/admin/sla/calendar", url.Values{"hours": {"mon-sun 00:00-24:00"}}), http.StatusSeeOther)
	policy := url.Values{"contract": {"0"}, "priority": {""}, "first_response": {"2"}, "resolution": {"8"}}
	mustStatus(t, admin.PostForm("/admin/sla/policies", policy), http.StatusSeeOther)

	member := env.Session(t, "a.member")
	res := mustStatus(t, member.PostForm("/portal/tickets", url.Values{"subject": {"Invoices do not export"}, "body": {"Since the update."}}), http.StatusSeeOther)
	number, err := strconv.ParseInt(res.Header.Get("Location")[len("/portal/tickets/"):], 10, 64)
	if err != nil {
		t.Fatalf("created at %q", res.Header.Get("Location"))
	}
	tk := ticketNow(t, env, number)
	if !tk.SLA.FirstResponseDue.Equal(tk.CreatedAt.Add(2*time.Hour)) || !tk.SLA.ResolutionDue.Equal(tk.CreatedAt.Add(8*time.Hour)) {
		t.Fatalf("new ticket: %+v, created %v", tk.SLA, tk.CreatedAt)
	}
	agent := env.Session(t, "agent")
	desk := "/desk/tickets/" + strconv.FormatInt(number, 10)
	if list := agent.Get("/desk/tickets?sort=due"); !strings.Contains(list.Body, `href="`+desk+`"`) {
		t.Errorf("the due list lacks the ticket:\n%s", list.Body)
	}

	// Waiting for the customer: the clocks stand still.
	mustStatus(t, agent.PostForm(desk, url.Values{"status": {"Waiting for customer"}, "waiting_reason": {"Which version do you run?"}}), http.StatusSeeOther)
	if tk := ticketNow(t, env, number); tk.SLA.NextDue() != (time.Time{}) {
		t.Errorf("waiting for the customer, yet due: %+v", tk.SLA)
	}
	if list := agent.Get("/desk/tickets?sort=due"); strings.Contains(list.Body, `href="`+desk+`"`) {
		t.Error("the due list shows a ticket whose clocks stand still")
	}
	time.Sleep(10 * time.Millisecond) // a pause that lasts
	// The customer answers: the ticket is support's again, later by the pause.
	mustStatus(t, member.PostForm("/portal/tickets/"+strconv.FormatInt(number, 10)+"/messages", url.Values{"body": {"Version 6.0."}}), http.StatusSeeOther)
	facts, err := env.Store.SLAFacts(ctx, tk.ID)
	if err != nil || len(facts.Pauses) != 1 || facts.Pauses[0].ResumedAt.IsZero() {
		t.Fatalf("pauses %+v %v", facts, err)
	}
	paused := facts.Pauses[0].ResumedAt.Sub(facts.Pauses[0].PausedAt)
	tk = ticketNow(t, env, number)
	if paused <= 0 || !tk.SLA.FirstResponseDue.Equal(tk.CreatedAt.Add(2*time.Hour+paused)) || !tk.SLA.ResolutionDue.Equal(tk.CreatedAt.Add(8*time.Hour+paused)) {
		t.Errorf("after a pause of %v: %+v, created %v", paused, tk.SLA, tk.CreatedAt)
	}

	// Support's public answer meets the first-response target; a note
	// would not have.
	mustStatus(t, agent.PostForm(desk+"/messages", url.Values{"body": {"Looking into it."}, "visibility": {"internal"}}), http.StatusSeeOther)
	if tk := ticketNow(t, env, number); !tk.SLA.FirstResponseAt.IsZero() {
		t.Error("an internal note counted as the first response")
	}
	mustStatus(t, agent.PostForm(desk+"/messages", url.Values{"body": {"We found the cause."}, "visibility": {"public"}}), http.StatusSeeOther)
	tk = ticketNow(t, env, number)
	if tk.SLA.FirstResponseAt.IsZero() || !tk.SLA.FirstResponseDue.IsZero() || !tk.SLA.ResolutionDue.Equal(tk.CreatedAt.Add(8*time.Hour+paused)) {
		t.Errorf("after the answer: %+v", tk.SLA)
	}
	if page := agent.Get(desk); !strings.Contains(page.Body, "Resolution due") || !strings.Contains(page.Body, "First response") {
		t.Errorf("the ticket page does not show the clocks:\n%s", page.Body)
	}

	// Opened ten hours ago, the resolution is overdue; the lists say so
	// once the policy is saved again, which recomputes every open ticket.
	if _, err := env.Store.DB().ExecContext(ctx, "UPDATE tickets SET created_at = $1 WHERE id = $2", tk.CreatedAt.Add(-10*time.Hour), tk.ID); err != nil {
		t.Fatal(err)
	}
	mustStatus(t, admin.PostForm("/admin/sla/policies", policy), http.StatusSeeOther)
	if list := agent.Get("/desk/tickets?sort=due"); !strings.Contains(list.Body, "overdue") {
		t.Errorf("the list does not mark the overdue ticket:\n%s", list.Body)
	}
	if n, err := env.App.Warner.Warn(ctx, store.Now()); err != nil || n != 1 {
		t.Fatalf("warned of %d tickets, %v; want 1", n, err)
	}
	for _, key := range []string{"agent", "admin"} { // the 1st level, as nobody is assigned
		mails := env.Mails(t, "sla_warning", env.User(t, key).Email)
		if len(mails) != 1 || !strings.Contains(mails[0].Subject, "Overdue: Invoices do not export") || !strings.Contains(mails[0].Text, desk) {
			t.Errorf("%s: warnings %+v", key, mails)
		}
	}
	if n, _ := env.App.Warner.Warn(ctx, store.Now()); n != 0 {
		t.Errorf("warned again: %d", n)
	}

	// Resolved: no clock runs.
	mustStatus(t, agent.PostForm(desk, url.Values{"status": {"Resolved"}}), http.StatusSeeOther)
	if tk := ticketNow(t, env, number); tk.SLA.NextDue() != (time.Time{}) {
		t.Errorf("resolved, yet due: %+v", tk.SLA)
	}
}

// A contract's policy comes before the general one for its organization's
// tickets only.
func TestContractPolicyAppliesToItsOrganization(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	c, err := env.Store.CreateContract(ctx, env.OrgA.ID, store.ContractInput{Name: "Gold", StartsAt: store.Now().AddDate(0, -1, 0),
		Period: model.PeriodMonth, Units: 10, UnitMinutes: 15})
	if err != nil {
		t.Fatal(err)
	}
	admin := env.Session(t, "admin")
	mustStatus(t, admin.PostForm("/admin/sla/calendar", url.Values{"hours": {"mon-sun 00:00-24:00"}}), http.StatusSeeOther)
	mustStatus(t, admin.PostForm("/admin/sla/policies", url.Values{"contract": {"0"}, "first_response": {"8"}}), http.StatusSeeOther)
	mustStatus(t, admin.PostForm("/admin/sla/policies", url.Values{"contract": {strconv.FormatInt(c, 10)}, "first_response": {"1"}}), http.StatusSeeOther)
	a := env.Ticket(t, "a.member", "Gold customer", "Help")
	b := env.Ticket(t, "b.member", "Other customer", "Help")
	if a.SLA.FirstResponseDue.Sub(a.CreatedAt) != time.Hour || b.SLA.FirstResponseDue.Sub(b.CreatedAt) != 8*time.Hour {
		t.Errorf("first response due after %v (contract) and %v (general)", a.SLA.FirstResponseDue.Sub(a.CreatedAt), b.SLA.FirstResponseDue.Sub(b.CreatedAt))
	}
}

func ticketNow(t *testing.T, env *testenv.Env, number int64) *model.Ticket {
	t.Helper()
	tk, err := env.Store.Ticket(context.Background(), number)
	if err != nil {
		t.Fatal(err)
	}
	return tk
}

func mustStatus(t *testing.T, res *testenv.Response, code int) *testenv.Response {
	t.Helper()
	if res.StatusCode != code {
		t.Fatalf("status %d, want %d\n%s", res.StatusCode, code, res.Body)
	}
	return res
}
