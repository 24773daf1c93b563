// Package config holds Supportal's settings. Every setting is a command-line
// flag with a SUPPORTAL_* environment equivalent (--data-dir and
// SUPPORTAL_DATA_DIR); a flag wins over the environment, which wins over
// the default. The values are validated once and passed to constructors;
// nothing reads configuration globally.
package config

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/mail"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"supportal/internal/store"
)

// Config is the whole configuration.
type Config struct {
	// Where the data lives.
	DataDir     string // SQLite file and blobs (default ./data)
	DatabaseURL string // postgres://…; empty: SQLite in DataDir

	// Serving.
	Addr            string         // listen address
	BaseURL         string         // how users reach us; links in mail and set-up use it
	Demo            bool           // seed demo data into an empty database
	MaxUpload       int64          // bytes per file
	TrustedProxies  []netip.Prefix // whose X-Forwarded-For to believe
	DefaultLanguage string
	TimeZone        *time.Location
	ShutdownTimeout time.Duration

	// Logging.
	LogLevel  string // debug, info, warn, error
	LogFormat string // text or json

	Mail Mail
}

// Mail configures the email channel.
type Mail struct {
	// In.
	SMTPAddr      string        // address of the built-in SMTP listener; "" keeps it off
	MaxSize       int64         // largest mail accepted, bytes
	IMAPPoll      time.Duration // how often a mailbox without IDLE is polled
	OutboundAllow []string      // hosts or networks that admin-configured servers may be on although private (e.g. 127.0.0.1)

	// Out.
	From       string        // default sender, "Name <address>"; default support@<base-url host>
	Relay      string        // smtp://user:pass@host:587 (STARTTLS), smtps://…:465 (TLS), smtp+insecure://host:25; "" keeps mail in the outbox
	GiveUp     time.Duration // how long delivery of one mail is retried
	DKIMKey    string        // PEM file of the DKIM private key; "" signs nothing
	DKIMSel    string        // DKIM selector
	DKIMDomain string        // DKIM signing domain; default the domain of From
}

// Default returns the defaults.
func Default() Config {
	return Config{
		DataDir:         "data",
		Addr:            "127.0.0.1:8080",
		MaxUpload:       25 << 20,
		DefaultLanguage: "en",
		TimeZone:        time.Local,
		ShutdownTimeout: 15 * time.Second,
		LogLevel:        "info",
		LogFormat:       "text",
		Mail: Mail{
			MaxSize:  40 << 20,
			IMAPPoll: time.Minute,
			GiveUp:   48 * time.Hour,
			DKIMSel:  "supportal",
		},
	}
}

// env returns SUPPORTAL_<NAME> for a flag name such as data-dir.
func env(flagName string) (string, bool) {
	return os.LookupEnv("SUPPORTAL_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_")))
}

