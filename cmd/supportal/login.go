package main

import (
	"context"
	"errors"
	"fmt"
)

func runLogin(ctx context.Context, c *cli, args []string) error {
	fs, cfg := newFlags(c, "login", "--url URL --token-stdin")
	var base string
	var tokenStdin bool
	envString(fs, &base, "url", "the server's address, such as https://help.example.com (required)")
	fs.BoolVar(&tokenStdin, "token-stdin", false, "read the personal access token from the first line of standard input (required)")
	if err := parse(fs, cfg, args); err != nil {
		return err
	}
	if err := required(fs, "url"); err != nil {
		return err
	}
	if !tokenStdin {
		return usageError(fs, "--token-stdin is required: pipe the token in, for example supportal token create --email ... | supportal login --url ... --token-stdin")
	}
	token, err := readSecret(c, "Token")
	if err != nil {
		return err
	}
	if token == "" {
		return errors.New("no token on standard input")
	}
	api, err := newAPIClient(base, token)
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	var me struct {
		Name  string `json:"name"`
		Email string `json:"email"`
	}
	if err := api.get(ctx, "/api/v1/me", &me); err != nil {
		return err
	}
	path, err := saveClientConfig(clientConfig{URL: api.base, Token: api.token})
	if err != nil {
		return fmt.Errorf("saving the client settings: %w", err)
	}
	fmt.Fprintf(c.stdout, "Signed in to %s as %s <%s>; saved in %s.\n", api.base, printable(me.Name), printable(me.Email), path)
	return nil
}
