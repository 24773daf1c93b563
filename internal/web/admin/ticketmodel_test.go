package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"supportal/internal/testenv"
	"supportal/internal/ticket"
)

// statusID finds a status by name.
func statusID(t *testing.T, env *testenv.Env, name string) int64 {
	t.Helper()
	statuses, err := env.Store.Statuses(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range statuses {
		if s.Name == name {
			return s.ID
		}
	}
	t.Fatalf("no status %q", name)
	return 0
}

func TestAdminAddsRelabelsAndDeletesStatuses(t *testing.T) {
	env := testenv.New(t)
	c := env.Browser(t, "admin")
	if res := c.Get("/admin"); !strings.Contains(res.Body, `href="/admin/statuses"`) || !strings.Contains(res.Body, `href="/admin/custom-fields"`) {
		t.Error("the overview does not link the ticket model pages")
	}
	res := c.PostForm("/admin/statuses", url.Values{"name": {"Waiting for parts"}, "category": {"on_hold"}, "label_de": {"Warten auf Teile"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: %d\n%s", res.StatusCode, res.Body)
	}
	if res := c.PostForm("/admin/statuses", url.Values{"name": {"Waiting for parts"}, "category": {"open"}}); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(res.Body, "A status with this name exists already.") {
		t.Errorf("a taken name: %d", res.StatusCode)
	}
	parts := statusID(t, env, "Waiting for parts")

	// A built-in status keeps its name but shows its label.
	open := statusID(t, env, "Open")
	if res := c.PostForm("/admin/statuses/"+itoa(open), url.Values{"name": {"Offen!"}, "category": {"open"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("renaming a built-in status: %d", res.StatusCode)
	}
	if res := c.PostForm("/admin/statuses/"+itoa(open), url.Values{"category": {"open"}, "label_en": {"In progress"}, "label_de": {"In Arbeit"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("relabel: %d\n%s", res.StatusCode, res.Body)
	}
	tk := env.Ticket(t, "a.member", "Labels", "x")
	if _, err := env.App.Tickets.Update(context.Background(), env.User(t, "admin"), tk.Number, ticketStatus("Waiting for parts")); err != nil {
		t.Fatal(err)
	}
	desk := c.Get("/desk/tickets")
	if !strings.Contains(desk.Body, "Waiting for parts") {
		t.Errorf("the desk list does not show the new status")
	}
	c.Lang = "de"
	if page := c.Get("/admin/statuses"); !strings.Contains(page.Body, "In Arbeit") || !strings.Contains(page.Body, "Warten auf Teile") {
		t.Errorf("the German page does not show the labels")
	}
	c.Lang = "en"

	// The only status of a category stays; one in use needs a target.
	if res := c.PostForm("/admin/statuses/"+itoa(statusID(t, env, "New"))+"/delete", nil); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(res.Body, "only status of its category") {
		t.Errorf("deleting the last of a category: %d", res.StatusCode)
	}
	if res := c.PostForm("/admin/statuses/"+itoa(parts)+"/delete", nil); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(res.Body, "1 ticket is in this status") {
		t.Errorf("deleting a status in use: %d\n%s", res.StatusCode, res.Body)
	}
	hold2 := statusID(t, env, "On hold")
	if res := c.PostForm("/admin/statuses/"+itoa(parts)+"/delete", url.Values{"move_to": {itoa(hold2)}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete with move: %d\n%s", res.StatusCode, res.Body)
	}
	if got, _ := env.Store.Ticket(context.Background(), tk.Number); got.Status.Name != "On hold" {
		t.Errorf("the ticket is in %q, want On hold", got.Status.Name)
	}
}

func TestAdminDefinesCustomFieldsAndValues(t *testing.T) {
	env := testenv.New(t)
	c := env.Browser(t, "admin")
	res := c.PostForm("/admin/custom-fields", url.Values{"key": {"serial_no"}, "kind": {"text"}, "label_en": {"Serial number"},
		"label_de": {"Seriennummer"}, "contact_editable": {"1"}, "required_create": {"1"}, "active": {"1"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add field: %d\n%s", res.StatusCode, res.Body)
	}
	for _, bad := range []url.Values{
		{"key": {"serial_no"}, "kind": {"text"}, "label_en": {"Again"}},
		{"key": {"Serial No"}, "kind": {"text"}, "label_en": {"Bad key"}},
		{"key": {"choice"}, "kind": {"select"}, "label_en": {"No options"}},
	} {
		if res := c.PostForm("/admin/custom-fields", bad); res.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%v: %d, want 422", bad, res.StatusCode)
		}
	}
	fields, err := env.Store.CustomFields(context.Background())
	if err != nil || len(fields) != 1 {
		t.Fatalf("fields %+v %v", fields, err)
	}
	f := fields[0]
	if !f.ContactVisible || !f.ContactEditable || !f.RequiredCreate || f.Labels["de"] != "Seriennummer" {
		t.Errorf("stored %+v", f)
	}
	// The key stays; the field can be retired.
	res = c.PostForm("/admin/custom-fields/"+itoa(f.ID), url.Values{"key": {"other"}, "label_en": {"Serial"}, "contact_visible": {"1"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("update: %d\n%s", res.StatusCode, res.Body)
	}
	fields, _ = env.Store.CustomFields(context.Background())
	if fields[0].Key != "serial_no" || fields[0].Active || fields[0].ContactEditable {
		t.Errorf("after update %+v", fields[0])
	}
	if page := c.Get("/portal/tickets/new"); strings.Contains(page.Body, "cf.serial_no") {
		t.Error("an inactive field is still offered")
	}

	// Values: a module with a version, a label, and a removed value.
	for _, v := range []url.Values{
		{"field": {"module"}, "value": {"Lager"}, "label_en": {"Warehouse"}, "contact_selectable": {"1"}},
		{"field": {"version"}, "module": {"Lager"}, "value": {"2.0"}, "contact_selectable": {"1"}},
	} {
		if res := c.PostForm("/admin/fields", v); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("add %v: %d\n%s", v, res.StatusCode, res.Body)
		}
	}
	if res := c.PostForm("/admin/fields", url.Values{"field": {"version"}, "value": {"3.0"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a version without module: %d", res.StatusCode)
	}
	if res := c.PostForm("/admin/fields/delete", url.Values{"field": {"priority"}, "value": {"urgent"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("remove: %d", res.StatusCode)
	}
	page := env.Browser(t, "a.member").Get("/portal/tickets/new")
	if !strings.Contains(page.Body, ">Warehouse<") || !strings.Contains(page.Body, `value="2.0"`) || strings.Contains(page.Body, `value="urgent"`) {
		t.Errorf("the portal form does not offer the values as configured:\n%s", page.Body)
	}
}

func TestNonAdminsDoNotReachTheTicketModelPages(t *testing.T) {
	env := testenv.New(t)
	for _, key := range []string{"agent", "a.admin"} {
		c := env.Browser(t, key)
		for _, p := range []string{"/admin/statuses", "/admin/fields", "/admin/custom-fields"} {
			if res := c.Get(p); res.StatusCode != http.StatusNotFound {
				t.Errorf("%s: GET %s gave %d", key, p, res.StatusCode)
			}
		}
		if res := c.PostForm("/admin/custom-fields", url.Values{"key": {"x_" + strings.ReplaceAll(key, ".", "")}, "kind": {"text"}, "label_en": {"X"}}); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: POST gave %d", key, res.StatusCode)
		}
	}
	if fields, _ := env.Store.CustomFields(context.Background()); len(fields) != 0 {
		t.Errorf("refused requests defined %d fields", len(fields))
	}
}

// ticketStatus moves a ticket to the status name.
func ticketStatus(name string) ticket.UpdateParams {
	return ticket.UpdateParams{Status: &name}
}
