package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"supportal/internal/seed"
)

// user is a signed-in account with its own cookies and the tickets it
// may open.
type user struct {
	email   string
	client  *http.Client
	tickets []int64 // the tickets it sees
	own     []int64 // those it requested that are not closed: it may reply
}

// loader drives the load against one server.
type loader struct {
	base     string
	password string
	agent    *user
	contacts []*user
	writers  []*user // contacts with tickets of their own to reply to
	rec      *recorder
}

// errStatus is a response outside 2xx/3xx.
type errStatus struct {
	method, path string
	code         int
}

func (e errStatus) Error() string { return fmt.Sprintf("%s %s: status %d", e.method, e.path, e.code) }

// signIn signs email in through the sign-in form.
func signIn(ctx context.Context, base, email, password string) (*user, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	u := &user{email: email, client: c}
	res, err := u.do(ctx, http.MethodPost, base+"/login", "application/x-www-form-urlencoded",
		strings.NewReader(url.Values{"email": {email}, "password": {password}}.Encode()))
	if err != nil {
		return nil, err
	}
	if res.code != http.StatusSeeOther {
		return nil, fmt.Errorf("sign-in of %s: status %d", email, res.code)
	}
	return u, nil
}

type response struct {
	code int
	body []byte
}

// do sends one request and reads the whole answer.
func (u *user) do(ctx context.Context, method, target, contentType string, body io.Reader) (response, error) {
	req, err := http.NewRequestWithContext(ctx, method, target, body)
	if err != nil {
		return response{}, err
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := u.client.Do(req)
	if err != nil {
		return response{}, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return response{code: res.StatusCode, body: b}, err
}

// discover signs the agent in, finds up to n active contacts through the
// API, signs them in and lists the tickets each may open.
func (l *loader) discover(ctx context.Context, agentEmail string, n int) error {
	agent, err := signIn(ctx, l.base, agentEmail, l.password)
	if err != nil {
		return err
	}
	l.agent = agent
	var emails []string
	cursor := ""
	for len(emails) < n {
		var orgs struct {
			Items []struct {
				ID int64 `json:"id"`
			} `json:"items"`
			NextCursor *string `json:"next_cursor"`
		}
		if err := l.getJSON(ctx, agent, "/api/v1/orgs?limit=100&cursor="+url.QueryEscape(cursor), &orgs); err != nil {
			return err
		}
		for _, o := range orgs.Items {
			var contacts struct {
				Items []struct {
					Email  string `json:"email"`
					Active bool   `json:"active"`
				} `json:"items"`
			}
			if err := l.getJSON(ctx, agent, fmt.Sprintf("/api/v1/orgs/%d/contacts?limit=20", o.ID), &contacts); err != nil {
				return err
			}
			for _, c := range contacts.Items {
				if c.Active && len(emails) < n {
					emails = append(emails, c.Email)
				}
			}
		}
		if orgs.NextCursor == nil {
			break
		}
		cursor = *orgs.NextCursor
	}
	for _, email := range emails {
		u, err := signIn(ctx, l.base, email, l.password)
		if err != nil {
			continue // invited, not yet registered, or another password: not a load account
		}
		if err := l.listTickets(ctx, u); err != nil {
			return err
		}
		if len(u.tickets) > 0 {
			l.contacts = append(l.contacts, u)
		}
		if len(u.own) > 0 {
			l.writers = append(l.writers, u)
		}
	}
	if err := l.listTickets(ctx, agent); err != nil {
		return err
	}
	if len(l.writers) == 0 || len(agent.tickets) == 0 {
		return errors.New("no contact with tickets signed in: seed the database and give their password with --password")
	}
	return nil
}

// listTickets remembers the numbers of the first tickets u sees, and of
// those it may reply to.
func (l *loader) listTickets(ctx context.Context, u *user) error {
	var me struct {
		ID int64 `json:"id"`
	}
	if err := l.getJSON(ctx, u, "/api/v1/me", &me); err != nil {
		return err
	}
	var list struct {
		Items []struct {
			Number      int64  `json:"number"`
			Category    string `json:"category"`
			RequesterID int64  `json:"requester_id"`
		} `json:"items"`
	}
	if err := l.getJSON(ctx, u, "/api/v1/tickets?limit=100", &list); err != nil {
		return err
	}
	for _, t := range list.Items {
		u.tickets = append(u.tickets, t.Number)
		if t.RequesterID == me.ID && t.Category != "closed" {
			u.own = append(u.own, t.Number)
		}
	}
	return nil
}

func (l *loader) getJSON(ctx context.Context, u *user, path string, v any) error {
	res, err := u.do(ctx, http.MethodGet, l.base+path, "", nil)
	if err != nil {
		return err
	}
	if res.code != http.StatusOK {
		return errStatus{http.MethodGet, path, res.code}
	}
	return json.Unmarshal(res.body, v)
}

// op is one kind of request of the mix, with its share.
type op struct {
	name   string
	weight int
	run    func(ctx context.Context, l *loader, rng *rand.Rand) error
}

// nextCursor finds the link to the next page in a portal list.
var nextCursor = regexp.MustCompile(`[?&;]cursor=([^"&]+)`)

// mix is the realistic mix: mostly reading lists and tickets, some
// writing, as customers and agents use a helpdesk.
var mix = []op{
	{"portal_list", 20, func(ctx context.Context, l *loader, rng *rand.Rand) error {
		_, err := l.page(ctx, l.contact(rng), http.MethodGet, "/portal/tickets", "", nil)
		return err
	}},
	{"portal_list_deep", 5, func(ctx context.Context, l *loader, rng *rand.Rand) error {
		u := l.contact(rng)
		body, err := l.page(ctx, u, http.MethodGet, "/portal/tickets?status=all", "", nil)
		if err != nil {
			return err
		}
		if m := nextCursor.FindSubmatch(body); m != nil {
			_, err = l.page(ctx, u, http.MethodGet, "/portal/tickets?status=all&cursor="+string(m[1]), "", nil)
		}
		return err
	}},
	{"portal_list_filtered", 5, func(ctx context.Context, l *loader, rng *rand.Rand) error {
		_, err := l.page(ctx, l.contact(rng), http.MethodGet, "/portal/tickets?status=waiting_customer", "", nil)
		return err
	}},
	{"portal_view", 20, func(ctx context.Context, l *loader, rng *rand.Rand) error {
		u := l.contact(rng)
		_, err := l.page(ctx, u, http.MethodGet, fmt.Sprintf("/portal/tickets/%d", pick(rng, u.tickets)), "", nil)
		return err
	}},
	{"portal_reply", 4, func(ctx context.Context, l *loader, rng *rand.Rand) error {
		u := l.writer(rng)
		form := url.Values{"body": {"Still happening here, details follow. " + time.Now().Format(time.RFC3339Nano)}}
		_, err := l.page(ctx, u, http.MethodPost, fmt.Sprintf("/portal/tickets/%d/messages", pick(rng, u.own)),
			"application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
		return err
	}},
	{"portal_reply_file", 1, func(ctx context.Context, l *loader, rng *rand.Rand) error {
		u := l.writer(rng)
		body, contentType := multipartReply("Log attached.", "log.txt", bytes.Repeat([]byte("2026-12-06 10:00:00 INFO sync ok\n"), 300))
		_, err := l.page(ctx, u, http.MethodPost, fmt.Sprintf("/portal/tickets/%d/messages", pick(rng, u.own)), contentType, body)
		return err
	}},
	{"portal_new", 2, func(ctx context.Context, l *loader, rng *rand.Rand) error {
		form := url.Values{"subject": {"Export stops at 80 percent"}, "body": {"Since this morning the export stops. What can we do?"}}
		_, err := l.page(ctx, l.contact(rng), http.MethodPost, "/portal/tickets", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
		return err
	}},
	{"desk_list", 15, func(ctx context.Context, l *loader, rng *rand.Rand) error {
		_, err := l.page(ctx, l.agent, http.MethodGet, "/desk/tickets", "", nil)
		return err
	}},
	{"desk_view", 12, func(ctx context.Context, l *loader, rng *rand.Rand) error {
		_, err := l.page(ctx, l.agent, http.MethodGet, fmt.Sprintf("/desk/tickets/%d", pick(rng, l.agent.tickets)), "", nil)
		return err
	}},
	{"desk_update", 3, func(ctx context.Context, l *loader, rng *rand.Rand) error {
		priority := []string{"low", "normal", "high"}[rng.IntN(3)]
		_, err := l.page(ctx, l.agent, http.MethodPost, fmt.Sprintf("/desk/tickets/%d", pick(rng, l.agent.tickets)),
			"application/x-www-form-urlencoded", strings.NewReader(url.Values{"priority": {priority}}.Encode()))
		return err
	}},
	{"portal_search", 4, func(ctx context.Context, l *loader, rng *rand.Rand) error {
		_, err := l.page(ctx, l.contact(rng), http.MethodGet, "/portal/tickets?status=all&q="+url.QueryEscape(searchWords(rng)), "", nil)
		return err
	}},
	{"desk_search", 4, func(ctx context.Context, l *loader, rng *rand.Rand) error {
		_, err := l.page(ctx, l.agent, http.MethodGet, "/desk/tickets?q="+url.QueryEscape(searchWords(rng)), "", nil)
		return err
	}},
	{"api_list", 8, func(ctx context.Context, l *loader, rng *rand.Rand) error {
		_, err := l.page(ctx, l.contact(rng), http.MethodGet, "/api/v1/tickets?limit=25", "", nil)
		return err
	}},
	{"api_get", 5, func(ctx context.Context, l *loader, rng *rand.Rand) error {
		u := l.contact(rng)
		_, err := l.page(ctx, u, http.MethodGet, fmt.Sprintf("/api/v1/tickets/%d", pick(rng, u.tickets)), "", nil)
		return err
	}},
}

func searchWords(rng *rand.Rand) string { return seed.SearchTerms[rng.IntN(len(seed.SearchTerms))] }

func (l *loader) contact(rng *rand.Rand) *user { return l.contacts[rng.IntN(len(l.contacts))] }

func (l *loader) writer(rng *rand.Rand) *user { return l.writers[rng.IntN(len(l.writers))] }

func pick(rng *rand.Rand, numbers []int64) int64 { return numbers[rng.IntN(len(numbers))] }

// page sends a request as u; any answer other than 2xx or a redirect
// (after a form) is an error.
func (l *loader) page(ctx context.Context, u *user, method, path, contentType string, body io.Reader) ([]byte, error) {
	res, err := u.do(ctx, method, l.base+path, contentType, body)
	if err != nil {
		return nil, err
	}
	if res.code >= 400 {
		return nil, errStatus{method, path, res.code}
	}
	return res.body, nil
}

func multipartReply(text, name string, data []byte) (io.Reader, string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	_ = w.WriteField("body", text)
	f, _ := w.CreateFormFile("attachments", name)
	_, _ = f.Write(data)
	_ = w.Close()
	return &b, w.FormDataContentType()
}

// run sends requests from concurrency workers until ctx ends, each
// choosing an operation by weight, and records them.
func (l *loader) run(ctx context.Context, concurrency int, ops []op, seed uint64) {
	total := 0
	for _, o := range ops {
		total += o.weight
	}
	var wg sync.WaitGroup
	for w := range concurrency {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(seed, uint64(w)))
			for ctx.Err() == nil {
				n := rng.IntN(total)
				o := ops[0]
				for _, c := range ops {
					if n < c.weight {
						o = c
						break
					}
					n -= c.weight
				}
				start := time.Now()
				err := o.run(ctx, l, rng)
				if ctx.Err() != nil {
					return // cut off by the end of the run, not the server's doing
				}
				l.rec.add(o.name, time.Since(start), err)
			}
		})
	}
	wg.Wait()
}

// healthz is the ceiling: the cheapest request the server answers.
var healthz = []op{{"healthz", 1, func(ctx context.Context, l *loader, _ *rand.Rand) error {
	_, err := l.page(ctx, l.agent, http.MethodGet, "/healthz", "", nil)
	return err
}}}
