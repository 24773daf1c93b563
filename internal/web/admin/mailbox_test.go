package admin_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"supportal/internal/model"
	"supportal/internal/testenv"
)

const imapPassword = "Imap-Secret-4711"

// mailboxForm is a complete, valid mailbox form with an IMAP account.
func mailboxForm(name, address string) url.Values {
	return url.Values{
		"name": {name}, "address": {address}, "team": {""}, "active": {"1"},
		"imap_host": {"imap.example.com"}, "imap_port": {"993"}, "imap_security": {"tls"},
		"imap_user": {address}, "imap_password": {imapPassword}, "imap_folder": {"INBOX"}, "imap_archive_folder": {""},
	}
}

func TestAdminCreatesEditsAndDeletesMailbox(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	c := env.Session(t, "admin")
	second := strconv.FormatInt(env.Teams["2nd level"], 10)

	form := mailboxForm("Support", "Support@Example.com")
	form.Set("team", second)
	form.Set("imap_archive_folder", "Archive/Done")
	res := c.PostForm("/admin/mailboxes", form)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/mailboxes" {
		t.Fatalf("create: status %d to %q\n%s", res.StatusCode, res.Header.Get("Location"), res.Body)
	}
	list := c.Get("/admin/mailboxes").Body
	mustContain(t, "the mailbox list", list, "The mailbox has been added.", "Support", "support@example.com", "2nd level",
		"IMAP Support@Example.com at imap.example.com:993, folder INBOX")

	mb, err := env.Store.MailboxByName(ctx, "Support")
	if err != nil {
		t.Fatal(err)
	}
	if mb.Address != "support@example.com" || mb.TeamID != env.Teams["2nd level"] || mb.IMAPArchiveFolder != "Archive/Done" || !mb.Active {
		t.Errorf("stored %+v", mb)
	}
	if mb.IMAPPassword == "" || strings.Contains(mb.IMAPPassword, imapPassword) {
		t.Fatalf("the password is stored as %q, not encrypted", mb.IMAPPassword)
	}
	if plain, err := env.App.Keys.Decrypt(mb.IMAPPassword); err != nil || plain != imapPassword {
		t.Fatalf("the stored password decrypts to %q (%v)", plain, err)
	}
	stored := mb.IMAPPassword

	edit := "/admin/mailboxes/" + strconv.FormatInt(mb.ID, 10)
	page := c.Get(edit).Body
	mustContain(t, "the edit form", page, `value="Support"`, `value="imap.example.com"`, "Leave empty to keep the stored password.")
	for _, p := range []string{list, page} {
		mustNotContain(t, "a mailbox page", p, imapPassword, stored)
	}

	// Saving with an empty password field keeps the password.
	form = mailboxForm("Support desk", "support@example.com")
	form.Set("imap_password", "")
	form.Set("imap_port", "10993")
	form.Del("active")
	if res := c.PostForm(edit, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("update: status %d\n%s", res.StatusCode, res.Body)
	}
	mb, _ = env.Store.Mailbox(ctx, mb.ID)
	if mb.Name != "Support desk" || mb.IMAPPort != 10993 || mb.Active || mb.TeamID != 0 || mb.IMAPPassword != stored {
		t.Errorf("after the update: %+v (password kept: %v)", mb, mb.IMAPPassword == stored)
	}
	mustContain(t, "the mailbox list", c.Get("/admin/mailboxes").Body, "The mailbox has been saved.", "Inactive", "The default team")

	// A typed password replaces it.
	form.Set("imap_password", "a new one")
	c.PostForm(edit, form)
	mb, _ = env.Store.Mailbox(ctx, mb.ID)
	if plain, _ := env.App.Keys.Decrypt(mb.IMAPPassword); plain != "a new one" {
		t.Errorf("the new password decrypts to %q", plain)
	}

	// Without an IMAP server the mailbox keeps no password.
	form = url.Values{"name": {"Support desk"}, "address": {"support@example.com"}, "imap_security": {"tls"}, "active": {"1"}}
	if res := c.PostForm(edit, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("update to SMTP only: status %d\n%s", res.StatusCode, res.Body)
	}
	mb, _ = env.Store.Mailbox(ctx, mb.ID)
	if mb.IMAPHost != "" || mb.IMAPPassword != "" || mb.IMAPFolder != "INBOX" {
		t.Errorf("SMTP-only mailbox stored as %+v", mb)
	}
	mustContain(t, "the mailbox list", c.Get("/admin/mailboxes").Body, "SMTP/pipe only")

	// Delete asks for the tick first.
	res = c.PostForm(edit+"/delete", url.Values{})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Tick the box to confirm the deletion.") {
		t.Fatalf("delete without confirmation: status %d", res.StatusCode)
	}
	if _, err := env.Store.Mailbox(ctx, mb.ID); err != nil {
		t.Fatalf("the unconfirmed delete removed the mailbox: %v", err)
	}
	if res := c.PostForm(edit+"/delete", url.Values{"confirm": {"1"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: status %d", res.StatusCode)
	}
	if _, err := env.Store.Mailbox(ctx, mb.ID); !errors.Is(err, model.ErrNotFound) {
		t.Errorf("the mailbox is still there: %v", err)
	}
	mustContain(t, "the mailbox list", c.Get("/admin/mailboxes").Body, "The mailbox has been deleted.", "No mailboxes yet.")
	if res := c.Get(edit); res.StatusCode != http.StatusNotFound {
		t.Errorf("the deleted mailbox's page: status %d", res.StatusCode)
	}
}

func TestMailboxFormRefusesBadInput(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "admin")
	if res := c.PostForm("/admin/mailboxes", mailboxForm("Sales", "sales@example.com")); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("status %d", res.StatusCode)
	}
	for _, tc := range []struct {
		field, value, want string
	}{
		{"address", "not an address", "Enter a valid email address."},
		{"address", "Sales <x@example.com>", "Enter a valid email address."},
		{"address", "SALES@example.com", "There is already a mailbox with this address."},
		{"name", "sales", "There is already a mailbox with this name."},
		{"name", "", "This field is required."},
		{"imap_host", "imaps://imap.example.com", "without imap:// and without a port"},
		{"imap_host", "imap.example.com:993", "without imap:// and without a port"},
		{"imap_host", "imap example com", "without imap:// and without a port"},
		{"imap_port", "0", "Enter a port number from 1 to 65535."},
		{"imap_port", "65536", "Enter a port number from 1 to 65535."},
		{"imap_port", "imap", "Enter a port number from 1 to 65535."},
		{"imap_security", "ssl", "Choose one of the listed values."},
		{"team", "999999", "Choose one of the listed values."},
		{"imap_user", "", "This field is required."},
		{"imap_password", "", "This field is required."},
		{"imap_archive_folder", "INBOX", "The archive folder must differ"},
		{"imap_folder", "IN\x00BOX", "without control characters"},
	} {
		form := mailboxForm("Support", "support@example.com")
		form.Set(tc.field, tc.value)
		res := c.PostForm("/admin/mailboxes", form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, tc.want) {
			t.Errorf("%s=%q: status %d, want 422 with %q", tc.field, tc.value, res.StatusCode, tc.want)
			continue
		}
		mustNotContain(t, "the refused form", res.Body, imapPassword)
	}
	list, _ := env.Store.Mailboxes(context.Background())
	if len(list) != 1 {
		t.Errorf("refused forms created %d mailboxes", len(list)-1)
	}
}

