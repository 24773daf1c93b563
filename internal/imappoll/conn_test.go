package imappoll_test

import (
	"context"
	"strings"
	"testing"

	"supportal/internal/imappoll"
	"supportal/internal/netguard"
	"supportal/internal/store"
)

func TestConnectionTestExplainsWhatFailed(t *testing.T) {
	r := newRig(t, serverOptions{})
	allowed := &netguard.Dialer{Allow: []string{"127.0.0.1"}}
	base := store.Mailbox{
		IMAPHost:     "127.0.0.1",
		IMAPPort:     r.srv.port,
		IMAPSecurity: imappoll.SecurityNone,
		IMAPUser:     imapUser,
		IMAPFolder:   "INBOX",
	}
	tests := []struct {
		name     string
		mod      func(*store.Mailbox)
		password string
		dialer   *netguard.Dialer
		want     string // "" for success
	}{
		{"works", nil, imapPassword, allowed, ""},
		{"works with archive", func(m *store.Mailbox) { m.IMAPArchiveFolder = "Archive" }, imapPassword, allowed, ""},
		{"wrong password", nil, "not-the-password", allowed, "login failed: "},
		{"unknown user", func(m *store.Mailbox) { m.IMAPUser = "nobody" }, imapPassword, allowed, "login failed: "},
		{"missing folder", func(m *store.Mailbox) { m.IMAPFolder = "Support" }, imapPassword, allowed, "folder Support not found"},
		{"missing archive", func(m *store.Mailbox) { m.IMAPArchiveFolder = "Old" }, imapPassword, allowed, "archive folder Old not found"},
		{"loopback refused", nil, imapPassword, &netguard.Dialer{}, "127.0.0.1 is a loopback address; allow it with --outbound-allow"},
		{"TLS to a plain server", func(m *store.Mailbox) { m.IMAPSecurity = imappoll.SecurityTLS }, imapPassword, allowed, "TLS handshake"},
		{"no server", func(m *store.Mailbox) { m.IMAPHost = "" }, imapPassword, allowed, "no IMAP server set"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mb := base
			if tt.mod != nil {
				tt.mod(&mb)
			}
			err := imappoll.Test(context.Background(), &mb, tt.password, tt.dialer)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("Test: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("Test = %v, want an error containing %q", err, tt.want)
			case err != nil && strings.Contains(err.Error(), tt.password):
				t.Fatalf("error %q contains the password", err)
			}
		})
	}
}
