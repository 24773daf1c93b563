package portal_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"supportal/internal/model"
	"supportal/internal/testenv"
)

func TestContactWithoutCompanyRegistersIt(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	tk := env.Ticket(t, "loner", "Before the company", "Body")
	loner := env.User(t, "loner")
	for _, lang := range []string{"en", "de"} {
		c := env.Session(t, "loner")
		c.Lang = lang
		res := c.PostForm("/portal/company", url.Values{"name": {"  "}})
		wantStatus(t, res, http.StatusUnprocessableEntity)
		wantText(t, res.Body, map[string]string{"en": "Register your company", "de": "Ihr Unternehmen registrieren"}[lang])
		if u, _ := env.Store.User(ctx, loner.ID); u.OrgID != 0 {
			t.Fatalf("%s: an empty name gave the contact a company", lang)
		}
	}
	c := env.Session(t, "loner")
	wantStatus(t, c.PostForm("/portal/company", url.Values{"name": {"Loner Ltd"}}), http.StatusSeeOther)
	u, err := env.Store.User(ctx, loner.ID)
	if err != nil || u.OrgID == 0 || u.Role != model.RolePortalAdm || !u.Rights.Has(model.RightManageOrg) {
		t.Fatalf("after registering: %+v %v", u, err)
	}
	got, err := env.Store.Ticket(ctx, tk.Number)
	if err != nil || got.OrgID != u.OrgID {
		t.Errorf("the contact's earlier ticket: org %d, want %d (%v)", got.OrgID, u.OrgID, err)
	}
	domains, err := env.Store.OrgDomains(ctx, u.OrgID)
	if err != nil || len(domains) != 1 || domains[0].Approved {
		t.Errorf("claimed domains %+v %v: want the contact's domain waiting for approval", domains, err)
	}
	// Once in a company, the page is gone and a second company cannot be made.
	wantStatus(t, c.Get("/portal/company"), http.StatusNotFound)
	wantStatus(t, c.PostForm("/portal/company", url.Values{"name": {"Second Ltd"}}), http.StatusNotFound)
	if taken, _ := env.Store.OrganizationNameTaken(ctx, "Second Ltd"); taken {
		t.Error("a contact with a company registered a second one")
	}
}
