package mailout_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"supportal/internal/mailout"
	"supportal/internal/model"
	"supportal/internal/ticket"
)

func TestEveryTemplateHasADefaultInEveryLanguage(t *testing.T) {
	w := newWorld(t, setup{})
	ctx := context.Background()
	for _, name := range mailout.TemplateNames() {
		for _, lang := range mailout.TemplateLanguages() {
			tt, err := w.Outbox.Template(ctx, name, lang)
			if err != nil || tt.Custom || tt.Subject == "" || tt.Body == "" {
				t.Errorf("%s.%s: %+v, %v", name, lang, tt, err)
				continue
			}
			subject, body, err := w.Outbox.Preview(ctx, name, lang, "", "")
			if err != nil || subject == "" || strings.TrimSpace(body) == "" {
				t.Errorf("preview %s.%s: %q %q %v", name, lang, subject, body, err)
			}
			if hasTag := strings.Contains(subject, "[#10023]"); hasTag != (name != mailout.TemplateRegistration && name != mailout.TemplateUnitsLow &&
				name != mailout.TemplateIdeaStatus && name != mailout.TemplateIdeaMerged && name != mailout.TemplateArticleChanged &&
				name != mailout.TemplateDocumentPublished && name != mailout.TemplateDocumentSigned && name != mailout.TemplateDocumentCountersigned) {
				t.Errorf("preview %s.%s subject %q", name, lang, subject)
			}
		}
	}
	if _, err := w.Outbox.Template(ctx, "nonsense", "en"); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("unknown template: %v", err)
	}
	if _, err := w.Outbox.Template(ctx, mailout.TemplateWaiting, "fr"); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("unknown language: %v", err)
	}
}

func TestBrokenTemplateIsRefusedAndNothingSaved(t *testing.T) {
	w := newWorld(t, setup{})
	ctx := context.Background()
	admin := w.User(t, "admin").ID
	for _, tc := range []struct {
		subject, body, field, key string
	}{
		{"Waiting: {{.Ticket.Subjekt}}", "Body", "subject", "error.template"},                     // unknown field: fails when run
		{"Waiting", "Hello {{if .Reason}}without end", "body", "error.template"},                  // does not parse
		{"Waiting", "{{template \"missing\"}}", "body", "error.template"},                         // fails when run
		{"  ", "Body", "subject", "error.required"},                                               // empty
		{"Waiting", strings.Repeat("x", 60_000), "body", "error.too_long"},                        // too long
		{"{{\"\"}}", "Body", "subject", "error.required"},                                         // renders empty
		{"Waiting", "Reason: {{.Reason | printf \"%s\" | nosuchfunc}}", "body", "error.template"}, // unknown function
	} {
		err := w.Outbox.SaveTemplate(ctx, mailout.TemplateWaiting, "en", tc.subject, tc.body, admin)
		var v *model.ValidationError
		if !errors.As(err, &v) || v.Fields[tc.field] != tc.key {
			t.Errorf("%q / %q: err = %v, want %s on %s", tc.subject, tc.body, err, tc.key, tc.field)
			continue
		}
		var te *mailout.TemplateError
		if tc.key == "error.template" && (!errors.As(err, &te) || te.Reasons[tc.field] == nil || !strings.Contains(err.Error(), te.Reasons[tc.field].Error())) {
			t.Errorf("%q / %q: the reason is not carried: %v", tc.subject, tc.body, err)
		}
	}
	saved, err := w.st.MailTemplates(ctx)
	if err != nil || len(saved) != 0 {
		t.Fatalf("saved %+v, %v", saved, err)
	}
	if err := w.Outbox.SaveTemplate(ctx, "nonsense", "en", "s", "b", admin); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("unknown template: %v", err)
	}
}

