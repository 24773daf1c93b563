package desk

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"unicode/utf8"

	"supportal/internal/i18n"
	"supportal/internal/model"
	"supportal/internal/org"
	"supportal/internal/store"
	"supportal/internal/web"
)

// contactsShown is the most contacts a search lists.
const contactsShown = 50

// contactSearchPage is the contact search: a prefix of a name or address.
type contactSearchPage struct {
	*web.Page
	Q        string
	Searched bool
	Contacts []*model.User
}

// contactSearch finds contacts whose name or address starts with q.
func (h *handler) contactSearch(w http.ResponseWriter, r *http.Request) {
	p := &contactSearchPage{Page: h.s.NewPage(r, "desk.contacts.title"), Q: r.URL.Query().Get("q")}
	if utf8.RuneCountInString(p.Q) > maxQuery {
		p.SetErrors(model.Invalid("q", "error.too_long"))
		h.s.Render(w, r, http.StatusUnprocessableEntity, "desk/contacts", p)
		return
	}
	if p.Q != "" {
		var err error
		if p.Contacts, err = h.s.Store.SearchContacts(r.Context(), p.Q, contactsShown); err != nil {
			h.s.Error(w, r, err)
			return
		}
		p.Searched = true
	}
	h.s.Render(w, r, http.StatusOK, "desk/contacts", p)
}

// contactPage is one contact: the edit form, the merge form and its
// tickets.
type contactPage struct {
	*web.Page
	Contact  *model.User
	Form     org.ContactEdit
	Org      selectField
	Role     selectField
	Language selectField
	Rights   []rightBox
	Target   string // the merge form as typed
	Tickets  []*model.Ticket
	NextURL  string
}

// rightBox is one right's checkbox.
type rightBox struct {
	Name    string
	Label   string
	Checked bool
}

// contactOf reads the contact of the path; agents and missing users
// answer 404.
func (h *handler) contactOf(w http.ResponseWriter, r *http.Request) (*model.User, bool) {
	uid, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.s.NotFound(w, r)
		return nil, false
	}
	u, err := h.s.Store.User(r.Context(), uid)
	if err == nil && !u.IsContact() {
		err = model.ErrNotFound
	}
	if err != nil {
		h.s.Error(w, r, err)
		return nil, false
	}
	return u, true
}

// contactShow shows a contact.
func (h *handler) contactShow(w http.ResponseWriter, r *http.Request) {
	u, ok := h.contactOf(w, r)
	if !ok {
		return
	}
	p := &contactPage{Page: h.s.NewPage(r, "desk.contact.title", "Name", u.Name), Contact: u, Form: org.ContactEdit{
		Name: u.Name, Email: u.Email, JobTitle: u.JobTitle, Phone: u.Phone, Language: u.Language,
		OrgID: u.OrgID, Role: u.Role, Rights: u.Rights, Active: u.Active,
	}}
	h.renderContact(w, r, http.StatusOK, p)
}

func (h *handler) renderContact(w http.ResponseWriter, r *http.Request, code int, p *contactPage) {
	ctx := r.Context()
	orgs, err := h.s.Store.Organizations(ctx)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	sel := id(p.Form.OrgID)
	p.Org = selectField{Name: "org_id", ID: "contact-org", Label: p.T("field.organization"), Error: p.Errors["org_id"]}
	p.Org.Choices = lead("0", p.T("field.none"), sel, pick(orgs, sel, func(o *model.Organization) (string, string) { return id(o.ID), o.Name }))
	role := p.Form.Role
	if !slices.Contains(model.ContactRoles, role) {
		role = model.RoleCustom
	}
	p.Role = selectField{Name: "role", ID: "contact-role", Label: p.T("field.role"), Error: p.Errors["role"],
		Choices: roleChoices(p.Page, role, true)}
	p.Language = selectField{Name: "language", ID: "contact-language", Label: p.T("desk.contact.language"), Error: p.Errors["language"]}
	p.Language.Choices = lead("", p.T("account.language.browser"), p.Form.Language,
		pick(i18n.Languages, p.Form.Language, func(l string) (string, string) { return l, p.T("account.language." + l) }))
	for _, x := range model.AllRights {
		p.Rights = append(p.Rights, rightBox{Name: string(x), Label: p.T("desk.right." + string(x)), Checked: p.Form.Rights.Has(x)})
	}
	page, err := h.s.Tickets.List(ctx, web.UserOf(r), store.TicketFilter{PartyID: p.Contact.ID, Sort: store.SortActivity,
		Cursor: r.URL.Query().Get("cursor"), Limit: ticketsShown})
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	p.Tickets = page.Tickets
	if page.Next != "" {
		p.NextURL = "/desk/contacts/" + id(p.Contact.ID) + "?" + url.Values{"cursor": {page.Next}}.Encode()
	}
	h.s.Render(w, r, code, "desk/contact", p)
}

// contactUpdate stores a contact's fields, organization, role and rights.
func (h *handler) contactUpdate(w http.ResponseWriter, r *http.Request) {
	u, ok := h.contactOf(w, r)
	if !ok {
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	e := org.ContactEdit{
		Name: f.Get("name"), Email: f.Get("email"), JobTitle: f.Get("job_title"), Phone: f.Get("phone"),
		Language: f.Get("language"), OrgID: f.Int64("org_id"), Role: f.Get("role"), Active: f.Get("active") != "",
	}
	for _, x := range f.Values["rights"] {
		e.Rights = append(e.Rights, model.Right(x))
	}
	e.Rights = model.ParseRights(e.Rights.String())
	err = h.s.Orgs.UpdateContact(r.Context(), web.UserOf(r), u.ID, e)
	var verr *model.ValidationError
	if errors.As(err, &verr) {
		p := &contactPage{Page: h.s.NewPage(r, "desk.contact.title", "Name", u.Name), Contact: u, Form: e}
		p.SetErrors(verr)
		h.renderContact(w, r, http.StatusUnprocessableEntity, p)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.desk.contact_saved")
	http.Redirect(w, r, "/desk/contacts/"+id(u.ID), http.StatusSeeOther)
}

// contactMerge merges the contact into another and opens the survivor.
func (h *handler) contactMerge(w http.ResponseWriter, r *http.Request) {
	u, ok := h.contactOf(w, r)
	if !ok {
		return
	}
	f, err := h.s.ParseForm(w, r)
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	into, err := h.s.Orgs.Merge(r.Context(), web.UserOf(r), u.ID, f.Get("target"))
	var verr *model.ValidationError
	if errors.As(err, &verr) {
		p := &contactPage{Page: h.s.NewPage(r, "desk.contact.title", "Name", u.Name), Contact: u, Target: f.Get("target"), Form: org.ContactEdit{
			Name: u.Name, Email: u.Email, JobTitle: u.JobTitle, Phone: u.Phone, Language: u.Language,
			OrgID: u.OrgID, Role: u.Role, Rights: u.Rights, Active: u.Active,
		}}
		p.SetErrors(verr)
		h.renderContact(w, r, http.StatusUnprocessableEntity, p)
		return
	}
	if err != nil {
		h.s.Error(w, r, err)
		return
	}
	web.Flash(w, "flash.desk.contact_merged")
	http.Redirect(w, r, "/desk/contacts/"+id(into.ID), http.StatusSeeOther)
}

// textField is a labelled text input of the contact page.
type textField struct {
	Name, Label, Type, Value, Error string
}

// Text builds a text input with its translated label and its error.
func (p *contactPage) Text(name, labelKey, typ, value string) textField {
	return textField{Name: name, Label: p.T(labelKey), Type: typ, Value: value, Error: p.Errors[name]}
}
