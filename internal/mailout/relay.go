package mailout

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/textproto"
	"net/url"
	"slices"
	"strings"
	"supportal/internal/plaintext"
	"time"

	"github.com/wneessen/go-mail/smtp"
)

// ioTimeout bounds connecting and every read or write of an SMTP session.
const ioTimeout = 30 * time.Second

// relay is the SMTP server all mail goes through. The relay is set by the
// operator (flag or environment), not in the admin pages, so it may be a
// local or private host such as a submission agent on localhost.
type relay struct {
	scheme string // smtp (STARTTLS required), smtps (TLS), smtp+insecure (no TLS)
	addr   string // host:port
	host   string
	user   string
	pass   string
	tls    *tls.Config
	helo   string
}

// parseRelay reads smtp://user:pass@host:587, smtps://…:465 or
// smtp+insecure://host:25. Errors never repeat the URL: it may hold a
// password.
func parseRelay(raw string, roots *x509.CertPool, helo string) (*relay, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		return nil, errors.New("mailout: the SMTP relay must be a URL such as smtp://user:password@host:587")
	}
	defaults := map[string]string{"smtp": "587", "smtps": "465", "smtp+insecure": "25"}
	port, ok := defaults[u.Scheme]
	if !ok {
		return nil, fmt.Errorf("mailout: SMTP relay scheme %q: use smtp, smtps or smtp+insecure", u.Scheme)
	}
	if u.Port() != "" {
		port = u.Port()
	}
	r := &relay{scheme: u.Scheme, host: u.Hostname(), addr: net.JoinHostPort(u.Hostname(), port), helo: helo}
	if u.User != nil {
		r.user = u.User.Username()
		r.pass, _ = u.User.Password()
	}
	if r.helo == "" {
		r.helo = "localhost"
	}
	r.tls = &tls.Config{ServerName: r.host, RootCAs: roots, MinVersion: tls.VersionTLS12}
	return r, nil
}

// String names the relay for logs, without credentials.
func (r *relay) String() string { return r.scheme + "://" + r.addr }

// sent is what the relay answered to a mail it took.
type sent struct {
	reply    string   // the reply to the end of DATA
	rejected []string // recipients refused for good, each "address: reason"
}

// smtpError is a failure of one SMTP command; permanent when the server
// refused the mail itself (5xx to RCPT or DATA), so retrying cannot help.
type smtpError struct {
	step      string
	err       error
	permanent bool
}

func (e *smtpError) Error() string { return e.step + ": " + e.err.Error() }
func (e *smtpError) Unwrap() error { return e.err }

// permanent reports whether err means the mail can never be delivered.
func permanent(err error) bool {
	var se *smtpError
	return errors.As(err, &se) && se.permanent
}

// code5xx reports whether err is a 5xx reply of the server.
func code5xx(err error) bool {
	var te *textproto.Error
	return errors.As(err, &te) && te.Code >= 500 && te.Code < 600
}

// send delivers one message to the relay. Recipients the relay refuses
// for good are reported in sent.rejected and the rest still get the mail;
// if it refuses all, the error is permanent. A refusal for now (4xx) of
// any recipient fails the whole attempt, to be retried for all.
func (r *relay) send(ctx context.Context, from string, to []string, msg []byte) (sent, error) {
	c, release, err := r.dial(ctx)
	if err != nil {
		return sent{}, err
	}
	defer release()
	if err := c.Mail(from); err != nil {
		return sent{}, &smtpError{step: "MAIL FROM", err: err}
	}
	var res sent
	accepted := 0
	for _, rcpt := range to {
		err := c.Rcpt(rcpt)
		switch {
		case err == nil:
			accepted++
		case code5xx(err):
			res.rejected = append(res.rejected, rcpt+": "+plaintext.Line(err.Error()))
		default:
			return sent{}, &smtpError{step: "RCPT TO " + rcpt, err: err}
		}
	}
	if accepted == 0 {
		return sent{}, &smtpError{step: "RCPT TO", err: errors.New(strings.Join(res.rejected, "; ")), permanent: true}
	}
	w, err := c.Data()
	if err != nil {
		return sent{}, &smtpError{step: "DATA", err: err, permanent: code5xx(err)}
	}
	if _, err := w.Write(msg); err != nil {
		return sent{}, &smtpError{step: "DATA", err: err}
	}
	if err := w.Close(); err != nil {
		return sent{}, &smtpError{step: "end of DATA", err: err, permanent: code5xx(err)}
	}
	if dc, ok := w.(*smtp.DataCloser); ok {
		res.reply = dc.ServerResponse()
	}
	_ = c.Quit() // the mail is taken; a failing goodbye changes nothing
	return res, nil
}

