package web

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"

	"supportal/internal/i18n"
	"supportal/internal/model"
	"supportal/internal/org"
	"supportal/internal/store"
)

// The portal (for a portal admin) and the desk (for agents) show the same
// part of an organization's record: its addresses, one form per kind, and
// its news addresses with the form that adds one. The partial
// "org-record" in templates/partials/org_record.html renders it.

// OrgRecord is an organization's addresses and news addresses as forms.
type OrgRecord struct {
	Addresses []AddressForm
	News      NewsForm
}

// RecordInput is what was posted to one form of the record that failed,
// so that the form shows it again with the errors.
type RecordInput struct {
	Address   *org.Address // the address form of Address.Kind failed
	News      bool         // the form that adds a news address failed
	NewsEmail string
	NewsLang  string
	Err       *model.ValidationError
}

// AddressForm is the form of one kind of address.
type AddressForm struct {
	Kind      string
	Action    string // where the form posts
	Fields    []AddressField
	Country   Select
	Error     string // for the whole form, when it failed
	Saved     bool   // the organization has an address of this kind
	UpdatedAt time.Time
	p         *Page
}

// T translates key in the page's language.
func (f AddressForm) T(key string, args ...any) string { return f.p.T(key, args...) }

// DateTime formats a time for the page.
func (f AddressForm) DateTime(t time.Time) string { return f.p.DateTime(t) }

// ISO formats a time for a <time datetime> attribute.
func (f AddressForm) ISO(t time.Time) string { return f.p.ISO(t) }

// AddressField is one text field of an address form.
type AddressField struct {
	Name         string // the form field
	ID           string // unique on the page
	Type         string // of the input
	Label        string
	Hint         string
	Value        string
	Error        string
	Autocomplete string
	Max          int
}

// NewsForm is the list of news addresses and the form that adds one.
type NewsForm struct {
	Action     string // the add form posts here; a row's actions below it
	Rows       []NewsRow
	Email      string // the add form as typed
	EmailError string
	Language   Select
	Error      string // for the add form, when it failed
	Full       bool   // no more addresses may be added
	Max        int
	p          *Page
}

// T translates key in the page's language.
func (f NewsForm) T(key string, args ...any) string { return f.p.T(key, args...) }

// Date formats a date for the page.
func (f NewsForm) Date(t time.Time) string { return f.p.Date(t) }

// ISO formats a time for a <time datetime> attribute.
func (f NewsForm) ISO(t time.Time) string { return f.p.ISO(t) }

// NewsRow is one news address.
type NewsRow struct {
	ID          int64
	Email       string
	Language    string // translated; "" for the default
	ConfirmedAt time.Time
	Expired     bool // unconfirmed, and the link no longer works
	Remove      string
	Resend      string
}

// Confirmed reports whether the address gets news.
func (r NewsRow) Confirmed() bool { return !r.ConfirmedAt.IsZero() }

// LoadOrgRecord reads the record of organization orgID for page p. base
// is the path the forms post under ("/portal/org", "/desk/orgs/7"); in,
// if not nil, is what a failed form held.
func (s *Server) LoadOrgRecord(ctx context.Context, p *Page, base string, orgID int64, in *RecordInput) (OrgRecord, error) {
	saved, err := s.Store.OrgAddresses(ctx, orgID)
	if err != nil {
		return OrgRecord{}, err
	}
	news, err := s.Store.NewsAddresses(ctx, orgID)
	if err != nil {
		return OrgRecord{}, err
	}
	if in == nil {
		in = &RecordInput{}
	}
	var rec OrgRecord
	for _, kind := range org.AddressKinds {
		rec.Addresses = append(rec.Addresses, addressForm(p, base, kind, saved, in))
	}
	rec.News = newsForm(p, base, news, in)
	return rec, nil
}

