package portal

import (
	"errors"
	"net/http"

	"supportal/internal/model"
	"supportal/internal/web"
)

// orgContact checks the request of a contact action: the caller manages
// an organization and the form parses. It answers the request itself and
// returns ok false when the action must not go on; a contact id that is
// not of the caller's organization fails later, in the store, with 404.
func (h *handler) orgContact(w http.ResponseWriter, r *http.Request) (orgID, id int64, f *web.Form, ok bool) {
	if orgID = orgOf(r); orgID == 0 {
		h.s.NotFound(w, r)
		return 0, 0, nil, false
	}
	if id = pathID(r); id == 0 {
		h.s.NotFound(w, r)
		return 0, 0, nil, false
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return 0, 0, nil, false
	}
	return orgID, id, f, true
}

// orgContactRole gives a contact the rights of a role preset.
func (h *handler) orgContactRole(w http.ResponseWriter, r *http.Request) {
	orgID, id, f, ok := h.orgContact(w, r)
	if !ok {
		return
	}
	role := f.Get("role")
	rights, valid := model.RoleRights(role)
	if !valid {
		h.renderOrgError(w, r, orgID, func(p *orgPageData) { p.ContactID, p.ContactError = id, p.T("org.invite.role_invalid") })
		return
	}
	h.setRights(w, r, orgID, id, role, rights)
}

// orgContactRights gives a contact the rights checked one by one; the
// role becomes the preset that grants exactly them, or custom.
func (h *handler) orgContactRights(w http.ResponseWriter, r *http.Request) {
	orgID, id, f, ok := h.orgContact(w, r)
	if !ok {
		return
	}
	var rights model.Rights
	for _, x := range f.Values["right"] {
		rights = append(rights, model.ParseRights(x)...)
	}
	rights = rights.Normal()
	h.setRights(w, r, orgID, id, model.RoleFor(rights), rights)
}

// setRights stores a contact's new rights; they apply to its next
// request, since sessions load the user every time. A portal admin cannot
// take manage_org from itself: the organization would lose the admin who
// is changing it.
func (h *handler) setRights(w http.ResponseWriter, r *http.Request, orgID, id int64, role string, rights model.Rights) {
	if id == web.UserOf(r).ID && !rights.Has(model.RightManageOrg) {
		h.renderOrgError(w, r, orgID, func(p *orgPageData) { p.ContactID, p.ContactError = id, p.T("org.contact.own_manage_org") })
		return
	}
	if err := h.s.Store.SetContactRights(r.Context(), orgID, id, role, rights); err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.org.rights_saved")
	http.Redirect(w, r, "/portal/org", http.StatusSeeOther)
}

// orgContactActive deactivates (active=0) or reactivates (active=1) a
// contact. A deactivated contact cannot sign in, its sessions end and it
// gets no mail; its tickets stay. A portal admin cannot deactivate itself.
func (h *handler) orgContactActive(w http.ResponseWriter, r *http.Request) {
	orgID, id, f, ok := h.orgContact(w, r)
	if !ok {
		return
	}
	var active bool
	switch f.Get("active") {
	case "1":
		active = true
	case "0":
		active = false
	default:
		h.s.Error(w, r, web.ErrBadRequest)
		return
	}
	if id == web.UserOf(r).ID && !active {
		h.renderOrgError(w, r, orgID, func(p *orgPageData) { p.ContactID, p.ContactError = id, p.T("org.contact.own_deactivate") })
		return
	}
	if err := h.s.Store.SetContactActive(r.Context(), orgID, id, active); err != nil {
		h.s.Error(w, r, err)
		return
	}
	if active {
		web.Flash(w, "flash.org.reactivated")
	} else {
		web.Flash(w, "flash.org.deactivated")
	}
	http.Redirect(w, r, "/portal/org", http.StatusSeeOther)
}

// orgInvite invites a contact into the organization by mail.
func (h *handler) orgInvite(w http.ResponseWriter, r *http.Request) {
	orgID := orgOf(r)
	if orgID == 0 {
		h.s.NotFound(w, r)
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	v := inviteValues{Name: f.Trimmed("name"), Email: f.Trimmed("email"), Role: f.Get("role")}
	err = h.s.Accounts.Invite(r.Context(), web.UserOf(r), orgID, v.Name, v.Email, v.Role)
	var verr *model.ValidationError
	if errors.As(err, &verr) {
		h.renderOrgError(w, r, orgID, func(p *orgPageData) { p.Invite = v; p.SetErrors(verr) })
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.org.invited")
	http.Redirect(w, r, "/portal/org", http.StatusSeeOther)
}
