// Package sms sends and receives text messages through a gateway: the
// Gateway interface, its one HTTP implementation, the gateway's settings
// (kept by admins, secrets encrypted with the instance keys) and the
// signature that authenticates the gateway's webhook.
//
// Outbound: a POST of {"to","text","from"} as JSON to the configured URL,
// with HTTP basic authentication or a bearer token. The connection is
// dialled through netguard like every admin-configured server, and
// redirects are not followed.
//
// Inbound: the gateway POSTs {"from","text"} to /sms/webhook with the
// header X-Supportal-Signature: sha256=<hex HMAC-SHA256 of the raw body
// keyed with the webhook secret>. An HMAC rather than the secret itself
// proves the body was not changed and never sends the secret over the
// wire.
package sms

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"supportal/internal/netguard"
)

// Gateway sends one text message and returns the gateway's id for it
// ("" when the gateway gives none).
type Gateway interface {
	Send(ctx context.Context, to, text string) (id string, err error)
}

// ErrNotConfigured means no gateway URL is set.
var ErrNotConfigured = errors.New("sms: no gateway configured")

// ErrGateway is wrapped by every failure to hand a message to the
// gateway: unreachable, refused address, or an answer other than 2xx.
var ErrGateway = errors.New("sms: the gateway did not take the message")

// MaxText is the longest text sent or received: ten concatenated
// segments of 160 characters.
const MaxText = 1600

// Timeout bounds one request to the gateway.
const Timeout = 20 * time.Second

// Auth kinds of the gateway.
const (
	AuthNone   = "none"
	AuthBasic  = "basic"
	AuthBearer = "bearer"
)

// HTTPGateway posts messages to an HTTP gateway.
type HTTPGateway struct {
	URL    string
	From   string // sender name or number; "" leaves it to the gateway
	Auth   string // AuthNone, AuthBasic or AuthBearer
	User   string // basic authentication
	Secret string // the password (basic) or token (bearer)
	Client *http.Client
}

// NewClient returns an HTTP client that connects only through d and
// follows no redirects.
func NewClient(d *netguard.Dialer) *http.Client {
	return &http.Client{
		Timeout:   Timeout,
		Transport: &http.Transport{DialContext: d.DialContext, Proxy: nil, ForceAttemptHTTP2: true, MaxIdleConns: 2},
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// outbound is the JSON body the gateway receives.
type outbound struct {
	To   string `json:"to"`
	Text string `json:"text"`
	From string `json:"from,omitempty"`
}

// Send posts the message. Any answer but 2xx is an error wrapping
// ErrGateway; an "id" in a JSON answer is returned.
func (g *HTTPGateway) Send(ctx context.Context, to, text string) (string, error) {
	body, err := json.Marshal(outbound{To: to, Text: text, From: g.From})
	if err != nil {
		return "", err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.URL, bytes.NewReader(body))
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrGateway, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	switch g.Auth {
	case AuthBasic:
		req.SetBasicAuth(g.User, g.Secret)
	case AuthBearer:
		req.Header.Set("Authorization", "Bearer "+g.Secret)
	}
	res, err := g.Client.Do(req)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrGateway, err)
	}
	defer res.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(res.Body, 64<<10))
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return "", fmt.Errorf("%w: status %d", ErrGateway, res.StatusCode)
	}
	var reply struct {
		ID any `json:"id"`
	}
	if json.Unmarshal(answer, &reply) == nil && reply.ID != nil {
		return fmt.Sprint(reply.ID), nil
	}
	return "", nil
}
