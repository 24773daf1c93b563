package desk

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"

	"supportal/internal/model"
	"supportal/internal/org"
	"supportal/internal/web"
)

// Agents keep an organization's addresses and news addresses on its desk
// page, with the same forms as its portal admin has in the portal.

// registerOrgRecord adds the forms of the addresses and news addresses.
func (h *handler) registerOrgRecord(r *web.Router) {
	r.Page("POST /desk/orgs/{id}/addresses/{kind}", web.Agent, h.orgSaveAddress)
	r.Page("POST /desk/orgs/{id}/news", web.Agent, h.orgAddNews)
	r.Page("POST /desk/orgs/{id}/news/{nid}/remove", web.Agent, h.orgRemoveNews)
	r.Page("POST /desk/orgs/{id}/news/{nid}/resend", web.Agent, h.orgResendNews)
}

// orgSaveAddress stores an organization's address of one kind; an empty
// form removes it.
func (h *handler) orgSaveAddress(w http.ResponseWriter, r *http.Request) {
	kind := r.PathValue("kind")
	if !slices.Contains(org.AddressKinds, kind) {
		h.s.NotFound(w, r)
		return
	}
	o, f, ok := h.orgForm(w, r)
	if !ok {
		return
	}
	a := web.AddressFromForm(f, kind)
	err := h.s.Orgs.SaveAddress(r.Context(), web.UserOf(r), o.ID, a)
	flash := "flash.org.address_saved"
	if a.Normalize().Empty() {
		flash = "flash.org.address_removed"
	}
	h.recordDone(w, r, o, err, flash, "#address-"+kind, &web.RecordInput{Address: &a})
}

// orgAddNews adds a news address and mails it the confirmation link.
func (h *handler) orgAddNews(w http.ResponseWriter, r *http.Request) {
	o, f, ok := h.orgForm(w, r)
	if !ok {
		return
	}
	email, lang := f.Trimmed("email"), f.Get("language")
	err := h.s.Orgs.AddNewsAddress(r.Context(), web.UserOf(r), o.ID, email, lang)
	h.recordDone(w, r, o, err, "flash.org.news_added", "#org-news", &web.RecordInput{News: true, NewsEmail: email, NewsLang: lang})
}

// orgRemoveNews removes a news address of the organization.
func (h *handler) orgRemoveNews(w http.ResponseWriter, r *http.Request) {
	h.orgNewsAction(w, r, h.s.Orgs.RemoveNewsAddress, "flash.org.news_removed")
}

// orgResendNews mails an unconfirmed news address a new link.
func (h *handler) orgResendNews(w http.ResponseWriter, r *http.Request) {
	h.orgNewsAction(w, r, h.s.Orgs.ResendNewsConfirmation, "flash.org.news_resent")
}

// orgNewsAction does act to news address {nid} of the organization of
// the path; one of another organization, or none, is 404.
func (h *handler) orgNewsAction(w http.ResponseWriter, r *http.Request, act func(ctx context.Context, by *model.User, orgID, id int64) error, flash string) {
	nid, err := strconv.ParseInt(r.PathValue("nid"), 10, 64)
	if err != nil || nid <= 0 {
		h.s.NotFound(w, r)
		return
	}
	o, _, ok := h.orgForm(w, r)
	if !ok {
		return
	}
	err = act(r.Context(), web.UserOf(r), o.ID, nid)
	h.recordDone(w, r, o, err, flash, "#org-news", nil)
}

// recordDone ends a form of the record: back to the organization's page
// (at anchor) with a notice, or the page again with status 422 and what
// was typed (in, which takes the errors).
func (h *handler) recordDone(w http.ResponseWriter, r *http.Request, o *model.Organization, err error, flash, anchor string, in *web.RecordInput) {
	var verr *model.ValidationError
	if errors.As(err, &verr) && in != nil {
		in.Err = verr
		p := &orgPage{Page: h.s.NewPage(r, "desk.org.title", "Name", o.Name), Org: o, Name: o.Name, recordInput: in}
		h.renderOrg(w, r, http.StatusUnprocessableEntity, p, o.DefaultRole, model.RoleMember)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, flash)
	http.Redirect(w, r, "/desk/orgs/"+id(o.ID)+anchor, http.StatusSeeOther)
}
