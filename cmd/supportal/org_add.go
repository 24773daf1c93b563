package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"supportal/internal/store"
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
	name = strings.TrimSpace(name)
	if len(name) > 200 {
		return errors.New("--name: this is too long")
	}
	for i, d := range domains {
		domains[i] = strings.ToLower(strings.TrimPrefix(d, "@"))
		if !validDomain(domains[i]) {
			return fmt.Errorf("--domain: %q is not a domain name such as example.com", d)
		}
	}
	a, err := openApp(ctx, c, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	var id int64
	err = a.Store.InTx(ctx, func(q *store.Queries) error {
		id, err = q.CreateOrganization(ctx, store.NewOrganization{Name: name, Domains: domains})
		return err
	})
	if err != nil {
		return explain(err, fs, "an organization with this name or one of these domains exists")
	}
	fmt.Fprintf(c.stderr, "Created organization %s%s.\n", name, withDomains(domains))
	fmt.Fprintln(c.stdout, id)
	return nil
}

// validDomain accepts a host name of at least two labels of letters,
// digits and inner hyphens.
func validDomain(d string) bool {
	labels := strings.Split(d, ".")
	if len(d) > 253 || len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, r := range l {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				return false
			}
		}
	}
	return true
}

func withDomains(domains []string) string {
	if len(domains) == 0 {
		return ""
	}
	return " (" + strings.Join(domains, ", ") + ")"
}
