// Package replytpl owns reply templates: texts in one language with a
// small fixed set of placeholders, shared by all agents (kept by admins)
// or an agent's own. Expansion is plain substitution of the known
// placeholders; there is no template language with logic.
package replytpl

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"supportal/internal/model"
	"supportal/internal/store"
)

// Limits of a template.
const (
	MaxName = 200
	MaxBody = 20_000
)

// Languages are the languages a template may be written in.
var Languages = []string{"en", "de"}

// Placeholders are the names a template may use, each written as
// {{name}} (blanks inside the braces are allowed).
var Placeholders = []string{
	"ticket.number", "ticket.subject", "ticket.status",
	"contact.name", "contact.first_name", "contact.last_name",
	"agent.name", "agent.first_name",
	"organization.name",
}

// Template is a stored reply template.
type Template = store.ReplyTemplate

// Values are what the placeholders stand for, by placeholder name.
type Values map[string]string

// Person fills the placeholders of a person under prefix ("contact",
// "agent"): the display name, and first and last name, taken from the
// display name when they are not set.
func (v Values) Person(prefix string, u *model.User) {
	if u == nil {
		return
	}
	first, last := u.FirstName, u.LastName
	if first == "" && last == "" {
		first, last, _ = strings.Cut(strings.TrimSpace(u.Name), " ")
	}
	v[prefix+".name"], v[prefix+".first_name"], v[prefix+".last_name"] = u.Name, first, strings.TrimSpace(last)
}

// Expand replaces every known placeholder of body with its value; a
// placeholder without a value becomes empty. Anything else in braces is
// left as it is (validation refuses it before a template is stored).
func Expand(body string, v Values) string {
	var b strings.Builder
	for {
		start, name, end, ok := next(body)
		if !ok {
			b.WriteString(body)
			return b.String()
		}
		b.WriteString(body[:start])
		if known(name) {
			b.WriteString(v[name])
		} else {
			b.WriteString(body[start:end])
		}
		body = body[end:]
	}
}

// Unknown lists the placeholders of body that are not in Placeholders,
// and braces that never close, in order.
func Unknown(body string) []string {
	var out []string
	for {
		start, name, end, ok := next(body)
		if !ok {
			if i := strings.Index(body, "{{"); i >= 0 {
				out = append(out, body[i:])
			}
			return out
		}
		if !known(name) {
			out = append(out, body[start:end])
		}
		body = body[end:]
	}
}

// next finds the first "{{…}}" of s: where it starts and ends and the
// trimmed name inside.
func next(s string) (start int, name string, end int, ok bool) {
	start = strings.Index(s, "{{")
	if start < 0 {
		return 0, "", 0, false
	}
	n := strings.Index(s[start+2:], "}}")
	if n < 0 {
		return 0, "", 0, false
	}
	end = start + 2 + n + 2
	return start, strings.TrimSpace(s[start+2 : start+2+n]), end, true
}

func known(name string) bool {
	for _, p := range Placeholders {
		if p == name {
			return true
		}
	}
	return false
}

// Validate checks and cleans t: a name, a supported language, a text
// within the limit whose placeholders are all known. Form field names are
// the keys.
func Validate(t *Template) *model.ValidationError {
	v := &model.ValidationError{}
	t.Name = strings.TrimSpace(t.Name)
	switch {
	case t.Name == "":
		v.Add("name", "error.required")
	case utf8.RuneCountInString(t.Name) > MaxName:
		v.Add("name", "error.too_long")
	}
	if !validLanguage(t.Language) {
		v.Add("language", "error.option")
	}
	t.Body = strings.TrimSpace(strings.ReplaceAll(strings.ToValidUTF8(t.Body, "\uFFFD"), "\r\n", "\n"))
	switch {
	case t.Body == "":
		v.Add("body", "error.required")
	case utf8.RuneCountInString(t.Body) > MaxBody:
		v.Add("body", "error.too_long")
	case len(Unknown(t.Body)) > 0:
		v.Add("body", "replytpl.error.placeholder")
	}
	return v
}

func validLanguage(lang string) bool {
	for _, l := range Languages {
		if l == lang {
			return true
		}
	}
	return false
}

// TicketValues are the placeholders' values for a reply by agent on t to
// contact; status is t's status name in the template's language.
func TicketValues(t *model.Ticket, status string, contact, agent *model.User) Values {
	v := Values{
		"ticket.number":     strconv.FormatInt(t.Number, 10),
		"ticket.subject":    t.Subject,
		"ticket.status":     status,
		"organization.name": t.OrgName,
	}
	v.Person("contact", contact)
	v.Person("agent", agent)
	return v
}
