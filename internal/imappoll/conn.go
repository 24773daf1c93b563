package imappoll

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"supportal/internal/netguard"
	"supportal/internal/store"
)

// Connection security of a mailbox (store.Mailbox.IMAPSecurity).
const (
	SecurityTLS      = "tls"      // implicit TLS, port 993
	SecurityStartTLS = "starttls" // STARTTLS on port 143
	SecurityNone     = "none"     // plain text; for servers on a trusted network
)

// commandTimeout bounds how long the server may take to answer one
// command; the client library waits for an answer without a limit.
const commandTimeout = 2 * time.Minute

// fetchTimeout bounds the download of one message.
const fetchTimeout = 10 * time.Minute

// ingestTimeout bounds the storing of one message; the server ends a
// session that stays silent for 30 minutes (RFC 9051 5.4).
const ingestTimeout = 5 * time.Minute

// connectOptions is how to reach a mailbox's server.
type connectOptions struct {
	Dialer    *netguard.Dialer
	TLSConfig *tls.Config // roots and the like; nil: the system's
	Handler   *imapclient.UnilateralDataHandler
}

// addr is the host:port of mb's server, with the port of its security
// when none is set.
func addr(mb *store.Mailbox) string {
	port := mb.IMAPPort
	if port == 0 {
		port = 143
		if mb.IMAPSecurity == SecurityTLS || mb.IMAPSecurity == "" {
			port = 993
		}
	}
	return net.JoinHostPort(mb.IMAPHost, strconv.Itoa(port))
}

// folder is the folder mb's mail arrives in.
func folder(mb *store.Mailbox) string {
	if mb.IMAPFolder == "" {
		return "INBOX"
	}
	return mb.IMAPFolder
}

// connect opens a session on mb's server, signs in and selects the folder.
// The errors are worded for an admin and never contain the password.
func connect(ctx context.Context, mb *store.Mailbox, password string, o connectOptions) (*imapclient.Client, error) {
	if o.Dialer == nil {
		return nil, errors.New("no outbound dialer configured")
	}
	where := addr(mb)
	conn, err := o.Dialer.DialContext(ctx, "tcp", where)
	if err != nil {
		return nil, err
	}
	// Until the folder is open, a cancelled ctx or a silent server ends
	// the attempt.
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	timer := time.AfterFunc(commandTimeout, func() { conn.Close() })
	defer timer.Stop()

	c, err := handshake(ctx, conn, mb, o)
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	if err := c.Login(mb.IMAPUser, password).Wait(); err != nil {
		c.Close()
		return nil, fmt.Errorf("login failed: %s", serverText(err))
	}
	if _, err := c.Select(folder(mb), &imap.SelectOptions{}).Wait(); err != nil {
		c.Close()
		var ie *imap.Error
		if errors.As(err, &ie) && ie.Type == imap.StatusResponseTypeNo {
			return nil, fmt.Errorf("folder %s not found (%s)", folder(mb), serverText(err))
		}
		return nil, fmt.Errorf("open folder %s: %s", folder(mb), serverText(err))
	}
	return c, nil
}

// handshake sets up the connection's security and waits for the greeting.
func handshake(ctx context.Context, conn net.Conn, mb *store.Mailbox, o connectOptions) (*imapclient.Client, error) {
	opts := &imapclient.Options{UnilateralDataHandler: o.Handler}
	cfg := &tls.Config{}
	if o.TLSConfig != nil {
		cfg = o.TLSConfig.Clone()
	}
	if cfg.ServerName == "" {
		cfg.ServerName = mb.IMAPHost
	}
	var c *imapclient.Client
	switch mb.IMAPSecurity {
	case SecurityTLS, "":
		if cfg.NextProtos == nil {
			cfg.NextProtos = []string{"imap"}
		}
		tc := tls.Client(conn, cfg)
		if err := tc.HandshakeContext(ctx); err != nil {
			return nil, fmt.Errorf("TLS handshake: %w", err)
		}
		c = imapclient.New(tc, opts)
	case SecurityStartTLS:
		opts.TLSConfig = cfg
		var err error
		if c, err = imapclient.NewStartTLS(conn, opts); err != nil {
			return nil, fmt.Errorf("STARTTLS: %s", serverText(err))
		}
	case SecurityNone:
		c = imapclient.New(conn, opts)
	default:
		return nil, fmt.Errorf("unknown connection security %q", mb.IMAPSecurity)
	}
	if err := c.WaitGreeting(); err != nil {
		c.Close()
		return nil, fmt.Errorf("no IMAP greeting: %w", err)
	}
	return c, nil
}

// serverText is the server's words in an IMAP error, else the error.
func serverText(err error) string {
	var ie *imap.Error
	if errors.As(err, &ie) {
		if ie.Text != "" {
			return ie.Text
		}
		return string(ie.Type)
	}
	return err.Error()
}

// Test signs in to mb's server with password, opens its folder, checks
// that the archive folder exists when one is set, and signs out: the
// admin page's "test connection". The error says what failed in words for
// an admin: "login failed: …", "folder INBOX not found (…)".
func Test(ctx context.Context, mb *store.Mailbox, password string, d *netguard.Dialer) error {
	return test(ctx, mb, password, connectOptions{Dialer: d})
}

// test is Test with all connection options.
func test(ctx context.Context, mb *store.Mailbox, password string, o connectOptions) error {
	if mb.IMAPHost == "" {
		return errors.New("no IMAP server set")
	}
	c, err := connect(ctx, mb, password, o)
	if err != nil {
		return scrub(err, password)
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()
	timer := time.AfterFunc(commandTimeout, func() { c.Close() })
	defer timer.Stop()
	if mb.IMAPArchiveFolder != "" {
		_, err := c.Status(mb.IMAPArchiveFolder, &imap.StatusOptions{NumMessages: true}).Wait()
		if err != nil {
			return scrub(fmt.Errorf("archive folder %s not found (%s)", mb.IMAPArchiveFolder, serverText(err)), password)
		}
	}
	if err := c.Logout().Wait(); err != nil {
		return scrub(fmt.Errorf("logout: %s", serverText(err)), password)
	}
	return nil
}

// scrub removes password from an error's text, in case a server echoes
// what it was sent.
func scrub(err error, password string) error {
	if err == nil || len(password) < 3 || !strings.Contains(err.Error(), password) {
		return err
	}
	return errors.New(scrubText(err.Error(), password))
}

// scrubText removes password from s.
func scrubText(s, password string) string {
	if len(password) < 3 {
		return s
	}
	return strings.ReplaceAll(s, password, "[password]")
}
