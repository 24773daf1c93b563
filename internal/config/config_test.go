package config

import (
	"flag"
	"io"
	"strings"
	"testing"
)

func TestFlagBeatsEnvironmentBeatsDefault(t *testing.T) {
	t.Setenv("SUPPORTAL_DATA_DIR", "/from/env")
	t.Setenv("SUPPORTAL_ADDR", ":9999")
	t.Setenv("SUPPORTAL_MAX_UPLOAD", "2MiB")
	cfg := Default()
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	cfg.RegisterServe(fs)
	if err := fs.Parse([]string{"--addr", "127.0.0.1:7000"}); err != nil {
		t.Fatal(err)
	}
	if err := ApplyEnv(fs); err != nil {
		t.Fatal(err)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != "127.0.0.1:7000" || cfg.DataDir != "/from/env" || cfg.MaxUpload != 2<<20 || cfg.LogLevel != "info" {
		t.Errorf("got addr %q, data dir %q, max upload %d, log level %q", cfg.Addr, cfg.DataDir, cfg.MaxUpload, cfg.LogLevel)
	}
	if cfg.BaseURL != "http://localhost:7000" {
		t.Errorf("base URL %q", cfg.BaseURL)
	}
}

func TestValidateNamesEveryProblem(t *testing.T) {
	cfg := Default()
	cfg.DatabaseURL = "mysql://root@x/db"
	cfg.LogLevel = "loud"
	cfg.Addr = "nonsense"
	err := cfg.Validate()
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"database-url", "log-level", "addr"} {
		if !contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"1024": 1024, "25MiB": 25 << 20, "1 GiB": 1 << 30, "5MB": 5_000_000} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "-1", "lots", "0"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) accepted", bad)
		}
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
