package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"supportal/internal/slaclock"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

func TestAdminSetsTheSupportCalendar(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "admin")
	page := c.Get("/admin/sla")
	if page.StatusCode != http.StatusOK || !strings.Contains(page.Body, `value="`+slaclock.DefaultHours+`"`) {
		t.Fatalf("GET /admin/sla: %d, without the default hours\n%s", page.StatusCode, page.Body)
	}
	good := url.Values{"hours": {"mon-fri 07:30-16:00"}, "german_holidays": {"1"}, "holidays": {"2026-12-24 Heiligabend\n2026-12-31 Silvester"}}
	if res := c.PostForm("/admin/sla/calendar", good); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", res.StatusCode, res.Body)
	}
	s, err := slaclock.ReadSettings(context.Background(), &env.Store.Queries)
	if err != nil || s.Hours != "mon-fri 07:30-16:00" || !s.GermanHolidays || !strings.Contains(s.Holidays, "2026-12-31 Silvester") {
		t.Fatalf("stored %+v %v", s, err)
	}
	if page := c.Get("/admin/sla"); !strings.Contains(page.Body, "Calendar saved") || !strings.Contains(page.Body, "2026-12-24 Heiligabend") {
		t.Errorf("the page after saving:\n%s", page.Body)
	}
	c.Lang = "de"
	for field, bad := range map[string]url.Values{
		"Tage und Zeiten":         {"hours": {"weekdays 9 to 5"}},
		"an mindestens einem Tag": {"hours": {""}},
		"einen Feiertag je Zeile": {"hours": {"mon 08:00-12:00"}, "holidays": {"24.12.2026 Heiligabend"}},
	} {
		res := c.PostForm("/admin/sla/calendar", bad)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, field) {
			t.Errorf("%v: status %d, want 422 saying %q\n%s", bad, res.StatusCode, field, res.Body)
		}
	}
	if after, _ := slaclock.ReadSettings(context.Background(), &env.Store.Queries); after != s {
		t.Errorf("refused calendars changed the settings: %+v", after)
	}
}

func TestAdminSetsServiceLevelPolicies(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	contract, err := env.Store.CreateContract(ctx, env.OrgA.ID, store.ContractInput{Name: "Gold", StartsAt: store.Now().AddDate(0, -1, 0), Period: "month", Units: 10, UnitMinutes: 15})
	if err != nil {
		t.Fatal(err)
	}
	c := env.Session(t, "admin")
	if page := c.Get("/admin/sla"); !strings.Contains(page.Body, "Org A – Gold") || !strings.Contains(page.Body, "No policy yet") {
		t.Fatalf("the form does not offer the contract:\n%s", page.Body)
	}
	for _, v := range []url.Values{
		{"contract": {"0"}, "priority": {""}, "first_response": {"8"}, "resolution": {"40"}},
		{"contract": {"0"}, "priority": {"high"}, "first_response": {"2"}, "resolution": {"16"}},
		{"contract": {"0"}, "priority": {"high"}, "first_response": {"1:30"}, "resolution": {""}}, // replaces the one before
		{"contract": {itoa(contract)}, "priority": {"high"}, "first_response": {"0:30"}, "resolution": {"4"}},
	} {
		if res := c.PostForm("/admin/sla/policies", v); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("save %v: %d\n%s", v, res.StatusCode, res.Body)
		}
	}
	list, err := env.Store.SLAPolicies(ctx)
	if err != nil || len(list) != 3 {
		t.Fatalf("policies %+v %v, want 3", list, err)
	}
	if p := list[1]; p.Priority != "high" || p.FirstResponseMinutes != 90 || p.ResolutionMinutes != 0 || p.ContractID != 0 {
		t.Errorf("the general policy for high was not replaced: %+v", p)
	}
	page := c.Get("/admin/sla")
	for _, want := range []string{"1:30 h", "40:00 h", "Org A – Gold", "0:30 h"} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("the table lacks %q", want)
		}
	}
	c.Lang = "de"
	for msg, bad := range map[string]url.Values{
		"etwa 8 oder 4:30":                        {"contract": {"0"}, "first_response": {"acht"}},
		"mindestens ein Ziel":                     {"contract": {"0"}, "first_response": {""}, "resolution": {""}},
		"Wählen Sie einen der aufgeführten Werte": {"contract": {"0"}, "priority": {"urgent-ish"}, "first_response": {"1"}},
	} {
		res := c.PostForm("/admin/sla/policies", bad)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, msg) {
			t.Errorf("%v: %d, want 422 saying %q\n%s", bad, res.StatusCode, msg, res.Body)
		}
	}
	if res := c.PostForm("/admin/sla/policies", url.Values{"contract": {"999999"}, "first_response": {"1"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a contract that does not exist: %d", res.StatusCode)
	}
	if after, _ := env.Store.SLAPolicies(ctx); len(after) != 3 {
		t.Errorf("refused policies were stored: %+v", after)
	}
	if res := c.PostForm("/admin/sla/policies/"+itoa(list[0].ID)+"/delete", nil); res.StatusCode != http.StatusSeeOther {
		t.Errorf("delete: %d", res.StatusCode)
	}
	if after, _ := env.Store.SLAPolicies(ctx); len(after) != 2 {
		t.Errorf("after deleting one: %+v", after)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
