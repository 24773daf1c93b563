package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"text/tabwriter"

	"supportal/internal/model"
)

// openCategories are the categories of tickets that are not done.
var openCategories = []model.Category{model.CategoryNew, model.CategoryOpen, model.CategoryWaitingCustomer, model.CategoryOnHold}

// apiTicket is the part of the API's ticket this command shows.
type apiTicket struct {
	Number   int64  `json:"number"`
	Subject  string `json:"subject"`
	Status   string `json:"status"`
	Category string `json:"category"`
	Ball     string `json:"ball"`
}

// maxPages stops a server that keeps answering with a next page.
const maxPages = 10_000

func runTickets(ctx context.Context, c *cli, args []string) error {
	fs, cfg := newFlags(c, "tickets", "[--open] [--url URL] [--token TOKEN]")
	var open bool
	var base, token string
	fs.BoolVar(&open, "open", false, "only tickets that are not resolved or closed")
	envString(fs, &base, "url", "the server's address; default: the one saved by supportal login")
	envString(fs, &token, "token", "a personal access token; default: the one saved by supportal login")
	if err := parse(fs, cfg, args); err != nil {
		return err
	}
	if base == "" || token == "" {
		saved, err := loadClientConfig()
		if err != nil {
			return err
		}
		if base == "" {
			base = saved.URL
		}
		if token == "" && strings.TrimSuffix(base, "/") == saved.URL {
			token = saved.Token
		}
	}
	if base == "" || token == "" {
		return usageError(fs, "which server? give --url and --token, set SUPPORTAL_URL and SUPPORTAL_TOKEN, or run supportal login first")
	}
	api, err := newAPIClient(base, token)
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	tickets, err := listTickets(ctx, api, open)
	if err != nil {
		return err
	}
	printTickets(c, tickets, open)
	return nil
}

// listTickets reads every page of the caller's tickets.
func listTickets(ctx context.Context, api *apiClient, open bool) ([]apiTicket, error) {
	q := url.Values{"limit": {"100"}}
	if open {
		q.Set("category", "new,open,waiting_customer,on_hold")
	}
	var out []apiTicket
	seen := map[string]bool{}
	for range maxPages {
		var page struct {
			Items      []apiTicket `json:"items"`
			NextCursor *string     `json:"next_cursor"`
		}
		if err := api.get(ctx, "/api/v1/tickets?"+q.Encode(), &page); err != nil {
			return nil, err
		}
		for _, t := range page.Items {
			// The server filters already; this keeps the promise of --open
			// even if it ignored the filter.
			if !open || t.Category == "" || slices.Contains(openCategories, model.Category(t.Category)) {
				out = append(out, t)
			}
		}
		if page.NextCursor == nil || *page.NextCursor == "" {
			return out, nil
		}
		if seen[*page.NextCursor] {
			return nil, errors.New("the server sent the same page twice; stopping")
		}
		seen[*page.NextCursor] = true
		q.Set("cursor", *page.NextCursor)
	}
	return nil, fmt.Errorf("more than %d pages of tickets; stopping", maxPages)
}

// printTickets writes a table: number, status, whose turn, subject.
func printTickets(c *cli, tickets []apiTicket, open bool) {
	if len(tickets) == 0 {
		if open {
			fmt.Fprintln(c.stdout, "No open tickets.")
		} else {
			fmt.Fprintln(c.stdout, "No tickets.")
		}
		return
	}
	w := tabwriter.NewWriter(c.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "NUMBER\tSTATUS\tWHOSE TURN\tSUBJECT")
	for _, t := range tickets {
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\n", t.Number, printable(t.Status), turn(t.Ball), printable(t.Subject))
	}
	w.Flush()
}

// turn says whose turn a ticket is, from the API's ball.
func turn(ball string) string {
	switch model.Ball(ball) {
	case model.BallSupport:
		return "support"
	case model.BallCustomer:
		return "customer"
	case model.BallNone:
		return "nobody"
	}
	return printable(ball)
}
