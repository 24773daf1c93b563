package desk_test

import (
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"supportal/internal/config"
	"supportal/internal/model"
	"supportal/internal/testenv"
)

// gatewayCall is one request the fake gateway received.
type gatewayCall struct {
	Method, Auth, ContentType string
	Body                      map[string]string
}

// gateway is an SMS gateway on loopback that answers status and records
// what it was sent.
type gateway struct {
	*httptest.Server
	mu    sync.Mutex
	calls []gatewayCall
}

func startGateway(t *testing.T, status int) *gateway {
	t.Helper()
	g := &gateway{}
	g.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		var body map[string]string
		_ = json.Unmarshal(b, &body)
		g.mu.Lock()
		g.calls = append(g.calls, gatewayCall{Method: r.Method, Auth: r.Header.Get("Authorization"), ContentType: r.Header.Get("Content-Type"), Body: body})
		g.mu.Unlock()
		w.WriteHeader(status)
		_, _ = io.WriteString(w, `{"id":"gw-1"}`)
	}))
	t.Cleanup(g.Close)
	return g
}

func (g *gateway) received() []gatewayCall {
	g.mu.Lock()
	defer g.mu.Unlock()
	return append([]gatewayCall(nil), g.calls...)
}

// loopbackAllowed lets admin-configured servers be on 127.0.0.1, where
// the tests' gateways listen.
func loopbackAllowed(c *config.Config) { c.Mail.OutboundAllow = []string{"127.0.0.1"} }

// configureGateway sets the SMS gateway up on the admin page.
func configureGateway(t *testing.T, env *testenv.Env, form url.Values) {
	t.Helper()
	res := env.Session(t, "admin").PostForm("/admin/sms", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving the gateway: status %d\n%s", res.StatusCode, res.Body)
	}
}

func TestAgentSendsSMSThroughTheGateway(t *testing.T) {
	for _, tc := range []struct {
		name     string
		form     url.Values
		wantAuth string
	}{
		{"basic", url.Values{"auth": {"basic"}, "user": {"nordwerk"}, "secret": {"gw-password"}, "from": {"Nordwerk"}},
			"Basic bm9yZHdlcms6Z3ctcGFzc3dvcmQ="}, // nordwerk:gw-password
		{"bearer", url.Values{"auth": {"bearer"}, "secret": {"gw-token-123"}, "from": {"Nordwerk"}}, "Bearer gw-token-123"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := testenv.New(t, loopbackAllowed)
			gw := startGateway(t, http.StatusOK)
			tc.form.Set("url", gw.URL+"/send")
			configureGateway(t, env, tc.form)
			setPhone(t, env, "a.member", "+49 170 1234567")
			tk := env.Ticket(t, "a.member", "Printer", "It does not print.")
			c := env.Session(t, "agent")
			res := c.PostForm(path(tk)+"/sms", url.Values{"text": {"Technician arrives at 10:00."}})
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("sending: status %d\n%s", res.StatusCode, res.Body)
			}
			calls := gw.received()
			if len(calls) != 1 {
				t.Fatalf("the gateway received %d requests", len(calls))
			}
			got := calls[0]
			want := map[string]string{"to": "+491701234567", "text": "Technician arrives at 10:00.", "from": "Nordwerk"}
			if got.Method != http.MethodPost || got.Auth != tc.wantAuth || got.ContentType != "application/json" ||
				got.Body["to"] != want["to"] || got.Body["text"] != want["text"] || got.Body["from"] != want["from"] {
				t.Fatalf("gateway request %+v, want POST with %q and %v", got, tc.wantAuth, want)
			}
			msgs := messagesOf(t, env, tk)
			m := msgs[len(msgs)-1]
			if m.Kind != model.KindSMSOut || m.Internal || m.Phone != "+491701234567" || m.Body != "Technician arrives at 10:00." {
				t.Fatalf("stored message %+v", m)
			}
			portal := env.Session(t, "a.member").Get("/portal/tickets/" + strconv.FormatInt(tk.Number, 10))
			if !strings.Contains(portal.Body, "Technician arrives at 10:00.") {
				t.Errorf("the requester does not see the text message in the portal")
			}
			if page := html.UnescapeString(c.Get(path(tk)).Body); !strings.Contains(page, "SMS to +491701234567") {
				t.Errorf("the desk page does not say where the text message went")
			}
		})
	}
}