// EnvName is the environment variable of a flag.
func EnvName(flagName string) string {
	return "SUPPORTAL_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// RegisterDatabase adds the flags every command that opens the database
// takes.
func (c *Config) RegisterDatabase(fs *flag.FlagSet) {
	stringVar(fs, &c.DataDir, "data-dir", "folder for the SQLite database and stored files")
	stringVar(fs, &c.DatabaseURL, "database-url", "PostgreSQL URL (postgres://user:pass@host/db); empty: SQLite in the data folder")
}

// RegisterServe adds the flags of the server.
func (c *Config) RegisterServe(fs *flag.FlagSet) {
	c.RegisterDatabase(fs)
	stringVar(fs, &c.Addr, "addr", "address to listen on (use :8080 for all interfaces)")
	boolVar(fs, &c.Demo, "demo", "seed demo data into an empty database and print the demo logins")
	fs.Func("max-upload", flagHelp("max-upload", "largest file accepted, in bytes or with KiB/MiB/GiB (default 25MiB)"), func(s string) error {
		n, err := ParseSize(s)
		c.MaxUpload = n
		return err
	})
	fs.Func("trusted-proxies", flagHelp("trusted-proxies", "comma-separated networks of reverse proxies whose X-Forwarded-For is believed"), func(s string) error {
		p, err := parsePrefixes(s)
		c.TrustedProxies = p
		return err
	})
	stringVar(fs, &c.DefaultLanguage, "language", "interface language when neither user nor browser chooses one (en, de)")
	fs.Func("timezone", flagHelp("timezone", "time zone for dates shown (default: the server's)"), func(s string) error {
		loc, err := time.LoadLocation(s)
		c.TimeZone = loc
		return err
	})
	c.RegisterMail(fs)
	stringVar(fs, &c.Mail.SMTPAddr, "smtp-addr", "address of the built-in SMTP listener for incoming mail, e.g. :2525 (default off)")
	fs.DurationVar(&c.Mail.IMAPPoll, "imap-poll", c.Mail.IMAPPoll, flagHelp("imap-poll", "how often to poll a mailbox whose server has no IDLE"))
	fs.Func("outbound-allow", flagHelp("outbound-allow", "comma-separated hosts or networks that mail servers set up in the admin pages may be on although private (e.g. 10.0.0.0/8)"), func(s string) error {
		c.Mail.OutboundAllow = splitList(s)
		return nil
	})
	stringVar(fs, &c.Mail.Relay, "smtp-relay", "SMTP server for outgoing mail: smtp://user:pass@host:587 (STARTTLS), smtps://user:pass@host:465, smtp+insecure://host:25; empty keeps mail in the outbox")
	fs.DurationVar(&c.Mail.GiveUp, "mail-give-up", c.Mail.GiveUp, flagHelp("mail-give-up", "how long to retry delivering a mail before giving up"))
	stringVar(fs, &c.Mail.DKIMKey, "dkim-key", "PEM file with the private key to DKIM-sign outgoing mail")
	stringVar(fs, &c.Mail.DKIMSel, "dkim-selector", "DKIM selector")
	stringVar(fs, &c.Mail.DKIMDomain, "dkim-domain", "DKIM signing domain (default: the domain of --mail-from)")
	stringVar(fs, &c.LogLevel, "log-level", "debug, info, warn or error")
	stringVar(fs, &c.LogFormat, "log-format", "text or json")
	// Environment values for Func flags are applied in ApplyEnv.
}

// ApplyEnv sets, from the environment, the flags of fs that were not given
// on the command line. Call it after fs.Parse.
func ApplyEnv(fs *flag.FlagSet) error {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var errs []error
	fs.VisitAll(func(f *flag.Flag) {
		if given[f.Name] {
			return
		}
		if v, ok := env(f.Name); ok {
			if err := fs.Set(f.Name, v); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", EnvName(f.Name), err))
			}
		}
	})
	return errors.Join(errs...)
}

// RegisterMail adds the mail flags that both the server and "mail ingest"
// take.
func (c *Config) RegisterMail(fs *flag.FlagSet) {
	stringVar(fs, &c.BaseURL, "base-url", "the address users reach the server under; links in mail use it")
	stringVar(fs, &c.Mail.From, "mail-from", "default sender of outgoing mail, e.g. \"Example Support <support@example.com>\" (default support@<base-url host>)")
	fs.Func("max-mail", flagHelp("max-mail", "largest incoming mail, in bytes or with KiB/MiB (default 40MiB)"), func(s string) error {
		n, err := ParseSize(s)
		c.Mail.MaxSize = n
		return err
	})
}

func splitList(s string) []string {
	var out []string
	for p := range strings.SplitSeq(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func flagHelp(name, help string) string { return help + " [" + EnvName(name) + "]" }

func stringVar(fs *flag.FlagSet, p *string, name, help string) {
	fs.StringVar(p, name, *p, flagHelp(name, help))
}

func boolVar(fs *flag.FlagSet, p *bool, name, help string) {
	fs.BoolVar(p, name, *p, flagHelp(name, help))
}

// Validate checks the configuration and fills derived values.
func (c *Config) Validate() error {
	var errs []error
	if c.DatabaseURL != "" && !store.IsPostgres(c.DatabaseURL) {
		errs = append(errs, fmt.Errorf("database-url must start with postgres:// (got %q); leave it empty for SQLite", redact(c.DatabaseURL)))
	}
	if c.DataDir == "" {
		errs = append(errs, errors.New("data-dir must not be empty"))
	}
	if _, port, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("addr must be host:port or :port (got %q)", c.Addr))
	} else if c.BaseURL == "" {
		c.BaseURL = "http://localhost:" + port
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("base-url must be an http(s) URL (got %q)", c.BaseURL))
	}
	c.BaseURL = strings.TrimSuffix(c.BaseURL, "/")
	errs = append(errs, c.validateMail(u)...)
	if c.MaxUpload <= 0 {
		errs = append(errs, errors.New("max-upload must be positive"))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("log-level must be debug, info, warn or error (got %q)", c.LogLevel))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("log-format must be text or json (got %q)", c.LogFormat))
	}
	if c.TimeZone == nil {
		c.TimeZone = time.Local
	}
	return errors.Join(errs...)
}

