package portal

import (
	"errors"
	"net/http"
	"slices"

	"supportal/internal/model"
	"supportal/internal/org"
	"supportal/internal/web"
)

// A portal admin keeps the organization's addresses (correspondence,
// invoice, delivery) and its news addresses on the organization page.
// Every write is keyed by the admin's own organization: no id in the
// request names one.

// registerOrgRecord adds the forms of the addresses and news addresses.
func registerOrgRecord(r *web.Router, h *handler) {
	r.Page("POST /portal/org/addresses/{kind}", web.Contact, h.orgSaveAddress)
	r.Page("POST /portal/org/news", web.Contact, h.orgAddNews)
	r.Page("POST /portal/org/news/{id}/remove", web.Contact, h.orgRemoveNews)
	r.Page("POST /portal/org/news/{id}/resend", web.Contact, h.orgResendNews)
}

// orgSaveAddress stores the organization's address of one kind; an empty
// form removes it.
func (h *handler) orgSaveAddress(w http.ResponseWriter, r *http.Request) {
	orgID, kind := orgOf(r), r.PathValue("kind")
	if orgID == 0 || !slices.Contains(org.AddressKinds, kind) {
		h.s.NotFound(w, r)
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	a := web.AddressFromForm(f, kind)
	err = h.s.Orgs.SaveAddress(r.Context(), web.UserOf(r), orgID, a)
	var verr *model.ValidationError
	if errors.As(err, &verr) {
		h.renderRecordError(w, r, orgID, &web.RecordInput{Address: &a, Err: verr})
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	if a.Normalize().Empty() {
		web.Flash(w, "flash.org.address_removed")
	} else {
		web.Flash(w, "flash.org.address_saved")
	}
	http.Redirect(w, r, "/portal/org#address-"+kind, http.StatusSeeOther)
}

// renderRecordError shows the organization page again with status 422,
// with what was typed into the failed form of the record and its errors.
func (h *handler) renderRecordError(w http.ResponseWriter, r *http.Request, orgID int64, in *web.RecordInput) {
	p, err := h.loadOrgPage(r.Context(), r, orgID)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	if p.Record, err = h.s.LoadOrgRecord(r.Context(), p.Page, "/portal/org", orgID, in); err != nil {
		h.s.Error(w, r, err)
		return
	}
	h.s.Render(w, r, http.StatusUnprocessableEntity, "portal/org", p)
}
