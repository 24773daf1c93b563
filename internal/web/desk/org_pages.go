package desk

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"supportal/internal/model"
	"supportal/internal/org"
	"supportal/internal/store"
	"supportal/internal/web"
)

// ticketsShown is how many tickets an organization's or contact's page
// lists at once; further pages follow by keyset.
const ticketsShown = 50

// registerOrgPages adds the pages where agents manage organizations and
// contacts.
func registerOrgPages(h *handler) {
	r := h.s.Router()
	r.Page("GET /desk/orgs", web.Agent, h.orgList)
	r.Page("POST /desk/orgs", web.Agent, h.orgCreate)
	r.Page("POST /desk/domains/approve", web.Agent, h.domainApprove)
	r.Page("POST /desk/domains/refuse", web.Agent, h.domainRefuse)
	r.Page("GET /desk/orgs/{id}", web.Agent, h.orgShow)
	r.Page("POST /desk/orgs/{id}", web.Agent, h.orgUpdate)
	r.Page("POST /desk/orgs/{id}/domains", web.Agent, h.orgDomainAdd)
	r.Page("POST /desk/orgs/{id}/domains/remove", web.Agent, h.orgDomainRemove)
	r.Page("POST /desk/orgs/{id}/invite", web.Agent, h.orgInvite)
	r.Page("POST /desk/orgs/{id}/responsible", web.Agent, h.orgResponsible)
	h.registerOrgRecord(r)
	r.Page("GET /desk/contacts", web.Agent, h.contactSearch)
	r.Page("GET /desk/contacts/{id}", web.Agent, h.contactShow)
	r.Page("POST /desk/contacts/{id}", web.Agent, h.contactUpdate)
	r.Page("POST /desk/contacts/{id}/merge", web.Agent, h.contactMerge)
}

// orgListPage is the overview of organizations with the domain claims
// that wait for approval and the form that creates an organization.
type orgListPage struct {
	*web.Page
	Orgs    []store.OrgRow
	Pending []store.DeskDomain
	Name    string // the create form as typed
	Domains string
}

// orgList shows every organization.
func (h *handler) orgList(w http.ResponseWriter, r *http.Request) {
	h.renderOrgList(w, r, http.StatusOK, &orgListPage{Page: h.s.NewPage(r, "desk.orgs.title")})
}

func (h *handler) renderOrgList(w http.ResponseWriter, r *http.Request, code int, p *orgListPage) {
	ctx := r.Context()
	var err error
	if p.Orgs, err = h.s.Store.OrgRows(ctx); err != nil {
		h.s.Error(w, r, err)
		return
	}
	if p.Pending, err = h.s.Store.PendingDomains(ctx); err != nil {
		h.s.Error(w, r, err)
		return
	}
	h.s.Render(w, r, code, "desk/orgs", p)
}

// orgCreate creates an organization with its domains (approved, since
// support enters them) and opens it.
func (h *handler) orgCreate(w http.ResponseWriter, r *http.Request) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	oid, err := h.s.Orgs.Create(r.Context(), org.NewOrganization{Name: f.Get("name"), Domains: splitDomains(f.Get("domains"))})
	var verr *model.ValidationError
	if errors.As(err, &verr) {
		p := &orgListPage{Page: h.s.NewPage(r, "desk.orgs.title"), Name: f.Get("name"), Domains: f.Get("domains")}
		p.SetErrors(verr)
		h.renderOrgList(w, r, http.StatusUnprocessableEntity, p)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.desk.org_created")
	http.Redirect(w, r, "/desk/orgs/"+id(oid), http.StatusSeeOther)
}

// domainApprove approves a claimed domain.
func (h *handler) domainApprove(w http.ResponseWriter, r *http.Request) {
	h.domainDecide(w, r, h.s.Orgs.ApproveDomain, "flash.desk.domain_approved")
}

