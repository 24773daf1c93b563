package admin

import (
	"net"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"supportal/internal/account"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/web"
)

// IMAP security modes a mailbox may use; the schema allows these only.
var imapSecurity = []string{"tls", "starttls", "none"}

// mailboxForm is what the admin typed into the mailbox form. The password
// is not part of it: it is never shown back.
type mailboxForm struct {
	Name     string
	Address  string
	TeamID   int64
	Host     string
	Port     string
	Security string
	User     string
	Folder   string
	Archive  string
	Active   bool
}

// newMailboxForm is the form of a mailbox not yet created, with the
// usual IMAP settings.
func newMailboxForm() mailboxForm {
	return mailboxForm{Port: "993", Security: "tls", Folder: "INBOX", Active: true}
}

// mailboxFormOf fills the form from a stored mailbox.
func mailboxFormOf(mb *store.Mailbox) mailboxForm {
	return mailboxForm{
		Name: mb.Name, Address: mb.Address, TeamID: mb.TeamID,
		Host: mb.IMAPHost, Port: strconv.Itoa(mb.IMAPPort), Security: mb.IMAPSecurity, User: mb.IMAPUser,
		Folder: mb.IMAPFolder, Archive: mb.IMAPArchiveFolder, Active: mb.Active,
	}
}

// readMailboxForm takes the mailbox fields from a submitted form; the
// password is read separately so that it goes nowhere but the store.
func readMailboxForm(f *web.Form) mailboxForm {
	return mailboxForm{
		Name:     f.Trimmed("name"),
		Address:  f.Trimmed("address"),
		TeamID:   f.Int64("team"),
		Host:     f.Trimmed("imap_host"),
		Port:     f.Trimmed("imap_port"),
		Security: f.Trimmed("imap_security"),
		User:     f.Trimmed("imap_user"),
		Folder:   f.Trimmed("imap_folder"),
		Archive:  f.Trimmed("imap_archive_folder"),
		Active:   f.Get("active") != "",
	}
}

// hostPattern is a DNS name: letters, digits and hyphens in dot-separated
// labels. A scheme, a port or a path does not match.
var hostPattern = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$`)

// validHost reports whether s names a server: a DNS name or an IP
// address, nothing more.
func validHost(s string) bool {
	if net.ParseIP(s) != nil {
		return true
	}
	return len(s) <= 253 && hostPattern.MatchString(s)
}

// validFolder reports whether s can name an IMAP folder: no control
// characters, of sensible length.
func validFolder(s string) bool {
	return len(s) <= 200 && !strings.ContainsFunc(s, unicode.IsControl)
}

// mailboxCheck is what validation compares the form with.
type mailboxCheck struct {
	self        int64 // the mailbox being edited; 0 for a new one
	others      []*store.Mailbox
	teams       []model.Team
	hasPassword bool   // a password is stored already
	password    string // typed, "" to keep the stored one
	needIMAP    bool   // the IMAP settings must be complete (for a connection test)
}

// validate checks the form and fills in the defaults of empty IMAP
// fields. Every problem is reported at once, by field.
func (f *mailboxForm) validate(c mailboxCheck) *model.ValidationError {
	v := &model.ValidationError{}
	switch {
	case f.Name == "":
		v.Add("name", "error.required")
	case len(f.Name) > 200:
		v.Add("name", "error.too_long")
	case slices.ContainsFunc(c.others, func(m *store.Mailbox) bool { return m.ID != c.self && strings.EqualFold(m.Name, f.Name) }):
		v.Add("name", "admin.mailbox.error.name_taken")
	}
	switch {
	case !account.ValidEmail(f.Address):
		v.Add("address", "error.email")
	case slices.ContainsFunc(c.others, func(m *store.Mailbox) bool {
		return m.ID != c.self && m.Address == store.NormalizeEmail(f.Address)
	}):
		v.Add("address", "admin.mailbox.error.address_taken")
	}
	if f.TeamID != 0 && !slices.ContainsFunc(c.teams, func(t model.Team) bool { return t.ID == f.TeamID }) {
		v.Add("team", "error.option")
	}
	if !slices.Contains(imapSecurity, f.Security) {
		v.Add("imap_security", "error.option")
	}
	f.validateIMAP(v, c)
	return v
}

// validateIMAP checks the IMAP account. Without a host the mailbox only
// receives by SMTP or pipe and the other IMAP fields do not matter.
func (f *mailboxForm) validateIMAP(v *model.ValidationError, c mailboxCheck) {
	if f.Port == "" {
		f.Port = "993"
		if f.Security != "tls" {
			f.Port = "143"
		}
	}
	if f.Folder == "" {
		f.Folder = "INBOX"
	}
	if n, err := strconv.Atoi(f.Port); err != nil || n < 1 || n > 65535 {
		v.Add("imap_port", "admin.mailbox.error.port")
	}
	if !validFolder(f.Folder) {
		v.Add("imap_folder", "admin.mailbox.error.folder")
	}
	switch {
	case !validFolder(f.Archive):
		v.Add("imap_archive_folder", "admin.mailbox.error.folder")
	case f.Archive != "" && f.Archive == f.Folder:
		v.Add("imap_archive_folder", "admin.mailbox.error.archive_same")
	}
	switch {
	case f.Host == "" && c.needIMAP:
		v.Add("imap_host", "error.required")
	case f.Host == "":
		return
	case !validHost(f.Host):
		v.Add("imap_host", "admin.mailbox.error.host")
	}
	switch {
	case f.User == "":
		v.Add("imap_user", "error.required")
	case len(f.User) > 320:
		v.Add("imap_user", "error.too_long")
	}
	switch {
	case c.password == "" && !c.hasPassword:
		v.Add("imap_password", "error.required")
	case len(c.password) > 1000:
		v.Add("imap_password", "error.too_long")
	}
}

// apply writes the validated form into mb, leaving the password alone.
func (f *mailboxForm) apply(mb *store.Mailbox) {
	mb.Name, mb.Address, mb.TeamID = f.Name, store.NormalizeEmail(f.Address), f.TeamID
	mb.IMAPHost, mb.IMAPSecurity, mb.IMAPUser = f.Host, f.Security, f.User
	mb.IMAPPort, _ = strconv.Atoi(f.Port)
	mb.IMAPFolder, mb.IMAPArchiveFolder, mb.Active = f.Folder, f.Archive, f.Active
}
