package mailout

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"slices"
	"strings"
	"text/template"
	"unicode"
	"unicode/utf8"

	"supportal/internal/model"
	"supportal/internal/plaintext"
	"supportal/internal/store"
)

// Template names: the notifications, and the footer of an agent's reply.
const (
	TemplateReceived      = "received"       // a ticket was opened by mail, API or staff
	TemplateCopy          = "copy"           // a copy of a request sent through the portal
	TemplateReplyFooter   = "reply_footer"   // subject and footer of an agent's reply
	TemplateNewReply      = "new_reply"      // a contact wrote; the other parties learn of it
	TemplateWaiting       = "waiting"        // the ticket waits for the customer, with the reason
	TemplateResolved      = "resolved"       // the ticket was resolved
	TemplateRegistration  = "registration"   // the registration link of a contact created from a mail
	TemplateVerifyEmail   = "verify_email"   // double opt-in of a self-registration
	TemplatePasswordReset = "password_reset" // the link that sets a new password
	TemplateEmailChange   = "email_change"   // confirms a new address before it takes effect
	TemplateInvitation    = "invitation"     // a contact invited by support or a portal admin sets a password
	TemplateNewsOptIn     = "news_optin"     // confirms an address for an organization's product and update news
	TemplateUnitsLow      = "units_low"      // a support contract has a fifth of its units or less left in the period
	TemplateSLAWarning    = "sla_warning"    // a ticket's service-level due time comes within the hour or has passed
	TemplateEscalated     = "escalated"      // a ticket was escalated to a team, with the note for it (to staff)
	TemplateAssigned      = "assigned"       // a ticket was assigned to an agent by someone else (to that agent)
	TemplateTakenOver     = "taken_over"     // an agent took over a ticket another agent had (to that other agent)
	TemplateIdeaStatus    = "idea_status"    // an idea of the feature board changed its status (to its voters and commenters)
	TemplateIdeaMerged    = "idea_merged"    // an idea was merged into another (to its voters)
)

// TemplateNames lists the templates admins may edit, in the order of a
// ticket's life.
func TemplateNames() []string {
	return []string{TemplateReceived, TemplateCopy, TemplateReplyFooter, TemplateNewReply, TemplateWaiting,
		TemplateResolved, TemplateRegistration, TemplateVerifyEmail, TemplatePasswordReset, TemplateEmailChange, TemplateInvitation,
		TemplateNewsOptIn, TemplateUnitsLow, TemplateSLAWarning, TemplateEscalated, TemplateAssigned, TemplateTakenOver,
		TemplateDocumentPublished, TemplateDocumentSigned, TemplateDocumentCountersigned,
		TemplateIdeaStatus, TemplateIdeaMerged, TemplateArticleChanged}
}

// TemplateLanguages lists the languages every template exists in.
func TemplateLanguages() []string { return []string{"en", "de"} }

// Limits of an admin's template.
const (
	maxTemplateSubject = 500
	maxTemplateBody    = 50_000
	maxRendered        = 1 << 20 // output of one execution
)

//go:embed templates/*.txt
var defaultFiles embed.FS

// TemplateText is a template as admins edit it. Custom says it is an
// admin's version rather than the built-in default.
type TemplateText struct {
	Subject string
	Body    string
	Custom  bool
}