// addressForm builds the form of one kind: what was typed when it failed,
// else the saved address, else an empty one in the default country.
func addressForm(p *Page, base, kind string, saved []store.OrgAddress, in *RecordInput) AddressForm {
	f := AddressForm{Kind: kind, Action: base + "/addresses/" + kind, p: p}
	a := org.Address{Kind: kind, Country: org.DefaultCountry}
	for _, s := range saved {
		if s.Kind == kind {
			a = org.Address{Kind: kind, Company: s.Company, Department: s.Department, Street: s.Street, Extra: s.Extra,
				PostalCode: s.PostalCode, City: s.City, Country: s.Country, VATID: s.VATID, Email: s.Email}
			f.Saved, f.UpdatedAt = true, s.UpdatedAt
		}
	}
	errs := map[string]string{}
	if in.Address != nil && in.Address.Kind == kind {
		a = *in.Address
		if in.Err != nil {
			for field, key := range in.Err.Fields {
				errs[field] = p.T(key)
			}
			f.Error = p.T("error.form")
		}
	}
	id := func(name string) string { return "addr-" + kind + "-" + name }
	field := func(name, typ, auto, value string, max int) AddressField {
		return AddressField{Name: name, ID: id(name), Type: typ, Label: p.T("org.address." + name), Value: value,
			Error: errs[name], Autocomplete: auto, Max: max}
	}
	f.Fields = []AddressField{
		field("company", "text", "organization", a.Company, org.MaxCompany),
		field("department", "text", "off", a.Department, org.MaxDepartment),
		field("street", "text", "address-line1", a.Street, org.MaxStreet),
		field("extra", "text", "address-line2", a.Extra, org.MaxExtra),
		field("postal_code", "text", "postal-code", a.PostalCode, org.MaxPostalCode),
		field("city", "text", "address-level2", a.City, org.MaxCity),
	}
	if kind == org.AddressInvoice {
		vat := field("vat_id", "text", "off", a.VATID, org.MaxVATID+4) // room for the blanks people type
		vat.Hint = p.T("org.address.vat_id_hint")
		f.Fields = append(f.Fields, vat, field("email", "email", "email", a.Email, org.MaxEmail))
	}
	f.Country = Select{Name: "country", ID: id("country"), Label: p.T("org.address.country"), Error: errs["country"],
		Choices: countryChoices(p, a.Country)}
	return f
}

// countryChoices lists the countries by their names in the page's
// language. A code that is not in the list (typed into a crafted
// request) shows as it is, so that the form holds what was sent.
func countryChoices(p *Page, selected string) []Choice {
	out := make([]Choice, 0, len(org.Countries)+1)
	for _, c := range org.Countries {
		out = append(out, Choice{Value: c, Label: p.T("country." + c), Selected: c == selected})
	}
	slices.SortFunc(out, func(a, b Choice) int { return strings.Compare(sortKey(a.Label), sortKey(b.Label)) })
	if !slices.Contains(org.Countries, selected) {
		out = append([]Choice{{Value: selected, Label: selected, Selected: true}}, out...)
	}
	return out
}

// sortKey folds a country name for sorting: umlauts with their base
// letter, as German lists sort them ("Österreich" among the O).
var sortKey = strings.NewReplacer("Ä", "A", "Ö", "O", "Ü", "U", "ä", "a", "ö", "o", "ü", "u", "ß", "ss").Replace

// newsForm builds the news addresses and the add form.
func newsForm(p *Page, base string, news []*store.NewsAddress, in *RecordInput) NewsForm {
	f := NewsForm{Action: base + "/news", Max: org.MaxNewsAddresses, Full: len(news) >= org.MaxNewsAddresses, p: p}
	now := time.Now()
	for _, n := range news {
		row := NewsRow{ID: n.ID, Email: n.Email, ConfirmedAt: n.ConfirmedAt,
			Expired: !n.Confirmed() && !n.TokenExpires.After(now),
			Remove:  f.Action + "/" + strconv.FormatInt(n.ID, 10) + "/remove",
			Resend:  f.Action + "/" + strconv.FormatInt(n.ID, 10) + "/resend"}
		if n.Language != "" {
			row.Language = p.T("org.news.language." + n.Language)
		}
		f.Rows = append(f.Rows, row)
	}
	lang := p.Lang
	if in.News {
		f.Email, lang = in.NewsEmail, in.NewsLang
		if in.Err != nil {
			if key := in.Err.Fields["email"]; key != "" {
				f.EmailError = p.T(key)
			}
			f.Error = p.T("error.form")
		}
	}
	f.Language = Select{Name: "language", ID: "news-language", Label: p.T("org.news.language")}
	for _, l := range i18n.Languages {
		f.Language.Choices = append(f.Language.Choices, Choice{Value: l, Label: p.T("org.news.language." + l), Selected: l == lang})
	}
	return f
}

// AddressFromForm reads the address form of kind.
func AddressFromForm(f *Form, kind string) org.Address {
	return org.Address{Kind: kind, Company: f.Get("company"), Department: f.Get("department"), Street: f.Get("street"),
		Extra: f.Get("extra"), PostalCode: f.Get("postal_code"), City: f.Get("city"), Country: f.Get("country"),
		VATID: f.Get("vat_id"), Email: f.Get("email")}
}