func TestAdminTemplateIsUsedUntilReset(t *testing.T) {
	w := newWorld(t, setup{})
	ctx := context.Background()
	admin := w.User(t, "admin")
	agent := w.User(t, "agent")
	err := w.Outbox.SaveTemplate(ctx, mailout.TemplateWaiting, "en", "Action needed on {{.Ticket.Subject}}",
		"Dear {{.Contact.Name}},\r\n\r\n{{.Agent.Name}} asks: {{.Reason}}\r\n", admin.ID)
	if err != nil {
		t.Fatal(err)
	}
	tt, err := w.Outbox.Template(ctx, mailout.TemplateWaiting, "en")
	if err != nil || !tt.Custom || tt.Subject != "Action needed on {{.Ticket.Subject}}" || strings.Contains(tt.Body, "\r") {
		t.Fatalf("template %+v, %v", tt, err)
	}
	saved, err := w.st.MailTemplate(ctx, mailout.TemplateWaiting, "en")
	if err != nil || saved.UpdatedBy != admin.ID {
		t.Fatalf("saved %+v, %v", saved, err)
	}
	// The German version is untouched.
	if de, err := w.Outbox.Template(ctx, mailout.TemplateWaiting, "de"); err != nil || de.Custom {
		t.Errorf("German %+v, %v", de, err)
	}

	tk := w.ticketOf(t, "a.member", "VPN drops", "Every hour.", ticket.CreateParams{})
	wait := func() {
		t.Helper()
		_, err := w.App.Tickets.Update(ctx, agent, tk.Number, ticket.UpdateParams{
			Category: ptr(model.CategoryWaitingCustomer), WaitingReason: ptr("Which version?")})
		if err != nil {
			t.Fatal(err)
		}
	}
	wait()
	got := w.mailsTo(t, "a.member@a.example")
	if len(got) != 1 {
		t.Fatalf("mails %+v", got)
	}
	if subj := header(got[0].Msg, "Subject"); subj != "Action needed on VPN drops [#"+itoa(tk.Number)+"]" {
		t.Errorf("subject %q", subj)
	}
	if got[0].Msg.Text != "Dear User a.member,\n\nUser agent asks: Which version?\n" {
		t.Errorf("text %q", got[0].Msg.Text)
	}

	if err := w.Outbox.ResetTemplate(ctx, mailout.TemplateWaiting, "en"); err != nil {
		t.Fatal(err)
	}
	if tt, err := w.Outbox.Template(ctx, mailout.TemplateWaiting, "en"); err != nil || tt.Custom {
		t.Fatalf("after reset %+v, %v", tt, err)
	}
	if _, err := w.App.Tickets.Update(ctx, agent, tk.Number, ticket.UpdateParams{Status: ptr("Open")}); err != nil {
		t.Fatal(err)
	}
	wait()
	got = w.mailsTo(t, "a.member@a.example")
	if len(got) != 2 || !strings.HasPrefix(header(got[1].Msg, "Subject"), "We need your answer:") {
		t.Fatalf("after reset the mail reads %q", header(got[len(got)-1].Msg, "Subject"))
	}
}

func TestPreviewRendersSampleData(t *testing.T) {
	w := newWorld(t, setup{})
	ctx := context.Background()
	subject, body, err := w.Outbox.Preview(ctx, mailout.TemplateNewReply, "de", "Neu: {{.Ticket.Subject}}", "{{.Author.Name}} schreibt:\n{{.Text}}")
	if err != nil {
		t.Fatal(err)
	}
	if subject != "Neu: Drucker druckt nicht [#10023]" || !strings.HasPrefix(body, "Max Mustermann schreibt:\nSeit heute Morgen") {
		t.Errorf("preview %q\n%s", subject, body)
	}
	_, _, err = w.Outbox.Preview(ctx, mailout.TemplateNewReply, "de", "{{.Nope}}", "x")
	var v *model.ValidationError
	if !errors.As(err, &v) || v.Fields["subject"] != "error.template" {
		t.Errorf("broken preview: %v", err)
	}
}
