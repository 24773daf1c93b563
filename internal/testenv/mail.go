package testenv

import (
	"bytes"
	"context"
	"io"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/jhillyerd/enmime/v2"

	"supportal/internal/store"
)

// Mail is a mail of the outbox as its recipient reads it.
type Mail struct {
	Kind       string
	Recipients []string
	Subject    string
	Text       string // the plain-text part
	Header     func(name string) string
}

// Mails returns the outbox's mails of kind ("" for any) addressed to to
// ("" for anyone), newest first, parsed as a mail client would.
func (e *Env) Mails(t testing.TB, kind, to string) []Mail {
	t.Helper()
	ctx := context.Background()
	list, err := e.App.Store.OutboxMails(ctx, store.OutboxFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var out []Mail
	for _, m := range list {
		if kind != "" && m.Kind != kind {
			continue
		}
		if to != "" && !hasAddress(m.Recipients, to) {
			continue
		}
		r, err := e.App.Blobs.Open(ctx, m.RawKey)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		env, err := enmime.ReadEnvelope(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("outbox mail %d: %v", m.ID, err)
		}
		out = append(out, Mail{Kind: m.Kind, Recipients: m.Recipients, Subject: env.GetHeader("Subject"), Text: env.Text, Header: env.GetHeader})
	}
	return out
}

// MailedLink returns the path and query of the link to path (such as
// "/welcome"; "" for any link with a query) in the newest mail of kind to
// address to, and fails the test when there is none.
func (e *Env) MailedLink(t testing.TB, kind, to, path string) string {
	t.Helper()
	re := regexp.MustCompile(`https?://\S+` + regexp.QuoteMeta(path) + `\?\S+`)
	mails := e.Mails(t, kind, to)
	if len(mails) == 0 {
		t.Fatalf("no %s mail to %s in the outbox", kind, to)
	}
	found := re.FindString(mails[0].Text)
	if found == "" {
		t.Fatalf("%s mail to %s without a link to %s:\n%s", kind, to, path, mails[0].Text)
	}
	u, err := url.Parse(found)
	if err != nil {
		t.Fatal(err)
	}
	return u.Path + "?" + u.RawQuery
}

func hasAddress(list []string, addr string) bool {
	for _, a := range list {
		if strings.EqualFold(a, addr) {
			return true
		}
	}
	return false
}
