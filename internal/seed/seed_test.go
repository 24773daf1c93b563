package seed_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"supportal/internal/blob"
	"supportal/internal/model"
	"supportal/internal/seed"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

func small() seed.Options {
	return seed.Options{Orgs: 3, Contacts: 20, Tickets: 300, MessagesPerTicket: 3, Attachments: true,
		Password: "seed-password", Seed: 7, Batch: 50}
}

// count runs a query that returns one number.
func count(t *testing.T, st *store.Store, query string, args ...any) int {
	t.Helper()
	var n int
	if err := st.DB().QueryRow(query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// seeded is what a user checks first: how many tickets, messages and
// notes the seeded organizations have.
type totals struct{ orgs, contacts, tickets, messages, notes, attachments, events int }

func totalsOf(t *testing.T, st *store.Store) totals {
	const orgs = "SELECT id FROM organizations WHERE name NOT LIKE 'Org %'"
	const tickets = "SELECT id FROM tickets WHERE org_id IN (" + orgs + ")"
	return totals{
		orgs:        count(t, st, "SELECT COUNT(*) FROM ("+orgs+") o"),
		contacts:    count(t, st, "SELECT COUNT(*) FROM users WHERE kind = 'contact' AND email LIKE '%.example' AND org_id IN ("+orgs+")"),
		tickets:     count(t, st, "SELECT COUNT(*) FROM ("+tickets+") t"),
		messages:    count(t, st, "SELECT COUNT(*) FROM messages WHERE ticket_id IN ("+tickets+")"),
		notes:       count(t, st, "SELECT COUNT(*) FROM messages WHERE internal AND ticket_id IN ("+tickets+")"),
		attachments: count(t, st, "SELECT COUNT(*) FROM attachments a JOIN messages m ON m.id = a.message_id WHERE m.ticket_id IN ("+tickets+")"),
		events:      count(t, st, "SELECT COUNT(*) FROM ticket_events WHERE ticket_id IN ("+tickets+")"),
	}
}

func blobs(t *testing.T) blob.Store {
	b, err := blob.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSmallSeedIsCompleteAndUsable(t *testing.T) {
	ctx := context.Background()
	env := testenv.New(t)
	st := env.App.Store
	worldOrgs := count(t, st, "SELECT COUNT(*) FROM organizations")

	// The first run stops after two batches, as if interrupted.
	o := small()
	stopped, stop := context.WithCancel(ctx)
	o.Progress = func(done, total int) {
		if done >= 2*o.Batch {
			stop()
		}
	}
	if _, err := seed.Run(stopped, st, env.App.Blobs, o); !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted run: %v", err)
	}
	if got := totalsOf(t, st).tickets; got != 2*o.Batch {
		t.Fatalf("after two batches %d tickets, want %d", got, 2*o.Batch)
	}

	// The second run continues there.
	res, err := seed.Run(ctx, st, env.App.Blobs, small())
	if err != nil {
		t.Fatal(err)
	}
	if !res.Resumed || res.Written != 200 {
		t.Errorf("resumed run: %+v, want 200 tickets written after a resume", res)
	}
	got := totalsOf(t, st)
	if got.orgs != 3 || got.contacts != 20 || got.tickets != 300 || got.messages != 900 {
		t.Errorf("totals %+v, want 3 organizations, 20 contacts, 300 tickets, 900 messages", got)
	}
	if got.notes < 900/10 || got.notes > 900*3/10 {
		t.Errorf("%d of 900 messages are internal notes, want about a fifth", got.notes)
	}
	if got.attachments == 0 || got.events < 300 {
		t.Errorf("%d attachments and %d events", got.attachments, got.events)
	}
	if n := count(t, st, "SELECT COUNT(*) FROM organizations"); n != worldOrgs+3 {
		t.Errorf("%d organizations, want the %d there were and 3", n, worldOrgs)
	}

	// PostgreSQL has statistics of what was written (pg_class.reltuples
	// stays -1 until a table is vacuumed or analyzed, or an index built;
	// the seed builds the search indexes, so these are other tables).
	if st.Dialect() == "postgres" {
		for _, table := range []string{"users", "ticket_events", "message_recipients"} {
			var tuples float64
			if err := st.DB().QueryRowContext(ctx, "SELECT reltuples FROM pg_class WHERE oid = $1::regclass", table).Scan(&tuples); err != nil {
				t.Fatal(err)
			}
			if tuples < 0 {
				t.Errorf("%s was not vacuumed or analyzed after the seed", table)
			}
		}
	}

	// A finished run does nothing; other options are refused.
	res, err = seed.Run(ctx, st, env.App.Blobs, small())
	if err != nil || res.Written != 0 {
		t.Errorf("third run: %+v, %v; want nothing written", res, err)
	}
	if again := totalsOf(t, st); again != got {
		t.Errorf("third run changed the totals: %+v, was %+v", again, got)
	}
	other := small()
	other.Tickets = 400
	if _, err := seed.Run(ctx, st, env.App.Blobs, other); !errors.Is(err, seed.ErrOtherRun) {
		t.Errorf("run with other options: %v, want ErrOtherRun", err)
	}

	// Every status, waiting tickets say what for, the requester belongs to
	// the ticket's organization, the numbers follow the counter.
	for _, c := range model.Categories {
		if n := count(t, st, `SELECT COUNT(*) FROM tickets t JOIN statuses s ON s.id = t.status_id WHERE s.category = $1`, string(c)); n == 0 {
			t.Errorf("no ticket in category %s", c)
		}
	}
	if n := count(t, st, `SELECT COUNT(*) FROM tickets t JOIN statuses s ON s.id = t.status_id
		WHERE s.category = 'waiting_customer' AND t.waiting_reason = ''`); n != 0 {
		t.Errorf("%d waiting tickets without a reason", n)
	}
	if n := count(t, st, "SELECT COUNT(*) FROM tickets t JOIN users u ON u.id = t.requester_id WHERE u.org_id IS DISTINCT FROM t.org_id"); n != 0 {
		t.Errorf("%d tickets whose requester is of another organization", n)
	}
	if n := count(t, st, "SELECT COUNT(*) FROM tickets t WHERE t.last_activity_at < (SELECT MAX(created_at) FROM messages m WHERE m.ticket_id = t.id)"); n != 0 {
		t.Errorf("%d tickets whose last activity is before their last message", n)
	}
	if n := count(t, st, "SELECT COUNT(*) FROM messages WHERE kind = 'note' AND NOT internal"); n != 0 {
		t.Errorf("%d notes not marked internal", n)
	}
	maxNumber := count(t, st, "SELECT MAX(number) FROM tickets")
	if c := count(t, st, "SELECT value FROM counters WHERE name = 'ticket_number'"); c < maxNumber {
		t.Errorf("ticket counter %d is behind the highest number %d", c, maxNumber)
	}
	// The application goes on creating tickets after the seeded ones.
	tk := env.Ticket(t, "a.member", "After the seed", "A new ticket after seeding.")
	if int(tk.Number) != maxNumber+1 {
		t.Errorf("the next ticket got number %d, want %d", tk.Number, maxNumber+1)
	}

	// A seeded contact signs in and lists their tickets; an agent sees the
	// desk and a ticket.
	var email string
	var number int64
	err = st.DB().QueryRow(`SELECT u.email, t.number FROM tickets t JOIN users u ON u.id = t.requester_id
		WHERE u.email LIKE '%.example' AND t.org_id IN (SELECT id FROM organizations WHERE name NOT LIKE 'Org %')
		ORDER BY t.number LIMIT 1`).Scan(&email, &number)
	if err != nil {
		t.Fatal(err)
	}
	contact := signIn(t, env, email, o.Password)
	var list struct {
		Items []struct {
			Number int64 `json:"number"`
		} `json:"items"`
	}
	contact.Get("/api/v1/tickets?limit=100").JSON(t, &list)
	if len(list.Items) == 0 {
		t.Errorf("contact %s lists no tickets", email)
	}
	if res := contact.Get("/portal/tickets"); res.StatusCode != http.StatusOK {
		t.Errorf("/portal/tickets: %d", res.StatusCode)
	}
	if res := contact.Get(fmt.Sprintf("/portal/tickets/%d", number)); res.StatusCode != http.StatusOK {
		t.Errorf("the contact's ticket #%d: %d", number, res.StatusCode)
	}
	agent := signIn(t, env, seed.AdminEmail, o.Password)
	if res := agent.Get("/desk/tickets"); res.StatusCode != http.StatusOK {
		t.Errorf("/desk/tickets: %d", res.StatusCode)
	}
	if res := agent.Get(fmt.Sprintf("/desk/tickets/%d", number)); res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "#"+fmt.Sprint(number)) {
		t.Errorf("desk view of #%d: %d", number, res.StatusCode)
	}
}

func signIn(t *testing.T, env *testenv.Env, email, password string) *testenv.Client {
	t.Helper()
	c := env.Anonymous(t)
	if res := c.PostForm("/login", url.Values{"email": {email}, "password": {password}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in of %s: %d", email, res.StatusCode)
	}
	return c
}

// fingerprint describes the seeded tickets independently of where the ids
// and numbers start.
func fingerprint(t *testing.T, st *store.Store) string {
	rows, err := st.DB().Query(`SELECT t.subject, u.email, s.name, t.created_at,
			(SELECT COUNT(*) FROM messages m WHERE m.ticket_id = t.id AND m.internal)
		FROM tickets t JOIN users u ON u.id = t.requester_id JOIN statuses s ON s.id = t.status_id ORDER BY t.number`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var subject, email, status string
		var created any
		var notes int
		if err := rows.Scan(&subject, &email, &status, &created, &notes); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(&b, subject, email, status, notes)
	}
	return b.String()
}

func TestTheSameSeedGivesTheSameDataWhateverTheBatches(t *testing.T) {
	ctx := context.Background()
	a, b := testenv.Store(t), testenv.Store(t)
	o := small()
	o.Tickets, o.Attachments = 120, false
	if _, err := seed.Run(ctx, a, blobs(t), o); err != nil {
		t.Fatal(err)
	}
	o.Batch = 7
	if _, err := seed.Run(ctx, b, blobs(t), o); err != nil {
		t.Fatal(err)
	}
	fa, fb := fingerprint(t, a), fingerprint(t, b)
	if fa != fb {
		t.Errorf("the same seed gave different tickets:\n%.500s\n---\n%.500s", fa, fb)
	}
	if strings.Count(fa, "\n") != 120 {
		t.Errorf("%d tickets, want 120", strings.Count(fa, "\n"))
	}
}

func TestBigOrganizationsGetMostTickets(t *testing.T) {
	ctx := context.Background()
	st := testenv.Store(t)
	o := small()
	o.Orgs, o.Contacts, o.Tickets, o.MessagesPerTicket, o.Attachments = 40, 200, 2000, 1, false
	o.Batch = 1000
	if _, err := seed.Run(ctx, st, blobs(t), o); err != nil {
		t.Fatal(err)
	}
	top := count(t, st, "SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM tickets GROUP BY org_id) c")
	median := count(t, st, `SELECT n FROM (SELECT COUNT(*) AS n FROM tickets GROUP BY org_id) c ORDER BY n LIMIT 1 OFFSET 20`)
	if top < 10*median {
		t.Errorf("the biggest organization has %d tickets, the median one %d: not long-tailed", top, median)
	}
}