// domainRefuse drops a claimed domain.
func (h *handler) domainRefuse(w http.ResponseWriter, r *http.Request) {
	h.domainDecide(w, r, h.s.Orgs.RefuseDomain, "flash.desk.domain_refused")
}

func (h *handler) domainDecide(w http.ResponseWriter, r *http.Request, decide func(ctx context.Context, by *model.User, domain string) error, flash string) {
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	if err := decide(r.Context(), web.UserOf(r), f.Get("domain")); err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, flash)
	http.Redirect(w, r, "/desk/orgs", http.StatusSeeOther)
}

// orgPage is one organization: its settings, domains, contacts and
// tickets.
type orgPage struct {
	*web.Page
	Org  *model.Organization
	Name string
	Role selectField
	// Responsible picks the agent new tickets go to when no rule assigns.
	Responsible selectField
	Domains     []store.DeskDomain
	Domain      string // the add form as typed
	Contacts    []*model.User
	Tickets     []*model.Ticket
	NextURL     string
	Invite      inviteForm
	Record      web.OrgRecord // addresses and news addresses
	Records     orgRecords    // documents and projects
	// recordInput is what a failed form of the record held.
	recordInput *web.RecordInput
}

// inviteForm is the invitation form as typed.
type inviteForm struct {
	Name, Email string
	Role        selectField
}

// orgOf reads the organization of the path, answering 404 itself.
func (h *handler) orgOf(w http.ResponseWriter, r *http.Request) (*model.Organization, bool) {
	oid, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.s.NotFound(w, r)
		return nil, false
	}
	o, err := h.s.Store.Organization(r.Context(), oid)
	if err != nil {
		h.s.Error(w, r, err)
		return nil, false
	}
	return o, true
}

// orgShow shows an organization.
func (h *handler) orgShow(w http.ResponseWriter, r *http.Request) {
	o, ok := h.orgOf(w, r)
	if !ok {
		return
	}
	p := &orgPage{Page: h.s.NewPage(r, "desk.org.title", "Name", o.Name), Org: o, Name: o.Name}
	h.renderOrg(w, r, http.StatusOK, p, o.DefaultRole, model.RoleMember)
}

func (h *handler) renderOrg(w http.ResponseWriter, r *http.Request, code int, p *orgPage, defaultRole, inviteRole string) {
	ctx := r.Context()
	var err error
	if p.Domains, err = h.s.Store.OrgDomainsOf(ctx, p.Org.ID); err != nil {
		h.s.Error(w, r, err)
		return
	}
	if p.Contacts, err = h.s.Store.OrgContacts(ctx, p.Org.ID); err != nil {
		h.s.Error(w, r, err)
		return
	}
	cursor := r.URL.Query().Get("cursor")
	page, err := h.s.Tickets.List(ctx, web.UserOf(r), store.TicketFilter{OrgID: p.Org.ID, Sort: store.SortActivity, Cursor: cursor, Limit: ticketsShown})
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p.Tickets = page.Tickets
	if p.Record, err = h.s.LoadOrgRecord(ctx, p.Page, "/desk/orgs/"+id(p.Org.ID), p.Org.ID, p.recordInput); err != nil {
		h.s.Error(w, r, err)
		return
	}
	if p.Records, err = h.loadOrgRecords(ctx, p.Page, p.Org.ID); err != nil {
		h.s.Error(w, r, err)
		return
	}
	if page.Next != "" {
		p.NextURL = "/desk/orgs/" + id(p.Org.ID) + "?" + url.Values{"cursor": {page.Next}}.Encode()
	}
	p.Role = selectField{Name: "default_role", ID: "org-default-role", Label: p.T("desk.org.default_role"),
		Error: p.Errors["default_role"], Choices: roleChoices(p.Page, defaultRole, false)}
	if p.Responsible, err = h.responsibleSelect(ctx, p); err != nil {
		h.s.Error(w, r, err)
		return
	}
	p.Invite.Role = selectField{Name: "role", ID: "invite-role", Label: p.T("field.role"),
		Error: p.Errors["role"], Choices: roleChoices(p.Page, inviteRole, false)}
	h.s.Render(w, r, code, "desk/org", p)
}

