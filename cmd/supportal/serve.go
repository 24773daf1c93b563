package main

import (
	"context"
	"fmt"
	"net"

	"supportal/internal/app"
	"supportal/internal/demo"
)

func runServe(ctx context.Context, c *cli, args []string) error {
	fs, cfg := newFlags(c, "serve", "[flags]")
	cfg.RegisterServe(fs)
	if err := parse(fs, cfg, args); err != nil {
		return err
	}
	log := newLogger(cfg, c.stderr)
	a, err := app.Open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	log.Info("database ready", "database", cfg.DatabaseName())
	demoReady := false
	if cfg.Demo {
		seeded, err := demo.Seed(ctx, demo.Deps{Store: a.Store, Accounts: a.Accounts, Tickets: a.Tickets, Inbound: a.Inbound, Clock: a.Clock})
		if err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
		if seeded {
			log.Info("demo data created")
		}
		if demoReady, err = demo.Installed(ctx, a.Store); err != nil {
			return err
		}
	}
	hasAdmin, err := a.Store.HasAdmin(ctx)
	if err != nil {
		return err
	}
	return a.Serve(ctx, func(addr net.Addr) {
		log.Info("listening", "addr", addr.String(), "url", cfg.BaseURL)
		fmt.Fprintf(c.stdout, "Supportal is running at %s\n", cfg.BaseURL)
		switch {
		case demoReady:
			demo.PrintLogins(c.stdout, cfg.BaseURL)
		case cfg.Demo:
			fmt.Fprintln(c.stdout, "\nThe database already holds tickets, so no demo data was added.")
		case !hasAdmin:
			token, err := a.Accounts.NewSetupToken(ctx)
			if err != nil {
				log.Error("creating the set-up link", "err", err)
				return
			}
			fmt.Fprintf(c.stdout, "\nNo administrator exists yet. Open this link once to create one (valid for 24 hours):\n\n  %s/setup?token=%s\n\n", cfg.BaseURL, token)
		}
	})
}
