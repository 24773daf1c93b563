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
	stringVar(fs, &c.BaseURL, "base-url", "the address users reach the server under (default http://localhost:<port>)")
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
