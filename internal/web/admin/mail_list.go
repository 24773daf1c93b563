package admin

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"supportal/internal/store"
)

// mailPageSize is how many received mails one page of the log shows.
const mailPageSize = 50

// mailListPage is the log of received mail.
type mailListPage struct {
	mailPage
	Mails    []*store.InboundMail
	Problems bool
	FirstURL string
	NextURL  string
}

// mailList shows the received mails, newest first, a page at a time.
func (h *mailHandler) mailList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	problems := q.Get("problems") != ""
	before, _ := strconv.ParseInt(q.Get("before"), 10, 64)
	list, err := h.s.Store.InboundMails(r.Context(), store.InboundFilter{Problems: problems, Before: before, Limit: mailPageSize + 1})
	if err != nil {
		h.s.Error(w, r, fmt.Errorf("admin: mail log: %w", err))
		return
	}
	p := &mailListPage{mailPage: h.page(r, "admin.mail.title"), Problems: problems}
	link := func(before int64) string {
		v := url.Values{}
		if problems {
			v.Set("problems", "1")
		}
		if before > 0 {
			v.Set("before", strconv.FormatInt(before, 10))
		}
		if len(v) == 0 {
			return "/admin/mail"
		}
		return "/admin/mail?" + v.Encode()
	}
	if len(list) > mailPageSize {
		list = list[:mailPageSize]
		p.NextURL = link(list[len(list)-1].ID)
	}
	if before > 0 {
		p.FirstURL = link(0)
	}
	p.Mails = list
	h.s.Render(w, r, http.StatusOK, "admin/mail_list", p)
}

// Source names how a mail arrived.
func (p mailPage) Source(kind string) string { return p.orRaw("admin.mail.source."+kind, kind) }

// Reason explains why a mail was ignored or not threaded: known reasons
// are translated, others shown as recorded.
func (p mailPage) Reason(reason string) string {
	key := []byte(reason)
	for i, c := range key {
		if c == ' ' || c == '-' {
			key[i] = '_'
		}
	}
	return p.orRaw("admin.mail.reason."+string(key), reason)
}

// orRaw translates key, or gives raw when the catalogue lacks the key.
func (p mailPage) orRaw(key, raw string) string {
	if s, ok := p.Lookup(key); ok {
		return s
	}
	return raw
}

// outcomeView is what became of a received mail, ready to show.
type outcomeView struct {
	Outcome string
	Label   string
	Number  int64 // of the ticket it opened or joined; 0: none
	Reason  string
}

// Outcome describes what became of m.
func (p mailPage) Outcome(m *store.InboundMail) outcomeView {
	o := outcomeView{Outcome: m.Outcome, Label: p.orRaw("admin.mail.outcome."+m.Outcome, m.Outcome), Number: m.Number}
	if m.Reason != "" {
		o.Reason = p.Reason(m.Reason)
	}
	return o
}