func TestGatewayErrorKeepsTypedTextAndStoresNothing(t *testing.T) {
	env := testenv.New(t, loopbackAllowed)
	gw := startGateway(t, http.StatusInternalServerError)
	configureGateway(t, env, url.Values{"url": {gw.URL}, "auth": {"none"}})
	tk := env.Ticket(t, "a.member", "Printer", "It does not print.")
	before := len(messagesOf(t, env, tk))
	c := env.Session(t, "agent")
	for lang, want := range map[string]string{
		"en": "The SMS gateway did not take the message.",
		"de": "Das SMS-Gateway hat die Nachricht nicht angenommen.",
	} {
		c.Lang = lang
		res := c.PostForm(path(tk)+"/sms", url.Values{"to": {"+49 170 1234567"}, "text": {"Please call us back."}})
		if res.StatusCode != http.StatusBadGateway || !strings.Contains(res.Body, want) || !strings.Contains(res.Body, "Please call us back.</textarea>") {
			t.Errorf("%s: status %d, want 502 with %q and the typed text\n%s", lang, res.StatusCode, want, res.Body)
		}
	}
	if got := len(gw.received()); got != 2 {
		t.Errorf("the gateway was asked %d times, want 2", got)
	}
	if got := len(messagesOf(t, env, tk)); got != before {
		t.Errorf("a refused text message was stored (%d messages, had %d)", got, before)
	}
}

func TestGatewayOnLoopbackIsRefusedUnlessAllowed(t *testing.T) {
	env := testenv.New(t)
	gw := startGateway(t, http.StatusOK)
	configureGateway(t, env, url.Values{"url": {gw.URL}, "auth": {"none"}})
	tk := env.Ticket(t, "a.member", "Printer", "It does not print.")
	res := env.Session(t, "agent").PostForm(path(tk)+"/sms", url.Values{"to": {"+49 170 1234567"}, "text": {"Hello"}})
	if res.StatusCode != http.StatusBadGateway || len(gw.received()) != 0 {
		t.Fatalf("status %d, gateway asked %d times; want 502 and never", res.StatusCode, len(gw.received()))
	}
}

func TestSMSBadInputIsRefused(t *testing.T) {
	env := testenv.New(t, loopbackAllowed)
	gw := startGateway(t, http.StatusOK)
	configureGateway(t, env, url.Values{"url": {gw.URL}, "auth": {"none"}})
	tk := env.Ticket(t, "a.member", "Printer", "It does not print.") // a.member has no phone
	c := env.Session(t, "agent")
	for _, tc := range []struct {
		lang, to, text, want string
	}{
		{"en", "", "Hello", "The requester has no phone number. Enter the number to send to."},
		{"en", "+49 170 1234567", "", "This field is required."},
		{"en", "+49 170 1234567", strings.Repeat("x", 1601), "A text message has at most 1600 characters."},
		{"de", "abc", "Hallo", "Bitte eine Telefonnummer wie +49 170 1234567 eingeben."},
		{"de", "", "Hallo", "Der Anfragende hat keine Telefonnummer."},
	} {
		c.Lang = tc.lang
		res := c.PostForm(path(tk)+"/sms", url.Values{"to": {tc.to}, "text": {tc.text}})
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(html.UnescapeString(res.Body), tc.want) {
			t.Errorf("to %q, text of %d (%s): status %d, want 422 with %q", tc.to, len(tc.text), tc.lang, res.StatusCode, tc.want)
		}
	}
	if n := len(gw.received()); n != 0 {
		t.Errorf("bad input reached the gateway %d times", n)
	}
}
