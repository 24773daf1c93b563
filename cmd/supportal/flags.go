package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"

	"supportal/internal/app"
	"supportal/internal/config"
	"supportal/internal/i18n"
)

// newFlags returns a flag set for a command that reports errors to c and
// a configuration whose flags the command registers on it as it needs.
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
// Positional arguments are refused: every input is a named flag. Every
// mistake here is a usage error (exit code 2).
func parse(fs *flag.FlagSet, cfg *config.Config, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return &exitError{code: 2, err: err}
	}
	if fs.NArg() > 0 {
		return usageError(fs, "unexpected argument %q", fs.Arg(0))
	}
	if err := applyEnv(fs); err != nil {
		return &exitError{code: 2, err: err}
	}
	if err := cfg.Validate(); err != nil {
		return &exitError{code: 2, err: err}
	}
	return nil
}

// applyEnv sets from the environment the flags that were not given and
// whose help names a SUPPORTAL_* variable. A command's own flags (such as
// --email) name none, so a stray SUPPORTAL_EMAIL never fills them.
func applyEnv(fs *flag.FlagSet) error {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	fromEnv := flag.NewFlagSet(fs.Name(), flag.ContinueOnError)
	fs.VisitAll(func(f *flag.Flag) {
		if !given[f.Name] && strings.Contains(f.Usage, "["+config.EnvName(f.Name)+"]") {
			fromEnv.Var(f.Value, f.Name, f.Usage)
		}
	})
	return config.ApplyEnv(fromEnv)
}

// envString registers a string flag that may also come from its SUPPORTAL_*
// variable.
func envString(fs *flag.FlagSet, p *string, name, help string) {
	fs.StringVar(p, name, *p, help+" ["+config.EnvName(name)+"]")
}

// usageError is a mistake on the command line: exit code 2.
func usageError(fs *flag.FlagSet, format string, args ...any) error {
	fs.Usage()
	return &exitError{code: 2, err: fmt.Errorf(format, args...)}
}

// required fails with a usage error for the first of names that is empty
// after trimming.
func required(fs *flag.FlagSet, names ...string) error {
	for _, name := range names {
		if f := fs.Lookup(name); f != nil && strings.TrimSpace(f.Value.String()) == "" {
			return usageError(fs, "--%s is required", name)
		}
	}
	return nil
}

// listFlag collects a flag that may repeat and may hold a comma-separated
// list: --team "1st level" --team "2nd level,Technical".
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	for part := range strings.SplitSeq(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			*l = append(*l, part)
		}
	}
	return nil
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

// checkLanguage refuses an interface language we do not have.
func checkLanguage(fs *flag.FlagSet, lang string) error {
	if lang == "" || slices.Contains(i18n.Languages, lang) {
		return nil
	}
	return usageError(fs, "unknown --language %q: choose %s", lang, strings.Join(i18n.Languages, " or "))
}
