// Package mailtoken signs the Message-IDs of the mail Supportal sends, so
// that an answer proves which ticket it belongs to even when the mail
// client dropped the subject tag or rewrote References: the customer's
// client puts our Message-ID into In-Reply-To.
//
// A token Message-ID looks like
//
//	t10023.k3f9c2a1.<52 base32 characters>@support.example.com
//
// where the last field is the full HMAC-SHA256 of the ticket number under
// the instance key. Anyone can copy a Message-ID they received, so a valid
// token proves only that the sender saw mail of that ticket; the caller
// still checks that the sender may write to it.
package mailtoken

import (
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"strings"

	"supportal/internal/secret"
)

const purpose = "ticket-message-id"

// Tokens makes and checks token Message-IDs.
type Tokens struct {
	keys *secret.Keys
	host string
}

// New returns Tokens signing with keys; host is the right-hand side of
// the Message-IDs (the domain of the sender address).
func New(keys *secret.Keys, host string) *Tokens {
	if host == "" {
		host = "localhost"
	}
	return &Tokens{keys: keys, host: host}
}

// MessageID returns a new, unique Message-ID (without angle brackets)
// carrying the token of ticket number n.
func (t *Tokens) MessageID(n int64) string {
	var r [5]byte
	rand.Read(r[:])
	num := strconv.FormatInt(n, 10)
	return "t" + num + "." + hex.EncodeToString(r[:]) + "." + t.keys.Sign(purpose, num) + "@" + t.host
}

// Plain returns a new unique Message-ID without a ticket token, for mail
// that belongs to no ticket.
func (t *Tokens) Plain() string {
	var r [16]byte
	rand.Read(r[:])
	return hex.EncodeToString(r[:]) + "@" + t.host
}

// Ticket returns the ticket number a Message-ID (with or without angle
// brackets) carries, if its signature is valid. The host part is not
// trusted or needed.
func (t *Tokens) Ticket(messageID string) (int64, bool) {
	local, _, ok := strings.Cut(strings.ToLower(strings.Trim(strings.TrimSpace(messageID), "<>")), "@")
	if !ok {
		return 0, false
	}
	fields := strings.Split(local, ".")
	if len(fields) != 3 || !strings.HasPrefix(fields[0], "t") {
		return 0, false
	}
	num := fields[0][1:]
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n <= 0 || strconv.FormatInt(n, 10) != num {
		return 0, false
	}
	if !t.keys.Verify(purpose, num, fields[2]) {
		return 0, false
	}
	return n, true
}
