package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"
)

// apiClient calls the REST API of a running server with a personal access
// token.
type apiClient struct {
	base  string // http(s)://host[:port][/prefix], without a trailing slash
	token string
	http  *http.Client
}

// newAPIClient checks the server address and returns a client for it.
func newAPIClient(base, token string) (*apiClient, error) {
	u, err := url.Parse(strings.TrimSpace(base))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("--url must be the server's address such as https://help.example.com (got %q)", base)
	}
	return &apiClient{
		base:  strings.TrimSuffix(u.String(), "/"),
		token: strings.TrimSpace(token),
		http:  &http.Client{Timeout: 30 * time.Second},
	}, nil
}

// get fetches path and decodes the JSON answer into v. An answer other
// than 200 becomes an error that says what the server said.
func (c *apiClient) get(ctx context.Context, path string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+path, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Accept", "application/json")
	res, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("cannot reach %s: %w", c.base, unwrapURLError(err))
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, 32<<20))
	if err != nil {
		return fmt.Errorf("reading the answer of %s: %w", c.base, err)
	}
	switch {
	case res.StatusCode == http.StatusUnauthorized:
		return errors.New("the server does not accept the token; create a new one (supportal token create) and run supportal login")
	case res.StatusCode != http.StatusOK:
		return fmt.Errorf("%s answered %s%s", c.base+strings.SplitN(path, "?", 2)[0], res.Status, serverMessage(body))
	}
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("%s did not answer with the expected JSON; is it a Supportal server? (%v)", c.base, err)
	}
	return nil
}

// serverMessage is the "error" text of an API error body, if any.
func serverMessage(body []byte) string {
	var e struct {
		Error string `json:"error"`
	}
	if json.Unmarshal(body, &e) != nil || e.Error == "" {
		return ""
	}
	return ": " + printable(e.Error)
}

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// printable removes control characters, so that text from the server
// (a ticket subject) cannot move the cursor or recolour the terminal.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}
