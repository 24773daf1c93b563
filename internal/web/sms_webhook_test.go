package web_test

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"supportal/internal/model"
	"supportal/internal/sms"
	"supportal/internal/testenv"
	"supportal/internal/ticket"
)

const webhookSecret = "a shared webhook secret"

// smsEnv is a test world whose admin set the webhook secret and where
// a.member's profile has a phone number.
func smsEnv(t *testing.T) *testenv.Env {
	t.Helper()
	env := testenv.New(t)
	res := env.Session(t, "admin").PostForm("/admin/sms", url.Values{"auth": {"none"}, "webhook_secret": {webhookSecret}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving the webhook secret: status %d\n%s", res.StatusCode, res.Body)
	}
	if _, err := env.Store.DB().ExecContext(context.Background(), "UPDATE users SET phone = $1 WHERE id = $2",
		"0170 1234567", env.User(t, "a.member").ID); err != nil {
		t.Fatal(err)
	}
	return env
}

// postSMS sends a received text message as the gateway does, signed with
// secret ("" sends no signature).
func postSMS(t *testing.T, env *testenv.Env, secret, from, text string) *testenv.Response {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"from": from, "text": text})
	req, err := http.NewRequest(http.MethodPost, env.URL("/sms/webhook"), strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set(sms.SignatureHeader, sms.Sign(secret, body))
	}
	return env.Anonymous(t).Do(req)
}

// ticketCount is the number of tickets stored.
func ticketCount(t *testing.T, env *testenv.Env) int {
	t.Helper()
	var n int
	if err := env.Store.DB().QueryRowContext(context.Background(), "SELECT COUNT(*) FROM tickets").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestSMSFromContactJoinsItsNewestOpenTicket(t *testing.T) {
	env := smsEnv(t)
	ctx := context.Background()
	older := env.Ticket(t, "a.member", "Older", "first")
	newer := env.Ticket(t, "a.member", "Newer", "second")
	waiting := model.CategoryWaitingCustomer
	if _, err := env.App.Tickets.Update(ctx, env.User(t, "agent"), newer.Number, ticket.UpdateParams{Category: &waiting, WaitingReason: ptr("Which model?")}); err != nil {
		t.Fatal(err)
	}
	res := postSMS(t, env, webhookSecret, "+49 170 1234567", "It is the LX-200.")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", res.StatusCode, res.Body)
	}
	msgs, err := env.Store.Messages(ctx, newer.ID)
	if err != nil {
		t.Fatal(err)
	}
	m := msgs[len(msgs)-1]
	if m.Kind != model.KindSMSIn || m.Internal || m.AuthorID != env.User(t, "a.member").ID || m.Body != "It is the LX-200." || m.Phone != "+491701234567" {
		t.Fatalf("stored message %+v", m)
	}
	got, err := env.Store.Ticket(ctx, newer.Number)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status.Category != model.CategoryOpen {
		t.Errorf("the answer left the ticket %s, want open", got.Status.Category)
	}
	if msgs, _ := env.Store.Messages(ctx, older.ID); len(msgs) != 1 {
		t.Errorf("the older ticket got %d messages", len(msgs))
	}
}

func TestSMSFromContactWithoutOpenTicketOpensOne(t *testing.T) {
	env := smsEnv(t)
	before := ticketCount(t, env)
	res := postSMS(t, env, webhookSecret, "0049 170 1234567", "Printer jammed again\nPlease call.")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %s", res.StatusCode, res.Body)
	}
	var out struct {
		Ticket  int64
		Created bool
	}
	res.JSON(t, &out)
	tk, err := env.Store.Ticket(context.Background(), out.Ticket)
	if err != nil || !out.Created || ticketCount(t, env) != before+1 {
		t.Fatalf("answer %+v, %v", out, err)
	}
	if tk.Channel != model.ChannelSMS || tk.RequesterID != env.User(t, "a.member").ID || tk.Subject != "Printer jammed again" {
		t.Fatalf("new ticket %+v", tk)
	}
	page := env.Session(t, "agent").Get("/desk/tickets/" + strconv.FormatInt(out.Ticket, 10))
	if !strings.Contains(html.UnescapeString(page.Body), "SMS from +491701234567") {
		t.Errorf("the desk does not show the sender's number: status %d\n%s", page.StatusCode, page.Body)
	}
}

func TestSMSWebhookRefusesBadSignatureAndUnknownNumbers(t *testing.T) {
	env := smsEnv(t)
	tk := env.Ticket(t, "a.member", "Printer", "It does not print.")
	before := ticketCount(t, env)
	for name, res := range map[string]*testenv.Response{
		"no signature":     postSMS(t, env, "", "+49 170 1234567", "hello"),
		"wrong secret":     postSMS(t, env, "another secret entirely", "+49 170 1234567", "hello"),
		"unknown number":   postSMS(t, env, webhookSecret, "+49 151 9999999", "hello"),
		"no number at all": postSMS(t, env, webhookSecret, "", "hello"),
	} {
		want := http.StatusAccepted
		if strings.Contains(name, "signature") || strings.Contains(name, "secret") {
			want = http.StatusUnauthorized
		}
		if res.StatusCode != want {
			t.Errorf("%s: status %d, want %d", name, res.StatusCode, want)
		}
	}
	msgs, err := env.Store.Messages(context.Background(), tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 1 || ticketCount(t, env) != before {
		t.Errorf("refused messages were stored: %d messages, %d tickets (had %d)", len(msgs), ticketCount(t, env), before)
	}
}

func ptr[T any](v T) *T { return &v }
