package testenv

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"supportal/internal/app"
	"supportal/internal/config"
	"supportal/internal/model"
	"supportal/internal/ticket"
)

// Env is a running Supportal on a real database, served over loopback,
// with the two-organization world in it.
type Env struct {
	*World
	App    *app.App
	Server *httptest.Server
	Config *config.Config

	counts *queryCounts
}

// Option changes the configuration of a test server.
type Option func(*config.Config)

// New starts a server for t on a fresh database and stops it when t ends.
func New(t testing.TB, opts ...Option) *Env {
	t.Helper()
	st := Store(t)
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	for _, o := range opts {
		o(&cfg)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	a, err := app.New(&cfg, st, log)
	if err != nil {
		t.Fatal(err)
	}
	counts := &queryCounts{}
	srv := httptest.NewServer(counts.wrap(a.Handler()))
	t.Cleanup(srv.Close)
	return &Env{World: NewWorld(t, st), App: a, Server: srv, Config: &cfg, counts: counts}
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(b), "\n"))
	return len(b), nil
}

// URL is the address of path on the test server.
func (e *Env) URL(path string) string { return e.Server.URL + path }

// Ticket opens a ticket as the user under key, through the ticket service.
func (e *Env) Ticket(t testing.TB, key, subject, body string) *model.Ticket {
	t.Helper()
	tk, err := e.App.Tickets.Create(context.Background(), e.User(t, key), ticket.CreateParams{Subject: subject, Body: body})
	if err != nil {
		t.Fatal(err)
	}
	return tk
}

// Client is an HTTP client of the test server, signed in as one user (or
// anonymous), that does not follow redirects so tests see them.
type Client struct {
	*http.Client
	env   *Env
	t     testing.TB
	token string // bearer token for API calls, if any
	Lang  string // Accept-Language to send
}

// Anonymous returns a client that is not signed in.
func (e *Env) Anonymous(t testing.TB) *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{Client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}, env: e, t: t}
}

// Browser returns a client signed in as the user under key through the
// sign-in form, with the session cookie it got.
func (e *Env) Browser(t testing.TB, key string) *Client {
	t.Helper()
	c := e.Anonymous(t)
	res := c.PostForm("/login", url.Values{"email": {e.User(t, key).Email}, "password": {Password}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("testenv: sign-in of %s: status %d: %s", key, res.StatusCode, res.Body)
	}
	return c
}

// Session returns a client signed in as the user under key by a session
// made directly in the store: as good as signing in, without the cost of
// a password hash. Use Browser to test signing in itself.
func (e *Env) Session(t testing.TB, key string) *Client {
	t.Helper()
	secret, err := e.App.Accounts.StartSession(context.Background(), e.User(t, key).ID, "127.0.0.1", "testenv")
	if err != nil {
		t.Fatal(err)
	}
	c := e.Anonymous(t)
	u, _ := url.Parse(e.Server.URL)
	c.Jar.SetCookies(u, []*http.Cookie{{Name: "supportal_session", Value: secret, Path: "/"}})
	return c
}

// Bearer returns a client that calls the API with a personal access token
// of the user under key, and no cookies.
func (e *Env) Bearer(t testing.TB, key string) *Client {
	t.Helper()
	token, err := e.App.Accounts.CreateToken(context.Background(), e.User(t, key).ID, "test")
	if err != nil {
		t.Fatal(err)
	}
	c := e.Anonymous(t)
	c.token = token
	return c
}

// Response is a finished response with its body read.
type Response struct {
	*http.Response
	Body string

	queries chan []string // receives the request's statements
	stmts   []string
	counted bool
}

// JSON decodes the body into v, failing the test if it is not JSON.
func (r *Response) JSON(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(r.Body), v); err != nil {
		t.Fatalf("response %d is not JSON: %v\n%s", r.StatusCode, err, r.Body)
	}
}

// Do sends a request and reads the whole response.
func (c *Client) Do(req *http.Request) *Response {
	c.t.Helper()
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if c.Lang != "" {
		req.Header.Set("Accept-Language", c.Lang)
	}
	var queries chan []string
	if c.env.counts != nil { // an Env made by New; others do not count
		queries = c.env.counts.start(req)
	}
	res, err := c.Client.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.t.Fatalf("%s %s: reading body: %v", req.Method, req.URL, err)
	}
	return &Response{Response: res, Body: string(b), queries: queries}
}

func (c *Client) request(method, path string, body io.Reader, contentType string) *Response {
	c.t.Helper()
	req, err := http.NewRequest(method, c.env.URL(path), body)
	if err != nil {
		c.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return c.Do(req)
}

// Get fetches path.
func (c *Client) Get(path string) *Response {
	c.t.Helper()
	return c.request(http.MethodGet, path, nil, "")
}

// PostForm posts a URL-encoded form.
func (c *Client) PostForm(path string, form url.Values) *Response {
	c.t.Helper()
	return c.request(http.MethodPost, path, strings.NewReader(form.Encode()), "application/x-www-form-urlencoded")
}

// File is a file to send in a multipart form.
type File struct {
	Field, Name, ContentType string
	Content                  []byte
}

// PostMultipart posts a multipart form with files.
func (c *Client) PostMultipart(path string, form url.Values, files ...File) *Response {
	c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range form {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	for _, f := range files {
		h := make(map[string][]string)
		h["Content-Disposition"] = []string{`form-data; name="` + f.Field + `"; filename="` + strings.ReplaceAll(f.Name, `"`, `\"`) + `"`}
		ct := f.ContentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		h["Content-Type"] = []string{ct}
		w, err := mw.CreatePart(h)
		if err != nil {
			c.t.Fatal(err)
		}
		_, _ = w.Write(f.Content)
	}
	_ = mw.Close()
	return c.request(http.MethodPost, path, &buf, mw.FormDataContentType())
}

// JSONRequest sends v (or raw bytes, or a string) as a JSON body.
func (c *Client) JSONRequest(method, path string, v any) *Response {
	c.t.Helper()
	var body io.Reader
	switch b := v.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
	case []byte:
		body = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(v)
		if err != nil {
			c.t.Fatal(err)
		}
		body = bytes.NewReader(raw)
	}
	ct := ""
	if body != nil {
		ct = "application/json"
	}
	return c.request(method, path, body, ct)
}
