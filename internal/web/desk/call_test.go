package desk_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"supportal/internal/model"
	"supportal/internal/testenv"
)

// messagesOf lists every stored message of a ticket.
func messagesOf(t *testing.T, env *testenv.Env, tk *model.Ticket) []*model.Message {
	t.Helper()
	list, err := env.Store.Messages(context.Background(), tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// setPhone gives the user under key a phone number in its profile.
func setPhone(t *testing.T, env *testenv.Env, key, phone string) {
	t.Helper()
	exec(t, env, "UPDATE users SET phone = $1 WHERE id = $2", phone, env.User(t, key).ID)
}

func TestAgentLogsCallAsInternalMessageWithHistory(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Printer", "It does not print.")
	c := env.Session(t, "agent")
	res := c.PostForm(path(tk)+"/calls", url.Values{"direction": {"out"}, "number": {"0170 1234567"}, "duration": {"3:30"},
		"outcome": {"callback_arranged"}, "note": {"Customer calls back after lunch."}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("logging a call: status %d\n%s", res.StatusCode, res.Body)
	}
	msgs := messagesOf(t, env, tk)
	m := msgs[len(msgs)-1]
	if m.Kind != model.KindPhone || !m.Internal || m.Phone != "0170 1234567" || m.CallDirection != "out" || m.CallSeconds != 210 ||
		m.CallOutcome != "callback_arranged" || m.Body != "Customer calls back after lunch." {
		t.Fatalf("stored call: %+v", m)
	}
	page := html.UnescapeString(c.Get(path(tk)).Body)
	for _, want := range []string{"Outgoing call, 0170 1234567, 3:30: call back arranged", "Customer calls back after lunch.",
		"User agent logged a call: call back arranged"} {
		if !strings.Contains(page, want) {
			t.Errorf("the desk page lacks %q", want)
		}
	}
	c.Lang = "de"
	if page := html.UnescapeString(c.Get(path(tk)).Body); !strings.Contains(page, "Ausgehender Anruf, 0170 1234567, 3:30: Rückruf vereinbart") {
		t.Errorf("the German desk page lacks the call")
	}
	portal := env.Session(t, "a.member").Get("/portal/tickets/" + strconv.FormatInt(tk.Number, 10))
	if portal.StatusCode != http.StatusOK || strings.Contains(portal.Body, "after lunch") {
		t.Errorf("the customer reads the agent's call note (status %d)", portal.StatusCode)
	}
}

func TestCallBadInputIsRefusedInBothLanguages(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Printer", "It does not print.")
	c := env.Session(t, "agent")
	good := url.Values{"direction": {"in"}, "number": {"+49 170 1234567"}, "duration": {"5"}, "outcome": {"reached"}, "note": {"kept note"}}
	for _, tc := range []struct {
		lang, field, value, want string
	}{
		{"en", "direction", "sideways", "Choose one of the listed values."},
		{"en", "outcome", "hung_up", "Choose one of the listed values."},
		{"en", "number", "", "This field is required."},
		{"en", "number", "call me", "Enter a phone number such as +49 170 1234567."},
		{"en", "duration", "4:75", "Enter minutes and seconds (such as 4:30) or whole minutes (such as 5), at most 24 hours."},
		{"en", "duration", "1441", "at most 24 hours"},
		{"de", "duration", "fünf", "Bitte Minuten und Sekunden (etwa 4:30) oder ganze Minuten (etwa 5) eingeben, höchstens 24 Stunden."},
		{"de", "outcome", "", "Wählen Sie einen der aufgeführten Werte."},
		{"de", "number", "12", "Bitte eine Telefonnummer wie +49 170 1234567 eingeben."},
	} {
		form := url.Values{}
		for k, v := range good {
			form[k] = v
		}
		form.Set(tc.field, tc.value)
		c.Lang = tc.lang
		res := c.PostForm(path(tk)+"/calls", form)
		body := html.UnescapeString(res.Body)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, tc.want) {
			t.Errorf("%s=%q (%s): status %d, want 422 with %q", tc.field, tc.value, tc.lang, res.StatusCode, tc.want)
		}
		if !strings.Contains(body, "kept note") {
			t.Errorf("%s=%q: the refused form lost the note", tc.field, tc.value)
		}
	}
	for _, m := range messagesOf(t, env, tk) {
		if m.Kind == model.KindPhone {
			t.Fatalf("refused input stored a call: %+v", m)
		}
	}
	for _, e := range events(t, env, tk) {
		if e.Field == "call" {
			t.Fatalf("refused input wrote history: %+v", e)
		}
	}
}

func TestTicketFromCallForContactFoundByPhone(t *testing.T) {
	env := testenv.New(t)
	setPhone(t, env, "a.member", "+49 170 1234567")
	setPhone(t, env, "b.member", "+49 171 7654321")
	c := env.Session(t, "agent")
	res := c.Get("/desk/calls/new?q=" + url.QueryEscape("0170 1234567"))
	if res.StatusCode != http.StatusOK || !strings.Contains(res.Body, "User a.member") || strings.Contains(res.Body, "User b.member") {
		t.Fatalf("searching by the national number: status %d\n%s", res.StatusCode, res.Body)
	}
	member := env.User(t, "a.member")
	res = c.PostForm("/desk/calls", url.Values{"q": {"0170 1234567"}, "requester_id": {strconv.FormatInt(member.ID, 10)},
		"subject": {"Scanner offline"}, "direction": {"in"}, "number": {"+49 170 1234567"}, "duration": {"12:05"},
		"outcome": {"reached"}, "note": {"Scanner shows E42."}})
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/desk/tickets/") {
		t.Fatalf("opening the ticket: status %d, location %q\n%s", res.StatusCode, res.Header.Get("Location"), res.Body)
	}
	n, err := strconv.ParseInt(strings.TrimPrefix(res.Header.Get("Location"), "/desk/tickets/"), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	tk, err := env.Store.Ticket(context.Background(), n)
	if err != nil {
		t.Fatal(err)
	}
	if tk.RequesterID != member.ID || tk.OrgID != member.OrgID || tk.Channel != model.ChannelPhone || tk.Subject != "Scanner offline" {
		t.Fatalf("ticket from the call: %+v", tk)
	}
	msgs := messagesOf(t, env, tk)
	if len(msgs) != 1 || msgs[0].Kind != model.KindPhone || !msgs[0].Internal || msgs[0].CallSeconds != 725 || msgs[0].Body != "Scanner shows E42." {
		t.Fatalf("first message: %+v", msgs)
	}
	if page := html.UnescapeString(c.Get(path(tk)).Body); !strings.Contains(page, "Incoming call, +49 170 1234567, 12:05: reached") {
		t.Errorf("the ticket page lacks the call")
	}

	// Without a chosen contact nothing is opened, and the search stays.
	c.Lang = "de"
	res = c.PostForm("/desk/calls", url.Values{"q": {"0170 1234567"}, "subject": {"Zweiter"}, "direction": {"in"},
		"number": {"0170 1234567"}, "outcome": {"reached"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "Dieses Feld ist erforderlich.") ||
		!strings.Contains(res.Body, "User a.member") {
		t.Errorf("no contact chosen: status %d\n%s", res.StatusCode, res.Body)
	}
	// An agent is not a contact a ticket can be opened for by a call.
	res = c.PostForm("/desk/calls", url.Values{"requester_id": {strconv.FormatInt(env.User(t, "agent2").ID, 10)}, "subject": {"X"},
		"direction": {"in"}, "number": {"0170 1234567"}, "outcome": {"reached"}})
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a ticket from a call for an agent: status %d", res.StatusCode)
	}
}