// Data is what a template sees. Each field is described for the admins
// who edit the templates:
//
//	{{.Ticket.Number}}   the ticket number, e.g. 10023
//	{{.Ticket.Subject}}  the ticket's subject
//	{{.Ticket.Status}}   the name of its status
//	{{.Contact.Name}}    the recipient's name ({{.Contact.Email}} the address)
//	{{.Agent.Name}}      the agent who replied or changed the status
//	{{.Author.Name}}     who wrote the message a new_reply mail tells of
//	{{.Link}}            the ticket in the portal; in registration the registration link,
//	                     in news_optin the confirmation link, in units_low the contract
//	{{.Organization}}    news_optin: the organization the news are for; units_low: whose units run low
//	{{.Contract.Name}}   units_low: the contract ({{.Contract.Remaining}} units left of
//	                     {{.Contract.Granted}} in the period, {{.Contract.UnitMinutes}} minutes each)
//	{{.Document.Title}}  document_*: the document ({{.Document.Kind}} its kind); {{.Link}} leads to it
//	{{.Reason}}          why the ticket waits for the customer
//	{{.Due}}             sla_warning: the due time, in the recipient's language
//	{{.Overdue}}         sla_warning: true when the due time has passed
//	{{.Team}}            escalated: the team the ticket was escalated to
//	{{.Text}}            the text of the message (copy, new_reply)
//	{{.Waiting}}         reply_footer: true when the reply waits for the customer's answer
//	{{.Resolved}}        reply_footer: true when the reply resolved the ticket
//	{{.BaseURL}}         the address of the help desk
//	{{.Idea.Title}}      idea_status, idea_merged: the idea ({{.Idea.Status}} its status, in the
//	                     recipient's language, {{.Idea.Note}} the agent's note); idea_merged:
//	                     {{.Survivor.Title}} the idea it was merged into, which {{.Link}} opens
//
// The ticket tag [#10023] is added to the subject of every mail about a
// ticket whose template leaves it out: answers find their ticket by it.
type Data struct {
	Ticket   TicketData
	Contact  Person
	Agent    Person
	Author   Person
	Link     string
	Reason   string
	Text     string
	Waiting  bool
	Resolved bool
	BaseURL  string
	Due      string
	Overdue  bool
	// Team is the team an escalated mail is about.
	Team string
	// Organization is the name of the organization a news_optin or
	// units_low mail is about.
	Organization string
	// Contract is the contract a units_low mail is about.
	Contract ContractData
	// Document is the document a document_* mail is about.
	Document DocumentData
	// Idea is the idea an idea_status or idea_merged mail is about;
	// Survivor the idea an idea_merged mail's idea went into.
	Idea, Survivor IdeaData
	// Article is the article an article_changed mail is about.
	Article ArticleData
}

// ContractData is a support contract and its current period's balance
// as templates see them.
type ContractData struct {
	Name        string
	Granted     int64 // units granted in the period
	Remaining   int64 // units left; below zero when more were used
	UnitMinutes int64
}

// TicketData is the ticket as templates see it.
type TicketData struct {
	Number  int64
	Subject string
	Status  string
}

// Person is a user as templates see it.
type Person struct {
	Name  string
	Email string
}

type templateKey struct{ name, lang string }

// loadDefaults reads the built-in templates and checks that each exists
// in every language and runs on sample data.
func loadDefaults() (map[templateKey]TemplateText, error) {
	out := map[templateKey]TemplateText{}
	for _, name := range TemplateNames() {
		for _, lang := range TemplateLanguages() {
			file := "templates/" + name + "." + lang + ".txt"
			raw, err := defaultFiles.ReadFile(file)
			if err != nil {
				return nil, fmt.Errorf("mailout: default template %s: %w", file, err)
			}
			tt, err := splitTemplate(string(raw))
			if err != nil {
				return nil, fmt.Errorf("mailout: default template %s: %w", file, err)
			}
			if _, _, err := execute(tt.Subject, tt.Body, sampleData(name, lang)); err != nil {
				return nil, fmt.Errorf("mailout: default template %s: %w", file, err)
			}
			out[templateKey{name, lang}] = tt
		}
	}
	return out, nil
}

// splitTemplate reads the file format of a template: a first line
// "Subject: …", a blank line, then the body.
func splitTemplate(raw string) (TemplateText, error) {
	raw = strings.ReplaceAll(raw, "\r\n", "\n")
	first, body, _ := strings.Cut(raw, "\n")
	subject, ok := strings.CutPrefix(first, "Subject:")
	if !ok {
		return TemplateText{}, errors.New(`the first line must be "Subject: …"`)
	}
	body, ok = strings.CutPrefix(body, "\n")
	if !ok {
		return TemplateText{}, errors.New("a blank line must follow the subject")
	}
	return TemplateText{Subject: strings.TrimSpace(subject), Body: body}, nil
}

