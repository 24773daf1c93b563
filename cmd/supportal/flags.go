package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"supportal/internal/app"
	"supportal/internal/config"
)

// newFlags returns a flag set for a command that reports errors to c and
// a configuration whose database flags are registered on it.
func newFlags(c *cli, name, usage string) (*flag.FlagSet, *config.Config) {
	fs := flag.NewFlagSet("supportal "+name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.Usage = func() {
		fmt.Fprintf(c.stderr, "Usage: supportal %s %s\n\nFlags:\n", name, usage)
		fs.PrintDefaults()
	}
	cfg := config.Default()
	return fs, &cfg
}

// parse parses args, applies the environment and validates the result.
// Positional arguments are refused: every input is a named flag.
func parse(fs *flag.FlagSet, cfg *config.Config, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError(fs, "unexpected argument %q", fs.Arg(0))
	}
	if err := config.ApplyEnv(fs); err != nil {
		return err
	}
	return cfg.Validate()
}

// usageError is a mistake on the command line: exit code 2.
func usageError(fs *flag.FlagSet, format string, args ...any) error {
	fs.Usage()
	return &exitError{code: 2, err: fmt.Errorf(format, args...)}
}

// newLogger logs to w as the configuration says.
func newLogger(cfg *config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// openApp opens and migrates the configured database for a command that
// works beside a running server. Commands log only warnings.
func openApp(ctx context.Context, c *cli, cfg *config.Config) (*app.App, error) {
	log := slog.New(slog.NewTextHandler(c.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	return app.Open(ctx, cfg, log)
}
