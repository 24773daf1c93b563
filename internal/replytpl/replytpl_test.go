package replytpl_test

import (
	"testing"

	"supportal/internal/model"
	"supportal/internal/replytpl"
)

func TestExpandFillsKnownPlaceholdersOnly(t *testing.T) {
	tk := &model.Ticket{Number: 10042, Subject: "Drucker", OrgName: "Org A"}
	contact := &model.User{Name: "Jürgen Müller"} // no first and last name set: taken from the name
	agent := &model.User{Name: "Anna Agent", FirstName: "Anna", LastName: "Agent"}
	v := replytpl.TicketValues(tk, "Gelöst", contact, agent)
	for _, tc := range []struct{ in, want string }{
		{"Hallo {{contact.first_name}} {{ contact.last_name }}", "Hallo Jürgen Müller"},
		{"#{{ticket.number}} {{ticket.subject}}: {{ticket.status}}", "#10042 Drucker: Gelöst"},
		{"{{organization.name}} / {{agent.first_name}} / {{agent.name}}", "Org A / Anna / Anna Agent"},
		{"{{contact.name}}{{contact.name}}", "Jürgen MüllerJürgen Müller"},
		{"{{unknown}} and {{ticket.number", "{{unknown}} and {{ticket.number"},
		{"{{.Secret}} {{printf \"%s\" 1}}", "{{.Secret}} {{printf \"%s\" 1}}"},
	} {
		if got := replytpl.Expand(tc.in, v); got != tc.want {
			t.Errorf("Expand(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestValidateRefusesUnknownPlaceholders(t *testing.T) {
	for _, tc := range []struct {
		body string
		ok   bool
	}{
		{"Hello {{contact.first_name}}", true},
		{"No placeholders { at all }", true},
		{"Hello {{contact.email}}", false},
		{"Hello {{ticket.number", false},
		{"{{if .Waiting}}x{{end}}", false},
	} {
		tpl := replytpl.Template{Name: "n", Language: "en", Body: tc.body}
		err := replytpl.Validate(&tpl).Err()
		if (err == nil) != tc.ok {
			t.Errorf("Validate(%q) = %v, want ok %v", tc.body, err, tc.ok)
		}
	}
}
