package admin

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"supportal/internal/store"
)

// outboxStatuses are the states of an outgoing mail, in the order the
// filter shows them.
var outboxStatuses = []string{store.OutboxPending, store.OutboxFailed, store.OutboxSent}

// outboxListPage is the outbox: every mail written, newest first.
type outboxListPage struct {
	mailPage
	Mails    []*store.OutboxMail
	Status   string // the filter; "": all
	Tabs     []navLink
	NoRelay  bool // nothing is sent: the outbox is a mail catcher
	FirstURL string
	NextURL  string
}

// outboxList shows the outbox with counts per status.
func (h *mailHandler) outboxList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	status := q.Get("status")
	if !slices.Contains(outboxStatuses, status) {
		status = ""
	}
	before, _ := strconv.ParseInt(q.Get("before"), 10, 64)
	counts, err := h.s.Store.OutboxCounts(ctx)
	if err != nil {
		h.s.Error(w, r, fmt.Errorf("admin: %w", err))
		return
	}
	list, err := h.s.Store.OutboxMails(ctx, store.OutboxFilter{Status: status, Before: before, Limit: mailPageSize + 1})
	if err != nil {
		h.s.Error(w, r, fmt.Errorf("admin: %w", err))
		return
	}
	p := &outboxListPage{mailPage: h.page(r, "admin.outbox.title"), Status: status, NoRelay: h.s.Config.Mail.Relay == ""}
	total := 0
	for _, s := range outboxStatuses {
		total += counts[s]
	}
	p.Tabs = append(p.Tabs, navLink{URL: outboxURL("", 0), Label: p.T("admin.outbox.all", "N", total), Current: status == ""})
	for _, s := range outboxStatuses {
		p.Tabs = append(p.Tabs, navLink{URL: outboxURL(s, 0), Label: p.T("admin.outbox.count."+s, "N", counts[s]), Current: status == s})
	}
	if len(list) > mailPageSize {
		list = list[:mailPageSize]
		p.NextURL = outboxURL(status, list[len(list)-1].ID)
	}
	if before > 0 {
		p.FirstURL = outboxURL(status, 0)
	}
	p.Mails = list
	h.s.Render(w, r, http.StatusOK, "admin/outbox_list", p)
}

// outboxURL is the address of a page of the outbox.
func outboxURL(status string, before int64) string {
	v := url.Values{}
	if status != "" {
		v.Set("status", status)
	}
	if before > 0 {
		v.Set("before", strconv.FormatInt(before, 10))
	}
	if len(v) == 0 {
		return "/admin/outbox"
	}
	return "/admin/outbox?" + v.Encode()
}

// StatusLabel names the state of an outgoing mail.
func (p mailPage) StatusLabel(status string) string {
	return p.orRaw("admin.outbox.status."+status, status)
}

// Kind names what an outgoing mail is: a reply or a notification.
func (p mailPage) Kind(kind string) string { return p.orRaw("admin.template.name."+kind, kind) }
