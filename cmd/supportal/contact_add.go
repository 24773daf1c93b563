package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"supportal/internal/account"
	"supportal/internal/model"
)

func runContactAdd(ctx context.Context, c *cli, args []string) error {
	roles := strings.Join(model.ContactRoles, "|")
	fs, cfg := newFlags(c, "contact add", "--org ID_OR_NAME --email E --name N --role "+roles+" [--language de|en] --password-stdin")
	cfg.RegisterDatabase(fs)
	var n account.NewContact
	var orgRef string
	var passwordStdin bool
	fs.StringVar(&orgRef, "org", "", "the organization: its id or its exact name (required)")
	fs.StringVar(&n.Email, "email", "", "the contact's email address, used to sign in (required)")
	fs.StringVar(&n.Name, "name", "", "the contact's full name (required)")
	fs.StringVar(&n.Role, "role", "", "what the contact may see and do: "+strings.Join(model.ContactRoles, ", ")+" (required)")
	fs.StringVar(&n.Language, "language", "", "interface language (de, en); empty: the browser's")
	fs.BoolVar(&passwordStdin, "password-stdin", false, "read the password from the first line of standard input (required)")
	if err := parse(fs, cfg, args); err != nil {
		return err
	}
	if err := required(fs, "org", "email", "name", "role"); err != nil {
		return err
	}
	if !account.ValidRole(n.Role) {
		return usageError(fs, "unknown --role %q: choose %s", n.Role, strings.Join(model.ContactRoles, ", "))
	}
	if err := checkLanguage(fs, n.Language); err != nil {
		return err
	}
	if !passwordStdin {
		return usageError(fs, "--password-stdin is required: pipe the password in, for example printf '%%s\\n' \"$PASSWORD\" | supportal contact add ...")
	}
	password, err := readSecret(c, "Password")
	if err != nil {
		return err
	}
	if password == "" {
		// The service allows a contact without a password (who cannot sign
		// in yet); this command promises one, so it insists.
		return explain(account.ValidatePassword(password), fs, "")
	}
	n.Password = password
	a, err := openApp(ctx, c, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	org, err := a.Store.OrganizationByRef(ctx, strings.TrimSpace(orgRef))
	if errors.Is(err, model.ErrNotFound) {
		return fmt.Errorf("no organization has the id or name %q", orgRef)
	}
	if err != nil {
		return err
	}
	n.OrgID = org.ID
	id, err := a.Accounts.CreateContact(ctx, n)
	if err != nil {
		return explain(err, fs, "an account with this email exists")
	}
	fmt.Fprintf(c.stderr, "Created %s %s <%s> of %s.\n", n.Role, strings.TrimSpace(n.Name), strings.TrimSpace(n.Email), org.Name)
	fmt.Fprintln(c.stdout, id)
	return nil
}