// fieldError is a problem with one field of a template.
type fieldError struct {
	field string
	err   error
}

func (e *fieldError) Error() string { return e.field + ": " + e.err.Error() }
func (e *fieldError) Unwrap() error { return e.err }

// execute runs a subject and a body template on data. The subject comes
// out as one line; the body with Unix line ends and one final newline.
func execute(subject, body string, data Data) (string, string, error) {
	subj, err := run("subject", subject, data)
	if err != nil {
		return "", "", &fieldError{"subject", err}
	}
	text, err := run("body", body, data)
	if err != nil {
		return "", "", &fieldError{"body", err}
	}
	text = strings.TrimRightFunc(strings.ReplaceAll(text, "\r\n", "\n"), unicode.IsSpace)
	return plaintext.Line(subj), strings.TrimLeft(text, "\n") + "\n", nil
}

func run(name, text string, data Data) (string, error) {
	t, err := template.New(name).Option("missingkey=error").Parse(text)
	if err != nil {
		return "", err
	}
	w := &limitedBuffer{max: maxRendered}
	if err := t.Execute(w, data); err != nil {
		return "", err
	}
	return w.String(), nil
}

// limitedBuffer refuses output past max bytes, so that a template cannot
// grow a mail without bound.
type limitedBuffer struct {
	bytes.Buffer
	max int
}

var errTooLong = errors.New("the output is too long")

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if b.Len()+len(p) > b.max {
		return 0, errTooLong
	}
	return b.Buffer.Write(p)
}

// known reports whether name and lang name a template.
func known(name, lang string) bool {
	return slices.Contains(TemplateNames(), name) && slices.Contains(TemplateLanguages(), lang)
}

// supportedLanguage returns lang when templates exist in it, else
// fallback.
func supportedLanguage(lang, fallback string) string {
	lang = strings.ToLower(strings.TrimSpace(lang))
	if i := strings.IndexAny(lang, "-_"); i > 0 {
		lang = lang[:i] // de-CH reads German
	}
	if slices.Contains(TemplateLanguages(), lang) {
		return lang
	}
	return fallback
}

// Template returns the template name in lang as it is used now: an
// admin's version or the default. An unknown name or language is
// model.ErrNotFound.
func (o *Outbox) Template(ctx context.Context, name, lang string) (TemplateText, error) {
	return o.template(ctx, &o.st.Queries, name, lang)
}

func (o *Outbox) template(ctx context.Context, q *store.Queries, name, lang string) (TemplateText, error) {
	if !known(name, lang) {
		return TemplateText{}, fmt.Errorf("mailout: template %s.%s: %w", name, lang, model.ErrNotFound)
	}
	custom, err := q.MailTemplate(ctx, name, lang)
	switch {
	case err == nil:
		return TemplateText{Subject: custom.Subject, Body: custom.Body, Custom: true}, nil
	case errors.Is(err, model.ErrNotFound):
		return o.defaults[templateKey{name, lang}], nil
	default:
		return TemplateText{}, fmt.Errorf("mailout: template %s.%s: %w", name, lang, err)
	}
}

// TemplateError is what SaveTemplate and Preview return for a template
// that is empty, too long, or does not parse or run. It unwraps to a
// *model.ValidationError on the fields "subject" and "body" (key
// "error.template", or "error.required" and "error.too_long"), and to the
// parser's or executor's own error, whose text the page shows beside the
// field.
type TemplateError struct {
	Invalid *model.ValidationError
	Reasons map[string]error // by field: why the template does not parse or run
}

func (e *TemplateError) Error() string {
	var b strings.Builder
	b.WriteString("mailout: template")
	for _, f := range []string{"subject", "body"} {
		if key := e.Invalid.Fields[f]; key != "" {
			fmt.Fprintf(&b, "; %s: %s", f, key)
			if r := e.Reasons[f]; r != nil {
				b.WriteString(": " + r.Error())
			}
		}
	}
	return b.String()
}

// Unwrap returns the validation error, then the reasons of subject and
// body.
func (e *TemplateError) Unwrap() []error {
	out := []error{e.Invalid}
	for _, f := range []string{"subject", "body"} {
		if r := e.Reasons[f]; r != nil {
			out = append(out, r)
		}
	}
	return out
}

