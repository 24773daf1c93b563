package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"supportal/internal/testenv"
)

// apiTicket is the part of a ticket the tests read.
type apiTicket struct {
	Number        int64          `json:"number"`
	Subject       string         `json:"subject"`
	Status        string         `json:"status"`
	Category      string         `json:"category"`
	WaitingReason string         `json:"waiting_reason"`
	Ball          string         `json:"ball"`
	OrgID         *int64         `json:"org_id"`
	RequesterID   int64          `json:"requester_id"`
	Priority      string         `json:"priority"`
	Team          *string        `json:"team"`
	AssigneeID    *int64         `json:"assignee_id"`
	Channel       string         `json:"channel"`
	Internal      *bool          `json:"internal"`
	CustomFields  map[string]any `json:"custom_fields"`
	CreatedAt     string         `json:"created_at"`
	URL           string         `json:"url"`
}

type apiTicketList struct {
	Items      []apiTicket `json:"items"`
	NextCursor *string     `json:"next_cursor"`
}

type apiFile struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Size        int64  `json:"size"`
	ContentType string `json:"content_type"`
}

type apiMessage struct {
	ID          int64     `json:"id"`
	Kind        string    `json:"kind"`
	AuthorID    *int64    `json:"author_id"`
	To          []string  `json:"to"`
	Cc          []string  `json:"cc"`
	Body        string    `json:"body"`
	HTML        string    `json:"html"`
	Internal    bool      `json:"internal"`
	Attachments []apiFile `json:"attachments"`
}

type apiMessageList struct {
	Items      []apiMessage `json:"items"`
	NextCursor *string      `json:"next_cursor"`
}

type apiError struct {
	Error  string            `json:"error"`
	Fields map[string]string `json:"fields"`
}

// want fails the test unless the response has the status.
func want(t *testing.T, res *testenv.Response, status int) {
	t.Helper()
	if res.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d\n%s", res.Request.Method, res.Request.URL.Path, res.StatusCode, status, res.Body)
	}
}

// wantField fails the test unless the response is 422 naming field.
func wantField(t *testing.T, res *testenv.Response, field string) apiError {
	t.Helper()
	want(t, res, http.StatusUnprocessableEntity)
	var e apiError
	res.JSON(t, &e)
	if e.Fields[field] == "" {
		t.Fatalf("422 does not name %q: %s", field, res.Body)
	}
	return e
}

func ticketPath(n int64) string { return fmt.Sprintf("/api/v1/tickets/%d", n) }

func messagesPath(n int64) string { return ticketPath(n) + "/messages" }

// getTicket fetches a ticket through the API as c.
func getTicket(t *testing.T, c *testenv.Client, n int64) apiTicket {
	t.Helper()
	res := c.Get(ticketPath(n))
	want(t, res, http.StatusOK)
	var tk apiTicket
	res.JSON(t, &tk)
	return tk
}

// messages lists a ticket's messages through the API as c.
func messages(t *testing.T, c *testenv.Client, n int64) []apiMessage {
	t.Helper()
	res := c.Get(messagesPath(n))
	want(t, res, http.StatusOK)
	var l apiMessageList
	res.JSON(t, &l)
	return l.Items
}

// bodies lists the bodies of messages.
func bodies(ms []apiMessage) []string {
	out := []string{}
	for _, m := range ms {
		out = append(out, m.Body)
	}
	return out
}

func itoa(n int64) string { return fmt.Sprint(n) }
