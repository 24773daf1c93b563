package portal_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"supportal/internal/store"
	"supportal/internal/testenv"
)

// addressForm is a complete German address of a kind's form.
func addressForm(company string) url.Values {
	return url.Values{"company": {company}, "department": {"Einkauf"}, "street": {"Hauptstraße 1"}, "extra": {"3. OG"},
		"postal_code": {"10115"}, "city": {"Berlin"}, "country": {"DE"}}
}

// addressesOf reads an organization's addresses by kind.
func addressesOf(t *testing.T, env *testenv.Env, orgID int64) map[string]store.OrgAddress {
	t.Helper()
	list, err := env.Store.OrgAddresses(context.Background(), orgID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]store.OrgAddress{}
	for _, a := range list {
		out[a.Kind] = a
	}
	return out
}

func TestPortalAdminKeepsEachKindOfAddress(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "a.admin")
	page := c.Get("/portal/org")
	wantStatus(t, page, http.StatusOK)
	wantText(t, page.Body, "Correspondence address", "Invoice address", "Delivery address", `action="/portal/org/addresses/invoice#address-invoice"`,
		"<legend>", `<option value="DE" selected>Germany</option>`)

	for _, kind := range []string{"correspondence", "invoice", "delivery"} {
		form := addressForm("Firma " + kind)
		form.Set("vat_id", "DE 123 456 789")
		form.Set("email", "rechnung@a.example")
		res := c.PostForm("/portal/org/addresses/"+kind, form)
		wantStatus(t, res, http.StatusSeeOther)
		if loc := res.Header.Get("Location"); loc != "/portal/org#address-"+kind {
			t.Errorf("after saving the %s address: to %q", kind, loc)
		}
	}
	got := addressesOf(t, env, env.World.OrgA.ID)
	if len(got) != 3 {
		t.Fatalf("stored %d addresses, want 3: %+v", len(got), got)
	}
	inv := got["invoice"]
	if inv.Company != "Firma invoice" || inv.Department != "Einkauf" || inv.Street != "Hauptstraße 1" || inv.Extra != "3. OG" ||
		inv.PostalCode != "10115" || inv.City != "Berlin" || inv.Country != "DE" || inv.VATID != "DE123456789" ||
		inv.Email != "rechnung@a.example" || inv.UpdatedBy != env.User(t, "a.admin").ID {
		t.Errorf("invoice address: %+v", inv)
	}
	if d := got["delivery"]; d.VATID != "" || d.Email != "" {
		t.Errorf("the delivery address took the invoice's fields: %+v", d)
	}
	if len(addressesOf(t, env, env.World.OrgB.ID)) != 0 {
		t.Error("organization B got an address")
	}
	page = c.Get("/portal/org")
	wantText(t, page.Body, "Firma correspondence", "Firma delivery", `value="DE123456789"`, "The address was saved.")

	// An empty form removes the address; the others stay.
	wantStatus(t, c.PostForm("/portal/org/addresses/delivery", url.Values{"country": {"DE"}}), http.StatusSeeOther)
	if got := addressesOf(t, env, env.World.OrgA.ID); len(got) != 2 || got["delivery"].Company != "" {
		t.Errorf("after emptying the delivery address: %+v", got)
	}
	wantText(t, c.Get("/portal/org").Body, "The address was removed.")

	// An unknown kind does not exist.
	wantStatus(t, c.PostForm("/portal/org/addresses/billing", addressForm("X")), http.StatusNotFound)
}

func TestBadAddressIsRefusedInTheUsersLanguageAndNothingChanges(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "a.admin")
	wantStatus(t, c.PostForm("/portal/org/addresses/invoice", addressForm("Alt GmbH")), http.StatusSeeOther)
	before := addressesOf(t, env, env.World.OrgA.ID)["invoice"]

	for _, tc := range []struct {
		lang, field, value, want string
	}{
		{"en", "postal_code", "1011", "A German postal code has five digits"},
		{"de", "postal_code", "1011", "Eine deutsche Postleitzahl hat fünf Ziffern"},
		{"en", "vat_id", "DE12345", "A German VAT ID is DE followed by nine digits"},
		{"de", "vat_id", "DE12345", "Eine deutsche USt-IdNr. besteht aus DE und neun Ziffern"},
		{"en", "vat_id", "12345678", "Enter a VAT ID: the country code"},
		{"de", "country", "XX", "Wählen Sie ein Land aus der Liste."},
		{"en", "country", "XX", "Choose a country from the list."},
		{"de", "city", "", "Dieses Feld ist erforderlich."},
		{"en", "email", "no address", "Enter a valid email address."},
	} {
		c.Lang = tc.lang
		form := addressForm("Neu GmbH")
		form.Set(tc.field, tc.value)
		res := c.PostForm("/portal/org/addresses/invoice", form)
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantText(t, res.Body, tc.want, `id="err-addr-invoice-`+tc.field+`"`, `value="Neu GmbH"`)
		if after := addressesOf(t, env, env.World.OrgA.ID)["invoice"]; after != before {
			t.Errorf("%s=%q changed the address: %+v", tc.field, tc.value, after)
		}
	}
}

func TestOnlyThePortalAdminReachesItsOwnAddresses(t *testing.T) {
	env := testenv.New(t)
	for _, key := range []string{"a.member", "a.colleague", "a.primary", "agent"} {
		res := env.Session(t, key).PostForm("/portal/org/addresses/invoice", addressForm("Intruder"))
		wantStatus(t, res, http.StatusNotFound)
	}
	// B's portal admin writes to organization B, whatever it sends.
	form := addressForm("B GmbH")
	form.Set("org_id", "1")
	wantStatus(t, env.Session(t, "b.admin").PostForm("/portal/org/addresses/invoice", form), http.StatusSeeOther)
	if got := addressesOf(t, env, env.World.OrgA.ID); len(got) != 0 {
		t.Errorf("organization A got addresses: %+v", got)
	}
	if got := addressesOf(t, env, env.World.OrgB.ID); got["invoice"].Company != "B GmbH" {
		t.Errorf("organization B's addresses: %+v", got)
	}
	wantNoText(t, env.Session(t, "a.admin").Get("/portal/org").Body, "B GmbH")
}