// orgUpdate stores an organization's name and default role.
func (h *handler) orgUpdate(w http.ResponseWriter, r *http.Request) {
	o, f, ok := h.orgForm(w, r)
	if !ok {
		return
	}
	err := h.s.Orgs.Update(r.Context(), web.UserOf(r), o.ID, f.Get("name"), f.Get("default_role"))
	h.orgDone(w, r, o, err, "flash.desk.org_saved", func(p *orgPage) (string, string) {
		p.Name = f.Get("name")
		return f.Get("default_role"), model.RoleMember
	})
}

// orgDomainAdd adds an approved domain.
func (h *handler) orgDomainAdd(w http.ResponseWriter, r *http.Request) {
	o, f, ok := h.orgForm(w, r)
	if !ok {
		return
	}
	err := h.s.Orgs.AddDomain(r.Context(), web.UserOf(r), o.ID, f.Get("domain"))
	h.orgDone(w, r, o, err, "flash.desk.domain_added", func(p *orgPage) (string, string) {
		p.Domain = f.Get("domain")
		return o.DefaultRole, model.RoleMember
	})
}

// orgDomainRemove removes a domain.
func (h *handler) orgDomainRemove(w http.ResponseWriter, r *http.Request) {
	o, f, ok := h.orgForm(w, r)
	if !ok {
		return
	}
	err := h.s.Orgs.RemoveDomain(r.Context(), web.UserOf(r), o.ID, f.Get("domain"))
	h.orgDone(w, r, o, err, "flash.desk.domain_removed", nil)
}

// orgInvite invites a contact into the organization by email.
func (h *handler) orgInvite(w http.ResponseWriter, r *http.Request) {
	o, f, ok := h.orgForm(w, r)
	if !ok {
		return
	}
	err := h.s.Accounts.Invite(r.Context(), web.UserOf(r), o.ID, f.Get("name"), f.Get("email"), f.Get("role"))
	h.orgDone(w, r, o, err, "flash.desk.invited", func(p *orgPage) (string, string) {
		p.Invite.Name, p.Invite.Email = f.Get("name"), f.Get("email")
		return o.DefaultRole, f.Get("role")
	})
}

// orgForm reads the organization of the path and the posted form.
func (h *handler) orgForm(w http.ResponseWriter, r *http.Request) (*model.Organization, *web.Form, bool) {
	o, ok := h.orgOf(w, r)
	if !ok {
		return nil, nil, false
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return nil, nil, false
	}
	return o, f, true
}

// orgDone ends a form on the organization page: back to the page with a
// notice, or the page again with the errors and what was typed (typed
// fills it in and returns the roles to select).
func (h *handler) orgDone(w http.ResponseWriter, r *http.Request, o *model.Organization, err error, flash string, typed func(*orgPage) (string, string)) {
	var verr *model.ValidationError
	if errors.As(err, &verr) && typed != nil {
		p := &orgPage{Page: h.s.NewPage(r, "desk.org.title", "Name", o.Name), Org: o, Name: o.Name}
		p.SetErrors(verr)
		defaultRole, inviteRole := typed(p)
		h.renderOrg(w, r, http.StatusUnprocessableEntity, p, defaultRole, inviteRole)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, flash)
	http.Redirect(w, r, "/desk/orgs/"+id(o.ID), http.StatusSeeOther)
}

// roleChoices lists the contact roles, with "custom" if withCustom.
func roleChoices(p *web.Page, selected string, withCustom bool) []choice {
	roles := model.ContactRoles
	if withCustom {
		roles = append(append([]string{}, roles...), model.RoleCustom)
	}
	return pick(roles, selected, func(role string) (string, string) { return role, p.T("role." + role) })
}

// splitDomains splits what was typed into the domains field: separated by
// commas, blanks or lines.
func splitDomains(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\r' || r == '\t' })
}