func TestMailboxFormKeepsWhatWasTyped(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "admin")
	form := mailboxForm("Support", "support@example.com")
	form.Set("imap_port", "70000")
	form.Set("imap_security", "starttls")
	form.Set("team", strconv.FormatInt(env.Teams["2nd level"], 10))
	res := c.PostForm("/admin/mailboxes", form)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", res.StatusCode)
	}
	mustContain(t, "the refused form", res.Body, `value="Support"`, `value="imap.example.com"`, `value="70000"`,
		`<option value="starttls" selected>`, `value="`+form.Get("team")+`" selected>`, `aria-invalid="true"`)
}

func TestMailboxErrorsInGerman(t *testing.T) {
	env := testenv.New(t)
	c := env.Session(t, "admin")
	c.Lang = "de"
	form := mailboxForm("Support", "kein-adresse")
	form.Set("imap_port", "0")
	form.Set("imap_host", "https://imap.example.com/")
	res := c.PostForm("/admin/mailboxes", form)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", res.StatusCode)
	}
	mustContain(t, "the German form", res.Body, "Geben Sie eine Portnummer von 1 bis 65535 ein.",
		"ohne imap:// und ohne Port", "Bitte korrigieren", "Postfach", "Verbindungssicherheit")
	mustNotContain(t, "the German form", res.Body, "Enter a port number", "admin.mailbox.")
	mustContain(t, "the German list", c.Get("/admin/mailboxes").Body, "Noch keine Postfächer.")
}

func TestMailPagesAreForAdminsOnly(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	admin := env.Session(t, "admin")
	if res := admin.PostForm("/admin/mailboxes", mailboxForm("Support", "support@example.com")); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("status %d", res.StatusCode)
	}
	mb, err := env.Store.MailboxByName(ctx, "Support")
	if err != nil {
		t.Fatal(err)
	}
	in, out := inboundMail(t, env, "Hello", "x@a.example"), outboxMail(t, env, "Hello")
	id := strconv.FormatInt(mb.ID, 10)
	gets := []string{
		"/admin/mailboxes", "/admin/mailboxes/new", "/admin/mailboxes/" + id,
		"/admin/mail", "/admin/mail/" + in, "/admin/mail/" + in + "/raw",
		"/admin/outbox", "/admin/outbox/" + out, "/admin/outbox/" + out + "/raw",
		"/admin/templates", "/admin/templates/received/en",
	}
	posts := []string{
		"/admin/mailboxes", "/admin/mailboxes/" + id, "/admin/mailboxes/" + id + "/delete", "/admin/mailboxes/" + id + "/test",
		"/admin/outbox/" + out + "/retry",
		"/admin/templates/received/en", "/admin/templates/received/en/preview", "/admin/templates/received/en/reset",
	}
	form := mailboxForm("Taken", "taken@example.com")
	form.Set("confirm", "1")
	form.Set("subject", "x")
	form.Set("body", "y")
	for _, key := range []string{"agent", "agent2", "a.admin", "a.member"} {
		c := env.Session(t, key)
		for _, p := range gets {
			if res := c.Get(p); res.StatusCode != http.StatusNotFound {
				t.Errorf("%s: GET %s gave %d, want 404", key, p, res.StatusCode)
			}
		}
		for _, p := range posts {
			if res := c.PostForm(p, form); res.StatusCode != http.StatusNotFound {
				t.Errorf("%s: POST %s gave %d, want 404", key, p, res.StatusCode)
			}
		}
	}
	anon := env.Anonymous(t)
	for _, p := range gets {
		if res := anon.Get(p); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/login") {
			t.Errorf("visitor: GET %s gave %d to %q, want 303 to /login", p, res.StatusCode, res.Header.Get("Location"))
		}
	}
	if list, _ := env.Store.Mailboxes(ctx); len(list) != 1 {
		t.Errorf("refused requests left %d mailboxes, want 1", len(list))
	}
}
