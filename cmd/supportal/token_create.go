package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"supportal/internal/model"
)

func runTokenCreate(ctx context.Context, c *cli, args []string) error {
	fs, cfg := newFlags(c, "token create", "--email E [--name NAME]")
	cfg.RegisterDatabase(fs)
	var email, name string
	fs.StringVar(&email, "email", "", "the address of the user the token acts for (required)")
	fs.StringVar(&name, "name", "cli", "what the token is for, shown in the user's profile")
	if err := parse(fs, cfg, args); err != nil {
		return err
	}
	if err := required(fs, "email"); err != nil {
		return err
	}
	if len(name) > 100 {
		return errors.New("--name: this is too long")
	}
	a, err := openApp(ctx, c, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	u, err := a.Store.UserByEmail(ctx, email)
	if errors.Is(err, model.ErrNotFound) {
		return fmt.Errorf("no account has the email %q", strings.TrimSpace(email))
	}
	if err != nil {
		return err
	}
	if !u.Active {
		return fmt.Errorf("the account of %s is deactivated; a token for it would not work", u.Email)
	}
	token, err := a.Accounts.CreateToken(ctx, u.ID, name)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stderr, "Personal access token %q for %s <%s>. It is shown only this once; keep it secret:\n", strings.TrimSpace(name), u.Name, u.Email)
	fmt.Fprintln(c.stdout, token)
	return nil
}
