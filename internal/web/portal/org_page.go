package portal

import (
	"context"
	"net/http"
	"strconv"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/web"
)

// The organization pages let a portal admin (a contact with manage_org)
// run its own organization: its contacts, their roles and rights,
// invitations and the email domains it claims. For everyone else they do
// not exist (404), and no action reaches a contact of another
// organization: every write is keyed by the admin's organization too.

// registerOrg adds the organization pages.
func registerOrg(s *web.Server, h *handler) {
	r := s.Router()
	r.Page("GET /portal/org", web.Contact, h.orgPage)
	r.Page("POST /portal/org/invitations", web.Contact, h.orgInvite)
	r.Page("POST /portal/org/contacts/{id}/role", web.Contact, h.orgContactRole)
	r.Page("POST /portal/org/contacts/{id}/rights", web.Contact, h.orgContactRights)
	r.Page("POST /portal/org/contacts/{id}/active", web.Contact, h.orgContactActive)
	r.Page("POST /portal/org/domains", web.Contact, h.orgClaimDomain)
	registerOrgRecord(r, h)
}

// orgOf returns the organization the signed-in contact manages, or 0 when
// it manages none; handlers answer 0 with 404.
func orgOf(r *http.Request) int64 {
	u := web.UserOf(r)
	if u == nil || !u.IsContact() || !authz.ManageOrg(u, u.OrgID) {
		return 0
	}
	return u.OrgID
}

// rightBox is one right of a contact as a checkbox.
type rightBox struct {
	Right   model.Right
	Label   string
	Checked bool
}

// roleOption is one preset of the role select.
type roleOption struct {
	Value    string
	Label    string
	Selected bool
}

// contactRow is one contact of the organization.
type contactRow struct {
	*model.User
	Self    bool // the signed-in portal admin
	Invited bool // has not set a password yet
	Role    string
	Rights  []rightBox
	Roles   []roleOption
}

// domainRow is one domain the organization claims.
type domainRow struct {
	store.OrgDomain
}

// inviteValues are what the invitation form holds.
type inviteValues struct {
	Name, Email, Role string
}

// orgPageData is the data of the organization page.
type orgPageData struct {
	*web.Page
	Org      *model.Organization
	Contacts []contactRow
	Domains  []domainRow
	Invite   inviteValues
	Roles    []roleOption // for the invitation
	Domain   string       // the claim form's value
	// ContactError is the message for one contact's form (by its id).
	ContactID    int64
	ContactError string
	// Record is the addresses and news addresses.
	Record web.OrgRecord
}

// loadOrgPage fills the page for organization orgID.
func (h *handler) loadOrgPage(ctx context.Context, r *http.Request, orgID int64) (*orgPageData, error) {
	p := &orgPageData{Page: h.s.NewPage(r, "org.title"), Invite: inviteValues{Role: model.RoleMember}}
	org, err := h.s.Store.Organization(ctx, orgID)
	if err != nil {
		return nil, err
	}
	p.Org = org
	contacts, err := h.s.Store.OrgContacts(ctx, orgID)
	if err != nil {
		return nil, err
	}
	me := web.UserOf(r)
	for _, c := range contacts {
		if !c.IsContact() {
			continue
		}
		row := contactRow{User: c, Self: c.ID == me.ID, Invited: c.PasswordHash == "" && !c.EmailVerified, Role: model.RoleFor(c.Rights)}
		for _, x := range model.AllRights {
			row.Rights = append(row.Rights, rightBox{Right: x, Label: p.T("org.right." + string(x)), Checked: c.Rights.Has(x)})
		}
		row.Roles = roleOptions(p.Page, row.Role)
		p.Contacts = append(p.Contacts, row)
	}
	domains, err := h.s.Store.OrgDomains(ctx, orgID)
	if err != nil {
		return nil, err
	}
	for _, d := range domains {
		p.Domains = append(p.Domains, domainRow{d})
	}
	p.Roles = roleOptions(p.Page, p.Invite.Role)
	if p.Record, err = h.s.LoadOrgRecord(ctx, p.Page, "/portal/org", orgID, nil); err != nil {
		return nil, err
	}
	return p, nil
}

// roleOptions lists the role presets with selected marked.
func roleOptions(p *web.Page, selected string) []roleOption {
	var out []roleOption
	for _, role := range model.ContactRoles {
		out = append(out, roleOption{Value: role, Label: p.T("role." + role), Selected: role == selected})
	}
	return out
}

// orgPage shows the organization's contacts, the invitation form and the
// domains.
func (h *handler) orgPage(w http.ResponseWriter, r *http.Request) {
	orgID := orgOf(r)
	if orgID == 0 {
		h.s.NotFound(w, r)
		return
	}
	p, err := h.loadOrgPage(r.Context(), r, orgID)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	h.s.Render(w, r, http.StatusOK, "portal/org", p)
}

// renderOrgError shows the page again with status 422 and a message, set
// by fill.
func (h *handler) renderOrgError(w http.ResponseWriter, r *http.Request, orgID int64, fill func(p *orgPageData)) {
	p, err := h.loadOrgPage(r.Context(), r, orgID)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	fill(p)
	p.Roles = roleOptions(p.Page, p.Invite.Role)
	h.s.Render(w, r, http.StatusUnprocessableEntity, "portal/org", p)
}

// pathID reads the {id} of the path: decimal digits without sign or
// leading zero, so that one contact has exactly one address.
func pathID(r *http.Request) int64 {
	s := r.PathValue("id")
	if s == "" || len(s) > 18 || s[0] == '0' {
		return 0
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0
		}
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0
	}
	return id
}
