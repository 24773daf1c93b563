package ticket_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"supportal/internal/model"
	"supportal/internal/testenv"
	"supportal/internal/ticket"
)

// customWorld defines one field of every kind, contacts fill in all but
// the internal ones; "serial" is mandatory for everyone on creation,
// "staff_ref" for staff only, "cause" before resolving.
func customWorld(t *testing.T) *testenv.Env {
	env := testenv.New(t)
	for _, f := range []model.CustomField{
		{Key: "serial", Kind: model.KindText, Labels: model.Labels{"en": "Serial number", "de": "Seriennummer"}, ContactVisible: true, ContactEditable: true, RequiredCreate: true},
		{Key: "notes", Kind: model.KindLongText, ContactVisible: true, ContactEditable: true},
		{Key: "qty", Kind: model.KindNumber, ContactVisible: true, ContactEditable: true},
		{Key: "since", Kind: model.KindDate, ContactVisible: true, ContactEditable: true},
		{Key: "color", Kind: model.KindSelect, Options: []string{"red", "green"}, ContactVisible: true, ContactEditable: true},
		{Key: "parts", Kind: model.KindMultiSelect, Options: []string{"a", "b", "c"}, ContactVisible: true, ContactEditable: true},
		{Key: "agree", Kind: model.KindCheckbox, ContactVisible: true, ContactEditable: true},
		{Key: "shown", Kind: model.KindText, ContactVisible: true},
		{Key: "cause", Kind: model.KindSelect, Options: []string{"hardware", "software"}, RequiredResolve: true},
		{Key: "staff_ref", Kind: model.KindText, RequiredCreate: true},
	} {
		env.CustomField(t, f)
	}
	return env
}

func TestCustomFieldValuesAreCheckedPerKind(t *testing.T) {
	env := customWorld(t)
	ctx := context.Background()
	contact := env.User(t, "a.member")
	for _, tc := range []struct {
		name   string
		values map[string]any
		stored map[string]any // what the ticket keeps; nil: refused
		field  string         // the field of the refusal
		code   string
	}{
		{"text", map[string]any{"serial": "  SN \t 42 "}, map[string]any{"serial": "SN 42"}, "", ""},
		{"text too long", map[string]any{"serial": strings.Repeat("x", 501)}, nil, "serial", "error.too_long"},
		{"text not a string", map[string]any{"serial": 42.0}, nil, "serial", "ticketmodel.error.text"},
		{"long text", map[string]any{"serial": "1", "notes": "line 1\nline 2"}, map[string]any{"notes": "line 1\nline 2"}, "", ""},
		{"long text too long", map[string]any{"serial": "1", "notes": strings.Repeat("x", 10_001)}, nil, "notes", "error.too_long"},
		{"number from JSON", map[string]any{"serial": "1", "qty": 3.0}, map[string]any{"qty": 3.0}, "", ""},
		{"number with a decimal comma", map[string]any{"serial": "1", "qty": "12,5"}, map[string]any{"qty": 12.5}, "", ""},
		{"not a number", map[string]any{"serial": "1", "qty": "twelve"}, nil, "qty", "ticketmodel.error.number"},
		{"date", map[string]any{"serial": "1", "since": "2026-02-28"}, map[string]any{"since": "2026-02-28"}, "", ""},
		{"no such day", map[string]any{"serial": "1", "since": "2026-02-30"}, nil, "since", "ticketmodel.error.date"},
		{"German date", map[string]any{"serial": "1", "since": "28.02.2026"}, nil, "since", "ticketmodel.error.date"},
		{"select", map[string]any{"serial": "1", "color": "green"}, map[string]any{"color": "green"}, "", ""},
		{"select outside its options", map[string]any{"serial": "1", "color": "blue"}, nil, "color", "error.option"},
		{"multi select in option order", map[string]any{"serial": "1", "parts": []any{"c", "a", "c"}}, map[string]any{"parts": []any{"a", "c"}}, "", ""},
		{"multi select outside its options", map[string]any{"serial": "1", "parts": []any{"a", "z"}}, nil, "parts", "error.option"},
		{"multi select not a list", map[string]any{"serial": "1", "parts": "a"}, nil, "parts", "error.option"},
		{"checkbox", map[string]any{"serial": "1", "agree": true}, map[string]any{"agree": true}, "", ""},
		{"unticked checkbox is no value", map[string]any{"serial": "1", "agree": false}, map[string]any{"agree": nil}, "", ""},
		{"checkbox not a bool", map[string]any{"serial": "1", "agree": "perhaps"}, nil, "agree", "ticketmodel.error.checkbox"},
		{"unknown key", map[string]any{"serial": "1", "colour": "red"}, nil, "colour", "error.unknown_field"},
		{"internal field is unknown to a contact", map[string]any{"serial": "1", "cause": "hardware"}, nil, "cause", "error.unknown_field"},
		{"visible field a contact may not edit", map[string]any{"serial": "1", "shown": "x"}, nil, "shown", "ticketmodel.error.not_editable"},
		{"mandatory field missing", map[string]any{"notes": "no serial"}, nil, "serial", "error.required"},
		{"mandatory field empty", map[string]any{"serial": "   "}, nil, "serial", "error.required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tk, err := env.App.Tickets.Create(ctx, contact, ticket.CreateParams{Subject: tc.name, CustomFields: tc.values})
			if tc.stored == nil {
				var v *model.ValidationError
				if !errors.As(err, &v) || v.Fields["custom_fields."+tc.field] != tc.code {
					t.Fatalf("err = %v, want %s on custom_fields.%s", err, tc.code, tc.field)
				}
				if _, ok := v.Fields["custom_fields.staff_ref"]; ok {
					t.Errorf("a contact is asked for a staff field: %v", v)
				}
				return
			}
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			for k, want := range tc.stored {
				if got := model.CustomValueText(tk.CustomFields[k]); got != model.CustomValueText(want) {
					t.Errorf("%s = %#v, want %#v", k, tk.CustomFields[k], want)
				}
				if want == nil {
					if _, ok := tk.CustomFields[k]; ok {
						t.Errorf("%s is stored as %#v, want no value", k, tk.CustomFields[k])
					}
				}
			}
		})
	}
}

