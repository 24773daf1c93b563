// Command search measures the ticket search of a seeded database
// (supportal seed) the way the lists call it, store.Tickets with a text,
// without HTTP in between:
//
//	go run ./bench/search --database /tmp/seed1m/supportal.db --searches 200
//	go run ./bench/search --database 'postgres://postgres@127.0.0.1/seed1m?sslmode=disable'
//
// It searches as an administrator (every ticket), the agent in the most
// teams, a colleague (org_tickets) and a primary contact
// (all_correspondence) of the organization with the most tickets, and a
// colleague of an organization of about 60 tickets. Each draws its texts
// from seed.SearchTerms, asks for a page of 25 and, when there is one,
// the next page. It prints p50 and p95 per user and for next pages, and
// the slowest search.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"supportal/internal/authz"
	"supportal/internal/seed"
	"supportal/internal/store"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "search:", err)
		os.Exit(1)
	}
}

// searcher is a user the measurement searches as.
type searcher struct {
	label string
	query string // SQL giving the user's id, of the organization in $1 if it has one
	org   int    // 0 none, 1 the largest organization, 2 the small one
}

var searchers = []searcher{
	{"admin, all tickets", "SELECT id FROM users WHERE kind = 'agent' AND role = 'admin' AND active ORDER BY id LIMIT 1", 0},
	{"agent, most teams", `SELECT u.id FROM users u JOIN team_members m ON m.user_id = u.id
		WHERE u.kind = 'agent' AND u.role <> 'admin' AND u.active GROUP BY u.id ORDER BY COUNT(*) DESC, u.id LIMIT 1`, 0},
	{"colleague, largest organization", "SELECT id FROM users WHERE org_id = $1 AND role = 'colleague' AND active ORDER BY id LIMIT 1", 1},
	{"primary, largest organization", "SELECT id FROM users WHERE org_id = $1 AND role = 'primary' AND active ORDER BY id LIMIT 1", 1},
	{"colleague, small organization", "SELECT id FROM users WHERE org_id = $1 AND role = 'colleague' AND active ORDER BY id LIMIT 1", 2},
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	database := fs.String("database", "", "the seeded database: a SQLite file or a postgres:// URL (required)")
	searches := fs.Int("searches", 200, "searches per user")
	seedFlag := fs.Uint64("seed", 1, "seed of the choice of texts")
	text := fs.String("text", "", "search only this text instead of the seeded data's search terms")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *database == "" || *searches < 1 {
		return errors.New("--database is required and --searches must be at least 1")
	}
	terms := seed.SearchTerms
	if *text != "" {
		terms = []string{*text}
	}
	st, err := store.Open(ctx, *database)
	if err != nil {
		return err
	}
	defer st.Close()

	// The organizations: the one with the most tickets, and the one
	// nearest 60 tickets; each with a colleague to search as.
	const orgs = "SELECT t.org_id, COUNT(*) FROM tickets t WHERE t.org_id IN (SELECT org_id FROM users WHERE role = 'colleague' AND active) GROUP BY t.org_id ORDER BY "
	var large, small, largeTickets, smallTickets int64
	if err := st.DB().QueryRowContext(ctx, orgs+"COUNT(*) DESC LIMIT 1").Scan(&large, &largeTickets); err != nil {
		return fmt.Errorf("largest organization: %w", err)
	}
	if err := st.DB().QueryRowContext(ctx, orgs+"ABS(COUNT(*) - 60), t.org_id LIMIT 1").Scan(&small, &smallTickets); err != nil {
		return fmt.Errorf("small organization: %w", err)
	}
	fmt.Fprintf(out, "largest organization: %d tickets; small organization: %d tickets\n", largeTickets, smallTickets)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "who\tsearches\tp50 ms\tp95 ms\tnext pages\tp50 ms\tp95 ms\tslowest\tms\t")
	for _, s := range searchers {
		var args []any
		switch s.org {
		case 1:
			args = []any{large}
		case 2:
			args = []any{small}
		}
		var id int64
		if err := st.DB().QueryRowContext(ctx, s.query, args...).Scan(&id); err != nil {
			return fmt.Errorf("%s: %w", s.label, err)
		}
		u, err := st.User(ctx, id)
		if err != nil {
			return err
		}
		rng := rand.New(rand.NewPCG(*seedFlag, uint64(id)))
		var first, next []time.Duration
		var slowest time.Duration
		var slowText string
		for range *searches {
			f := store.TicketFilter{Scope: authz.Tickets(u), Text: terms[rng.IntN(len(terms))], Limit: 25}
			started := time.Now()
			page, err := st.Tickets(ctx, f)
			if err != nil {
				return fmt.Errorf("%s searches %q: %w", s.label, f.Text, err)
			}
			first = append(first, time.Since(started))
			if d := time.Since(started); d > slowest {
				slowest, slowText = d, f.Text
			}
			if page.Next == "" {
				continue
			}
			f.Cursor = page.Next
			started = time.Now()
			if _, err := st.Tickets(ctx, f); err != nil {
				return fmt.Errorf("%s searches %q, next page: %w", s.label, f.Text, err)
			}
			next = append(next, time.Since(started))
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%d\t%s\t%s\t%q\t%s\t\n", s.label, len(first), ms(first, 50), ms(first, 95),
			len(next), ms(next, 50), ms(next, 95), slowText, ms([]time.Duration{slowest}, 100))
	}
	return tw.Flush()
}

// ms is the p-th percentile of ds in milliseconds, "-" for none.
func ms(ds []time.Duration, p int) string {
	if len(ds) == 0 {
		return "-"
	}
	ds = slices.Clone(ds)
	slices.Sort(ds)
	i := min(len(ds)-1, (len(ds)*p+99)/100-1)
	v := float64(ds[max(i, 0)]) / float64(time.Millisecond)
	return strings.TrimSuffix(fmt.Sprintf("%.1f", v), ".0")
}
