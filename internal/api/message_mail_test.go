package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"testing"

	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

// mailFields are the message fields of a received mail.
type mailFields struct {
	ID      int64     `json:"id"`
	Kind    string    `json:"kind"`
	Sender  *string   `json:"sender"`
	Auto    *bool     `json:"auto"`
	HasHTML *bool     `json:"has_html"`
	Flags   *[]string `json:"flags"`
}

func mailFieldsOf(t *testing.T, c *testenv.Client, n int64) []mailFields {
	t.Helper()
	res := c.Get(messagesPath(n))
	want(t, res, http.StatusOK)
	var l struct {
		Items []mailFields `json:"items"`
	}
	if err := json.Unmarshal([]byte(res.Body), &l); err != nil {
		t.Fatal(err)
	}
	return l.Items
}

func TestReceivedMailCarriesSenderAutoAndHTMLAndFlagsForAgentsOnly(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Out of office", "Written in the portal.")
	_, err := env.Store.CreateMessage(context.Background(), store.NewMessage{TicketID: tk.ID, Kind: model.KindEmailIn,
		AuthorID: env.User(t, "a.member").ID, Body: "Away until Monday.", HTML: "<p>Away until <b>Monday</b>.</p>",
		Sender: "member@elsewhere.example", Auto: true, Flags: "dmarc-fail spf-fail"})
	if err != nil {
		t.Fatal(err)
	}

	staff := mailFieldsOf(t, env.Bearer(t, "agent"), tk.Number)
	if len(staff) != 2 {
		t.Fatalf("%d messages, want 2", len(staff))
	}
	portal, mail := staff[0], staff[1]
	if portal.Sender != nil || portal.Auto == nil || *portal.Auto || portal.HasHTML == nil || *portal.HasHTML {
		t.Errorf("the portal message: %+v, want no sender, auto and has_html false", portal)
	}
	if portal.Flags == nil || len(*portal.Flags) != 0 {
		t.Errorf("an agent gets flags %v on the portal message, want []", portal.Flags)
	}
	if mail.Sender == nil || *mail.Sender != "member@elsewhere.example" || mail.Auto == nil || !*mail.Auto || mail.HasHTML == nil || !*mail.HasHTML {
		t.Errorf("the mail: %+v", mail)
	}
	if mail.Flags == nil || !slices.Equal(*mail.Flags, []string{"dmarc-fail", "spf-fail"}) {
		t.Errorf("an agent gets flags %v, want dmarc-fail and spf-fail", mail.Flags)
	}

	for _, m := range mailFieldsOf(t, env.Bearer(t, "a.member"), tk.Number) {
		if m.Flags != nil {
			t.Errorf("a contact gets flags on message %d: %v", m.ID, *m.Flags)
		}
		if m.Kind == "email_in" && (m.Sender == nil || *m.Sender != "member@elsewhere.example") {
			t.Errorf("the contact does not get the sender of its mail: %+v", m)
		}
	}
}