// dial connects, secures the connection as the scheme demands and signs
// in. Every read and write has ioTimeout; ctx ending closes the
// connection.
func (r *relay) dial(ctx context.Context) (*smtp.Client, func(), error) {
	d := net.Dialer{Timeout: ioTimeout}
	raw, err := d.DialContext(ctx, "tcp", r.addr)
	if err != nil {
		return nil, nil, &smtpError{step: "connect", err: err}
	}
	stop := context.AfterFunc(ctx, func() { raw.Close() })
	release := func() {
		stop()
		raw.Close()
	}
	c, err := r.open(ctx, deadlineConn{Conn: raw, timeout: ioTimeout})
	if err != nil {
		release()
		return nil, nil, err
	}
	return c, release, nil
}

func (r *relay) open(ctx context.Context, conn net.Conn) (*smtp.Client, error) {
	if r.scheme == "smtps" {
		tc := tls.Client(conn, r.tls)
		if err := tc.HandshakeContext(ctx); err != nil {
			return nil, &smtpError{step: "TLS", err: err}
		}
		conn = tc
	}
	c, err := smtp.NewClient(conn, r.host)
	if err != nil {
		return nil, &smtpError{step: "greeting", err: err}
	}
	if err := c.Hello(r.helo); err != nil {
		return nil, &smtpError{step: "EHLO", err: err}
	}
	if r.scheme == "smtp" {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return nil, &smtpError{step: "STARTTLS", err: errors.New("the relay does not offer STARTTLS, which smtp:// requires (use smtp+insecure:// to send without TLS)")}
		}
		if err := c.StartTLS(r.tls); err != nil {
			return nil, &smtpError{step: "STARTTLS", err: err}
		}
	}
	if r.user != "" {
		if err := r.auth(c); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// auth signs in with PLAIN, else LOGIN, and only over TLS (or to
// localhost): the password never crosses the network in clear.
func (r *relay) auth(c *smtp.Client) error {
	ok, mechs := c.Extension("AUTH")
	if !ok {
		return &smtpError{step: "AUTH", err: errors.New("the relay offers no AUTH but a user is configured")}
	}
	var a smtp.Auth
	switch fields := strings.Fields(strings.ToUpper(mechs)); {
	case slices.Contains(fields, "PLAIN"):
		a = smtp.PlainAuth("", r.user, r.pass, r.host, false)
	case slices.Contains(fields, "LOGIN"):
		a = smtp.LoginAuth(r.user, r.pass, r.host, false)
	default:
		return &smtpError{step: "AUTH", err: fmt.Errorf("the relay offers neither PLAIN nor LOGIN (only %s)", mechs)}
	}
	if err := c.Auth(a); err != nil {
		return &smtpError{step: "AUTH", err: err}
	}
	return nil
}

// deadlineConn gives every read and write its own deadline, so a relay
// that stops answering cannot hold a sender forever.
type deadlineConn struct {
	net.Conn
	timeout time.Duration
}

func (c deadlineConn) Read(p []byte) (int, error) {
	if err := c.Conn.SetReadDeadline(time.Now().Add(c.timeout)); err != nil {
		return 0, err
	}
	return c.Conn.Read(p)
}

func (c deadlineConn) Write(p []byte) (int, error) {
	if err := c.Conn.SetWriteDeadline(time.Now().Add(c.timeout)); err != nil {
		return 0, err
	}
	return c.Conn.Write(p)
}
