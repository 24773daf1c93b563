package api_test

import (
	"net/http"
	"testing"

	"supportal/internal/model"
	"supportal/internal/testenv"
)

func TestAPIListsEachMissingMandatoryFieldAndValidatesCustomFields(t *testing.T) {
	env := testenv.New(t)
	env.CustomField(t, model.CustomField{Key: "serial", Kind: model.KindText, ContactVisible: true, ContactEditable: true, RequiredCreate: true})
	env.CustomField(t, model.CustomField{Key: "machine", Kind: model.KindSelect, Options: []string{"M1", "M2"}, ContactVisible: true, ContactEditable: true, RequiredCreate: true})
	env.CustomField(t, model.CustomField{Key: "cause", Kind: model.KindText, RequiredResolve: true})
	c := env.Bearer(t, "a.member")

	e := wantField(t, c.JSONRequest(http.MethodPost, "/api/v1/tickets", map[string]any{"subject": "x"}), "custom_fields.serial")
	if e.Fields["custom_fields.machine"] == "" || e.Fields["custom_fields.cause"] != "" {
		t.Errorf("422 fields %v, want both contact fields and not the staff one", e.Fields)
	}
	wantField(t, c.JSONRequest(http.MethodPost, "/api/v1/tickets", map[string]any{"subject": "x",
		"custom_fields": map[string]any{"serial": "S1", "machine": "M9"}}), "custom_fields.machine")
	wantField(t, c.JSONRequest(http.MethodPost, "/api/v1/tickets", map[string]any{"subject": "x",
		"custom_fields": map[string]any{"serial": "S1", "machine": "M1", "cause": "guess"}}), "custom_fields.cause")
	assertNoTickets(t, env)

	res := c.JSONRequest(http.MethodPost, "/api/v1/tickets", map[string]any{"subject": "x", "custom_fields": map[string]any{"serial": "S1", "machine": "M2"}})
	want(t, res, http.StatusCreated)
	var tk apiTicket
	res.JSON(t, &tk)
	if tk.CustomFields["serial"] != "S1" || tk.CustomFields["machine"] != "M2" {
		t.Errorf("created with %v", tk.CustomFields)
	}

	staff := env.Bearer(t, "agent")
	wantField(t, staff.JSONRequest(http.MethodPatch, ticketPath(tk.Number), map[string]any{"status": "Resolved"}), "custom_fields.cause")
	res = staff.JSONRequest(http.MethodPatch, ticketPath(tk.Number), map[string]any{"status": "Resolved", "custom_fields": map[string]any{"cause": "worn belt"}})
	want(t, res, http.StatusOK)
	res.JSON(t, &tk)
	if tk.Status != "Resolved" || tk.CustomFields["cause"] != "worn belt" {
		t.Errorf("after PATCH: %s %v", tk.Status, tk.CustomFields)
	}
	if got := getTicket(t, c, tk.Number); got.CustomFields["cause"] != nil {
		t.Errorf("the contact sees the internal field: %v", got.CustomFields)
	}
	want(t, c.JSONRequest(http.MethodPatch, ticketPath(tk.Number), map[string]any{"custom_fields": map[string]any{"serial": "S2"}}), http.StatusForbidden)
}

func TestTicketModelShowsStaffEverythingAndContactsTheirPart(t *testing.T) {
	env := testenv.New(t)
	env.CustomField(t, model.CustomField{Key: "serial", Kind: model.KindText, ContactVisible: true, ContactEditable: true})
	env.CustomField(t, model.CustomField{Key: "cause", Kind: model.KindSelect, Options: []string{"a"}})
	type tm struct {
		Statuses []struct {
			Name     string `json:"name"`
			Category string `json:"category"`
		} `json:"statuses"`
		Options []struct {
			Field string `json:"field"`
			Value string `json:"value"`
		} `json:"options"`
		CustomFields []struct {
			Key string `json:"key"`
		} `json:"custom_fields"`
	}
	read := func(key string) (m tm) {
		res := env.Bearer(t, key).Get("/api/v1/ticket-model")
		want(t, res, http.StatusOK)
		res.JSON(t, &m)
		return m
	}
	has := func(m tm, value string) bool {
		for _, o := range m.Options {
			if o.Value == value {
				return true
			}
		}
		return false
	}
	staff, contact := read("agent"), read("a.member")
	if len(staff.Statuses) != 6 || staff.Statuses[0].Name != "New" || len(staff.CustomFields) != 2 || !has(staff, "task") {
		t.Errorf("staff model %+v", staff)
	}
	if len(contact.CustomFields) != 1 || contact.CustomFields[0].Key != "serial" || has(contact, "task") || !has(contact, "question") {
		t.Errorf("contact model %+v", contact)
	}
}