func TestStaffFillEveryMandatoryFieldButCallsAndMailDoNot(t *testing.T) {
	env := customWorld(t)
	ctx := context.Background()
	agent := env.User(t, "agent")
	_, err := env.App.Tickets.Create(ctx, agent, ticket.CreateParams{Subject: "by staff", RequesterID: env.User(t, "a.member").ID})
	var v *model.ValidationError
	if !errors.As(err, &v) || v.Fields["custom_fields.serial"] != "error.required" || v.Fields["custom_fields.staff_ref"] != "error.required" {
		t.Fatalf("err = %v, want both mandatory fields named", err)
	}
	tk, err := env.App.Tickets.Create(ctx, agent, ticket.CreateParams{Subject: "by staff", RequesterID: env.User(t, "a.member").ID,
		CustomFields: map[string]any{"serial": "S1", "staff_ref": "R1", "cause": "software"}})
	if err != nil || tk.CustomFields["staff_ref"] != "R1" || tk.CustomFields["cause"] != "software" {
		t.Fatalf("staff create: %v %v", tk, err)
	}
	if _, err := env.App.Tickets.CreateFromCall(ctx, agent, ticket.CallTicketParams{Subject: "A call", RequesterID: env.User(t, "a.member").ID,
		Call: ticket.CallParams{Direction: "in", Number: "+49 170 1234567", Duration: "2", Outcome: "reached"}}); err != nil {
		t.Errorf("a logged call must not ask for custom fields: %v", err)
	}
}