// validateMail checks the mail settings and fills the default sender from
// the base URL.
func (c *Config) validateMail(base *url.URL) []error {
	var errs []error
	m := &c.Mail
	if m.From == "" && base != nil {
		host := base.Hostname()
		if host == "" || !strings.Contains(host, ".") {
			host = "localhost"
		}
		m.From = "Support <support@" + host + ">"
	}
	if a, err := mail.ParseAddress(m.From); err != nil {
		errs = append(errs, fmt.Errorf("mail-from must be an address such as \"Support <support@example.com>\" (got %q)", m.From))
	} else if m.DKIMDomain == "" {
		_, m.DKIMDomain, _ = strings.Cut(a.Address, "@")
	}
	if m.Relay != "" {
		u, err := url.Parse(m.Relay)
		if err != nil || u.Host == "" || (u.Scheme != "smtp" && u.Scheme != "smtps" && u.Scheme != "smtp+insecure") {
			errs = append(errs, errors.New("smtp-relay must be smtp://host:port, smtps://host:port or smtp+insecure://host:port, with optional user:password@"))
		}
	}
	if m.SMTPAddr != "" {
		if _, _, err := net.SplitHostPort(m.SMTPAddr); err != nil {
			errs = append(errs, fmt.Errorf("smtp-addr must be host:port or :port (got %q)", m.SMTPAddr))
		}
	}
	if m.MaxSize <= 0 {
		errs = append(errs, errors.New("max-mail must be positive"))
	}
	if m.GiveUp <= 0 || m.IMAPPoll <= 0 {
		errs = append(errs, errors.New("mail-give-up and imap-poll must be positive durations such as 48h or 1m"))
	}
	for _, a := range m.OutboundAllow {
		if _, err := netip.ParsePrefix(a); err != nil && strings.ContainsAny(a, "/ ") {
			errs = append(errs, fmt.Errorf("outbound-allow: %q is neither a host nor a network", a))
		}
	}
	return errs
}

// SecureCookies reports whether cookies must be sent over TLS only: when
// users reach us by https.
func (c *Config) SecureCookies() bool { return strings.HasPrefix(c.BaseURL, "https://") }

// DatabaseTarget is what store.Open takes: the PostgreSQL URL or the path
// of the SQLite file in the data folder.
func (c *Config) DatabaseTarget() string {
	if c.DatabaseURL != "" {
		return c.DatabaseURL
	}
	return filepath.Join(c.DataDir, "supportal.db")
}

// BlobDir is where files are kept.
func (c *Config) BlobDir() string { return filepath.Join(c.DataDir, "files") }

// DatabaseName describes the database for logs, without secrets.
func (c *Config) DatabaseName() string {
	if c.DatabaseURL != "" {
		return redact(c.DatabaseURL)
	}
	return "sqlite:" + c.DatabaseTarget()
}

func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparseable URL)"
	}
	return u.Redacted()
}

// ParseSize reads a byte count such as 1048576, 512KiB, 25MiB or 1GiB.
func ParseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	mult := int64(1)
	for suffix, m := range map[string]int64{"KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30, "KB": 1000, "MB": 1000_000, "GB": 1000_000_000} {
		if strings.HasSuffix(s, suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, suffix)), m
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("not a size: %q", s)
	}
	return n * mult, nil
}

func parsePrefixes(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if !strings.Contains(part, "/") {
			a, err := netip.ParseAddr(part)
			if err != nil {
				return nil, err
			}
			out = append(out, netip.PrefixFrom(a, a.BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(part)
		if err != nil {
			return nil, err
		}
		out = append(out, p.Masked())
	}
	return out, nil
}
