package admin

import (
	"net/http"
	"strings"

	"supportal/internal/web"
)

// mailPage is the base of the email channel's pages: a web page with the
// navigation between them.
type mailPage struct {
	*web.Page
}

// navLink is one entry of the navigation between the mail pages.
type navLink struct {
	URL     string
	Label   string
	Current bool
}

// MailNav lists the mail pages, the one shown marked.
func (p mailPage) MailNav() []navLink {
	links := []navLink{
		{URL: "/admin/mailboxes", Label: p.T("admin.mailboxes.title")},
		{URL: "/admin/mail", Label: p.T("admin.mail.title")},
		{URL: "/admin/outbox", Label: p.T("admin.outbox.title")},
		{URL: "/admin/templates", Label: p.T("admin.templates.title")},
	}
	for i, l := range links {
		links[i].Current = p.Path == l.URL || strings.HasPrefix(p.Path, l.URL+"/")
	}
	return links
}

// page starts the data of a mail page; titleKey is the catalogue key of
// its title.
func (h *mailHandler) page(r *http.Request, titleKey string, args ...any) mailPage {
	return mailPage{Page: h.s.NewPage(r, titleKey, args...)}
}