func TestContactSeesOnlyVisibleFieldsAndCannotChangeThem(t *testing.T) {
	env := customWorld(t)
	ctx := context.Background()
	agent, contact := env.User(t, "agent"), env.User(t, "a.member")
	tk, err := env.App.Tickets.Create(ctx, contact, ticket.CreateParams{Subject: "mine", CustomFields: map[string]any{"serial": "S9"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.App.Tickets.Update(ctx, agent, tk.Number, ticket.UpdateParams{CustomFields: map[string]any{"cause": "hardware", "shown": "for you"}}); err != nil {
		t.Fatal(err)
	}
	seen, _, err := env.App.Tickets.Get(ctx, contact, tk.Number)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := seen.CustomFields["cause"]; ok || seen.CustomFields["shown"] != "for you" || seen.CustomFields["serial"] != "S9" {
		t.Errorf("contact sees %v", seen.CustomFields)
	}
	staff, _, _ := env.App.Tickets.Get(ctx, agent, tk.Number)
	if staff.CustomFields["cause"] != "hardware" {
		t.Errorf("staff see %v", staff.CustomFields)
	}
	_, err = env.App.Tickets.Update(ctx, contact, tk.Number, ticket.UpdateParams{CustomFields: map[string]any{"serial": "changed"}})
	if !errors.Is(err, model.ErrForbidden) {
		t.Errorf("contact changing a field: %v, want ErrForbidden", err)
	}
	m, err := env.App.Tickets.ContactModel(ctx, contact)
	if err != nil || m.Field("cause") != nil || m.Field("staff_ref") != nil || m.Field("serial") == nil {
		t.Errorf("the contact's model lists %+v (%v)", m, err)
	}
}

func TestResolvingNeedsTheFieldsRequiredBeforeResolving(t *testing.T) {
	env := customWorld(t)
	ctx := context.Background()
	agent := env.User(t, "agent")
	tk, err := env.App.Tickets.Create(ctx, env.User(t, "a.member"), ticket.CreateParams{Subject: "broken", CustomFields: map[string]any{"serial": "S1"}})
	if err != nil {
		t.Fatal(err)
	}
	resolved := model.CategoryResolved
	_, err = env.App.Tickets.Update(ctx, agent, tk.Number, ticket.UpdateParams{Category: &resolved})
	var v *model.ValidationError
	if !errors.As(err, &v) || v.Fields["custom_fields.cause"] != "ticketmodel.error.required_resolve" {
		t.Fatalf("resolve without cause: %v", err)
	}
	_, err = env.App.Tickets.Reply(ctx, agent, tk.Number, ticket.ReplyParams{Body: "Fixed.", Status: "Resolved"})
	if !errors.As(err, &v) || v.Fields["custom_fields.cause"] == "" {
		t.Fatalf("resolve by reply without cause: %v", err)
	}
	if after, _, _ := env.App.Tickets.Get(ctx, agent, tk.Number); after.Status.Category != model.CategoryNew {
		t.Fatalf("refused changes moved the ticket to %s", after.Status.Name)
	}
	done, err := env.App.Tickets.Update(ctx, agent, tk.Number, ticket.UpdateParams{Category: &resolved, CustomFields: map[string]any{"cause": "software", "qty": "2"}})
	if err != nil || done.Status.Category != model.CategoryResolved || done.CustomFields["cause"] != "software" || done.CustomFields["qty"] != 2.0 {
		t.Fatalf("resolve with cause: %+v, %v", done, err)
	}
	events, err := env.Store.Events(ctx, tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	var history []string
	for _, e := range events {
		if strings.HasPrefix(e.Field, "custom_fields.") {
			history = append(history, e.Field+":"+e.Old+">"+e.New)
		}
	}
	if strings.Join(history, " ") != "custom_fields.qty:>2 custom_fields.cause:>software" {
		t.Errorf("history %v", history)
	}
	// Clearing a value is a change of its own.
	if _, err := env.App.Tickets.Update(ctx, agent, tk.Number, ticket.UpdateParams{CustomFields: map[string]any{"qty": nil}}); err != nil {
		t.Fatal(err)
	}
	if after, _, _ := env.App.Tickets.Get(ctx, agent, tk.Number); after.CustomFields["qty"] != nil {
		t.Errorf("qty not cleared: %v", after.CustomFields)
	}
}

func TestRemovedOptionStaysOnItsTickets(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	agent := env.User(t, "agent")
	tk, err := env.App.Tickets.Create(ctx, env.User(t, "a.member"), ticket.CreateParams{Subject: "low", Priority: "low"})
	if err != nil {
		t.Fatal(err)
	}
	if err := env.Store.DeleteOption(ctx, model.FieldPriority, "", "low"); err != nil {
		t.Fatal(err)
	}
	high := "high"
	if _, err := env.App.Tickets.Update(ctx, agent, tk.Number, ticket.UpdateParams{Type: &high}); err == nil {
		t.Fatal("an unknown type was accepted")
	}
	incident := "incident"
	tk, err = env.App.Tickets.Update(ctx, agent, tk.Number, ticket.UpdateParams{Type: &incident})
	if err != nil || tk.Priority != "low" || tk.Type != "incident" {
		t.Fatalf("update beside a removed value: %+v %v", tk, err)
	}
	if _, err := env.App.Tickets.Create(ctx, env.User(t, "a.member"), ticket.CreateParams{Subject: "x", Priority: "low"}); err == nil {
		t.Error("a removed value is still offered")
	}
}
