package main

import (
	"context"
	"fmt"
	"strings"

	"supportal/internal/account"
	"supportal/internal/i18n"
)

func runAgentAdd(ctx context.Context, c *cli, args []string) error {
	fs, cfg := newFlags(c, "agent add", "--email E --name N [--admin] [--team T]... [--language de|en] --password-stdin")
	cfg.RegisterDatabase(fs)
	var n account.NewAgent
	var teams listFlag
	var passwordStdin bool
	fs.StringVar(&n.Email, "email", "", "the agent's email address, used to sign in (required)")
	fs.StringVar(&n.Name, "name", "", "the agent's full name (required)")
	fs.BoolVar(&n.Admin, "admin", false, "make an administrator, who sees every ticket and configures the desk")
	fs.Var(&teams, "team", "a team to join, created if missing; repeat or separate with commas")
	fs.StringVar(&n.Language, "language", "", "interface language ("+strings.Join(i18n.Languages, ", ")+"); empty: the browser's")
	fs.BoolVar(&passwordStdin, "password-stdin", false, "read the password from the first line of standard input (required)")
	if err := parse(fs, cfg, args); err != nil {
		return err
	}
	if err := required(fs, "email", "name"); err != nil {
		return err
	}
	if err := checkLanguage(fs, n.Language); err != nil {
		return err
	}
	if !passwordStdin {
		return usageError(fs, "--password-stdin is required: pipe the password in, for example printf '%%s\\n' \"$PASSWORD\" | supportal agent add ...")
	}
	password, err := readSecret(c, "Password")
	if err != nil {
		return err
	}
	n.Password, n.Teams = password, teams
	a, err := openApp(ctx, c, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	id, err := a.Accounts.CreateAgent(ctx, n)
	if err != nil {
		return explain(err, fs, "an account with this email exists")
	}
	role := "agent"
	if n.Admin {
		role = "admin"
	}
	fmt.Fprintf(c.stderr, "Created %s %s <%s>%s.\n", role, strings.TrimSpace(n.Name), strings.TrimSpace(n.Email), inTeams(teams))
	fmt.Fprintln(c.stdout, id)
	return nil
}

func inTeams(teams []string) string {
	if len(teams) == 0 {
		return ""
	}
	return " in " + strings.Join(teams, ", ")
}
