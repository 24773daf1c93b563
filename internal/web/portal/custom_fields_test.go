package portal_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"supportal/internal/model"
	"supportal/internal/testenv"
)

// portalFields defines a mandatory serial number contacts fill in, a
// multi select and a checkbox they may fill in, and an internal field
// whose name and value must never reach the portal.
func portalFields(t *testing.T, env *testenv.Env) {
	env.CustomField(t, model.CustomField{Key: "serial", Kind: model.KindText, Labels: model.Labels{"en": "Serial number", "de": "Seriennummer"},
		ContactVisible: true, ContactEditable: true, RequiredCreate: true})
	env.CustomField(t, model.CustomField{Key: "parts", Kind: model.KindMultiSelect, Labels: model.Labels{"en": "Affected parts"},
		Options: []string{"Motor", "Sensor", "Display"}, ContactVisible: true, ContactEditable: true})
	env.CustomField(t, model.CustomField{Key: "warranty", Kind: model.KindCheckbox, Labels: model.Labels{"en": "Under warranty"},
		ContactVisible: true, ContactEditable: true})
	env.CustomField(t, model.CustomField{Key: "margin", Kind: model.KindText, Labels: model.Labels{"en": "Internal margin note"}, RequiredCreate: true})
}

func TestPortalFormAsksForMandatoryCustomFieldAndShowsIt(t *testing.T) {
	env := testenv.New(t)
	portalFields(t, env)
	c := env.Browser(t, "a.member")
	form := c.Get("/portal/tickets/new")
	wantStatus(t, form, http.StatusOK)
	wantText(t, form.Body, "Serial number", `name="cf.serial"`, `type="checkbox" name="cf.parts" value="Sensor"`, `name="cf.warranty"`)
	wantNoText(t, form.Body, "Internal margin note", "cf.margin")

	before := ticketCount(t, env, "a.member")
	res := c.PostForm("/portal/tickets", url.Values{"subject": {"Machine stops"}, "body": {"It stops."},
		"cf": {"serial", "parts", "warranty"}, "cf.parts": {"Sensor"}, "cf.warranty": {"1"}})
	wantStatus(t, res, http.StatusUnprocessableEntity)
	wantText(t, res.Body, "This field is required.", `value="Machine stops"`, `value="Sensor" checked`)
	if n := ticketCount(t, env, "a.member"); n != before {
		t.Fatalf("a refused form created a ticket: %d, want %d", n, before)
	}

	res = c.PostForm("/portal/tickets", url.Values{"subject": {"Machine stops"}, "body": {"It stops."},
		"cf": {"serial", "parts", "warranty"}, "cf.serial": {"SN-2026-17"}, "cf.parts": {"Sensor", "Motor"}, "cf.warranty": {"1"}})
	wantStatus(t, res, http.StatusSeeOther)
	view := c.Get(res.Header.Get("Location"))
	wantStatus(t, view, http.StatusOK)
	wantText(t, view.Body, "Serial number", "SN-2026-17", "Affected parts", "Motor, Sensor", "Under warranty")

	// Staff fill in the internal field; the portal and the contact's API
	// never show its name or value.
	number := strings.TrimPrefix(res.Header.Get("Location"), "/portal/tickets/")
	staff := env.Session(t, "agent")
	staff.Lang = "en"
	if r := staff.JSONRequest(http.MethodPatch, "/api/v1/tickets/"+number, map[string]any{"custom_fields": map[string]any{"margin": "secret-42"}}); r.StatusCode != http.StatusOK {
		t.Fatalf("staff PATCH: %d %s", r.StatusCode, r.Body)
	}
	view = c.Get(res.Header.Get("Location"))
	wantNoText(t, view.Body, "secret-42", "Internal margin note")
	api := env.Bearer(t, "a.member").Get("/api/v1/tickets/" + number)
	wantStatus(t, api, http.StatusOK)
	if strings.Contains(api.Body, "secret-42") || strings.Contains(api.Body, "margin") || !strings.Contains(api.Body, "SN-2026-17") {
		t.Errorf("contact API shows %s", api.Body)
	}
	list := env.Bearer(t, "a.member").Get("/api/v1/tickets")
	if strings.Contains(list.Body, "secret-42") {
		t.Errorf("contact API list shows the internal field: %s", list.Body)
	}
	tm := env.Bearer(t, "a.member").Get("/api/v1/ticket-model")
	wantStatus(t, tm, http.StatusOK)
	if strings.Contains(tm.Body, "margin") || !strings.Contains(tm.Body, `"serial"`) {
		t.Errorf("contact's ticket model: %s", tm.Body)
	}
}