// check validates an admin's template by running it on sample data and
// returns the rendered subject and body.
func check(name, lang, subject, body string) (string, string, error) {
	te := &TemplateError{Invalid: &model.ValidationError{}, Reasons: map[string]error{}}
	for _, f := range []struct {
		field, text string
		max         int
	}{{"subject", subject, maxTemplateSubject}, {"body", body, maxTemplateBody}} {
		switch {
		case strings.TrimSpace(f.text) == "":
			te.Invalid.Add(f.field, "error.required")
		case len(f.text) > f.max || !utf8.ValidString(f.text):
			te.Invalid.Add(f.field, "error.too_long")
		}
	}
	if te.Invalid.Err() != nil {
		return "", "", te
	}
	data := sampleData(name, lang)
	subj, subjErr := run("subject", subject, data)
	_, bodyErr := run("body", body, data)
	for field, err := range map[string]error{"subject": subjErr, "body": bodyErr} {
		if err != nil {
			te.Invalid.Add(field, "error.template")
			te.Reasons[field] = err
		}
	}
	if te.Invalid.Err() != nil {
		return "", "", te
	}
	if plaintext.Line(subj) == "" {
		te.Invalid.Add("subject", "error.required")
		return "", "", te
	}
	return execute(subject, body, data)
}

// SaveTemplate stores an admin's version of template name in lang, after
// running it on sample data; by is the admin. A template that does not
// parse or run is a *TemplateError (a *model.ValidationError) and nothing
// is saved. An unknown name or language is model.ErrNotFound.
func (o *Outbox) SaveTemplate(ctx context.Context, name, lang, subject, body string, by int64) error {
	if !known(name, lang) {
		return fmt.Errorf("mailout: template %s.%s: %w", name, lang, model.ErrNotFound)
	}
	subject = strings.TrimSpace(strings.ReplaceAll(subject, "\r\n", "\n"))
	body = strings.ReplaceAll(body, "\r\n", "\n")
	if _, _, err := check(name, lang, subject, body); err != nil {
		return err
	}
	return o.st.SaveMailTemplate(ctx, &store.MailTemplate{Name: name, Language: lang, Subject: subject, Body: body, UpdatedBy: by})
}

// ResetTemplate removes the admin's version of template name in lang, so
// the default applies again.
func (o *Outbox) ResetTemplate(ctx context.Context, name, lang string) error {
	if !known(name, lang) {
		return fmt.Errorf("mailout: template %s.%s: %w", name, lang, model.ErrNotFound)
	}
	return o.st.DeleteMailTemplate(ctx, name, lang)
}

// Preview renders a template on sample data as a mail would carry it.
// With subject and body both empty it renders the template in use. A
// template that does not parse or run is a *TemplateError.
func (o *Outbox) Preview(ctx context.Context, name, lang, subject, body string) (subjectOut, bodyOut string, err error) {
	if !known(name, lang) {
		return "", "", fmt.Errorf("mailout: template %s.%s: %w", name, lang, model.ErrNotFound)
	}
	if strings.TrimSpace(subject) == "" && strings.TrimSpace(body) == "" {
		tt, err := o.Template(ctx, name, lang)
		if err != nil {
			return "", "", err
		}
		subject, body = tt.Subject, tt.Body
	}
	subjectOut, bodyOut, err = check(name, lang, subject, strings.ReplaceAll(body, "\r\n", "\n"))
	if err != nil {
		return "", "", err
	}
	if name != TemplateRegistration && name != TemplateUnitsLow && !isDocumentTemplate(name) && !isIdeaTemplate(name) && name != TemplateArticleChanged {
		subjectOut = withTag(subjectOut, sampleNumber)
	}
	return subjectOut, bodyOut, nil
}

