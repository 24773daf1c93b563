package main

import (
	"context"
	"fmt"
	"strings"

	"supportal/internal/org"
)

func runOrgAdd(ctx context.Context, c *cli, args []string) error {
	fs, cfg := newFlags(c, "org add", "--name N [--domain D]...")
	cfg.RegisterDatabase(fs)
	var name string
	var domains listFlag
	fs.StringVar(&name, "name", "", "the organization's name, unique (required)")
	fs.Var(&domains, "domain", "an email domain of its people (example.com); repeat or separate with commas")
	if err := parse(fs, cfg, args); err != nil {
		return err
	}
	if err := required(fs, "name"); err != nil {
		return err
	}
	a, err := openApp(ctx, c, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	id, err := a.Orgs.Create(ctx, org.NewOrganization{Name: name, Domains: domains})
	if err != nil {
		return explain(err, fs, "an organization with this name or one of these domains exists")
	}
	name, domains = strings.TrimSpace(name), org.NormalizeDomains(domains)
	fmt.Fprintf(c.stderr, "Created organization %s%s.\n", name, withDomains(domains))
	fmt.Fprintln(c.stdout, id)
	return nil
}

func withDomains(domains []string) string {
	if len(domains) == 0 {
		return ""
	}
	return " (" + strings.Join(domains, ", ") + ")"
}
