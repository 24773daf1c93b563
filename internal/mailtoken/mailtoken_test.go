package mailtoken

import (
	"bytes"
	"strings"
	"testing"

	"supportal/internal/secret"
)

func keys(t *testing.T, b byte) *secret.Keys {
	t.Helper()
	k, err := secret.New(bytes.Repeat([]byte{b}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestTokenRoundTrip(t *testing.T) {
	tok := New(keys(t, 1), "support.example.com")
	id := tok.MessageID(10023)
	if !strings.HasSuffix(id, "@support.example.com") || strings.ContainsAny(id, "<> ") {
		t.Fatalf("Message-ID %q", id)
	}
	if other := tok.MessageID(10023); other == id {
		t.Fatal("two Message-IDs of one ticket are equal")
	}
	for _, form := range []string{id, "<" + id + ">", strings.ToUpper(id[:1]) + id[1:]} {
		if n, ok := tok.Ticket(form); !ok || n != 10023 {
			t.Errorf("Ticket(%q) = %d, %v", form, n, ok)
		}
	}
}

func TestTokenRefusesForgeries(t *testing.T) {
	tok := New(keys(t, 1), "example.com")
	id := tok.MessageID(10023)
	local, _, _ := strings.Cut(id, "@")
	f := strings.Split(local, ".")
	forged := []string{
		"t10024." + f[1] + "." + f[2] + "@example.com",         // another ticket, same signature
		f[0] + "." + f[1] + "." + f[2][:len(f[2])-1] + "@x",    // truncated signature
		f[0] + "." + f[1] + "." + f[2] + "a@x",                 // longer signature
		"t010023." + f[1] + "." + f[2] + "@x",                  // same number, other spelling
		f[0] + "." + f[1] + "@x",                               // no signature
		"",                                                     // nothing
		New(keys(t, 2), "example.com").MessageID(10023),        // another instance's key
		"t10023.x." + strings.Repeat("a", 52) + "@example.com", // guessed
	}
	for _, s := range forged {
		if n, ok := tok.Ticket(s); ok {
			t.Errorf("Ticket(%q) = %d, accepted", s, n)
		}
	}
	if _, ok := tok.Ticket(tok.Plain()); ok {
		t.Error("a plain Message-ID carries a ticket")
	}
}