// render runs template name in lang on data, within q. An admin's version
// that fails to run (it was checked when saved, but data differ) gives
// way to the default, so that a template never stops the change that
// sends the mail.
func (o *Outbox) render(ctx context.Context, q *store.Queries, name, lang string, data Data) (string, string, error) {
	tt, err := o.template(ctx, q, name, lang)
	if err != nil {
		return "", "", err
	}
	subject, body, err := execute(tt.Subject, tt.Body, data)
	if err == nil && (subject != "" || !tt.Custom) {
		return subject, body, nil
	}
	if tt.Custom {
		o.log.Warn("mail template fails; using the default", "template", name, "language", lang, "err", err)
		def := o.defaults[templateKey{name, lang}]
		return execute(def.Subject, def.Body, data)
	}
	return "", "", fmt.Errorf("mailout: template %s.%s: %w", name, lang, err)
}

const sampleNumber = 10023

// sampleData is what a template is checked and previewed with.
func sampleData(name, lang string) Data {
	d := Data{
		Ticket:  TicketData{Number: sampleNumber, Subject: "Printer does not print", Status: "Waiting for customer"},
		Contact: Person{Name: "Maria Example", Email: "maria@example.com"},
		Agent:   Person{Name: "Sam Support", Email: "sam@support.example"},
		Author:  Person{Name: "John Example", Email: "john@example.com"},
		Link:    "https://support.example/portal/tickets/10023",
		Reason:  "Please send us the model number printed on the back of the printer.",
		Text:    "Since this morning the printer on the second floor prints only blank pages.\n\nWe have already restarted it.",
		BaseURL: "https://support.example",
	}
	if lang == "de" {
		d.Ticket.Subject, d.Ticket.Status = "Drucker druckt nicht", "Wartet auf Kunde"
		d.Contact, d.Author = Person{Name: "Erika Mustermann", Email: "erika@example.com"}, Person{Name: "Max Mustermann", Email: "max@example.com"}
		d.Reason = "Bitte schicken Sie uns die Modellnummer von der Rückseite des Druckers."
		d.Text = "Seit heute Morgen druckt der Drucker im zweiten Stock nur leere Seiten.\n\nEinen Neustart haben wir schon versucht."
	}
	if isDocumentTemplate(name) {
		documentSample(&d, name, lang)
	}
	switch name {
	case TemplateIdeaStatus, TemplateIdeaMerged:
		d = sampleIdeaData(name, lang, d)
	case TemplateArticleChanged:
		d.Ticket = TicketData{}
		d.Link = "https://support.example/kb/articles/4"
		d.Article = ArticleData{ID: 4, Title: "Printing invoices"}
		if lang == "de" {
			d.Article.Title = "Rechnungen drucken"
		}
	case TemplateRegistration:
		d.Ticket = TicketData{}
		d.Link = "https://support.example/register?token=sample"
	case TemplateReplyFooter:
		d.Waiting = true
	case TemplateSLAWarning:
		d.Link = "https://support.example/desk/tickets/10023"
		d.Due = "Dec 7, 2026 2:30 PM"
		if lang == "de" {
			d.Due = "07.12.2026 14:30"
		}
	case TemplateEscalated, TemplateAssigned, TemplateTakenOver:
		d.Link = "https://support.example/desk/tickets/10023"
		d.Team, d.Text = "2nd level", "The customer's database fails at start-up; please look at the log in the first message."
		if lang == "de" {
			d.Team, d.Text = "2nd Level", "Die Datenbank des Kunden startet nicht; bitte das Log in der ersten Nachricht ansehen."
		}
	case TemplateUnitsLow:
		d.Ticket = TicketData{}
		d.Link = "https://support.example/portal/contracts"
		d.Organization = "Example Ltd"
		d.Contract = ContractData{Name: "Premium support", Granted: 40, Remaining: 6, UnitMinutes: 15}
		if lang == "de" {
			d.Organization, d.Contract.Name = "Beispiel GmbH", "Premium-Support"
		}
	case TemplateNewsOptIn:
		d.Ticket, d.Contact.Name = TicketData{}, ""
		d.Link = "https://support.example/news/confirm?token=sample"
		d.Organization = "Example Ltd"
		if lang == "de" {
			d.Organization = "Beispiel GmbH"
		}
	}
	return d
}
