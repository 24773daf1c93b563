package sms_test

import (
	"testing"

	"supportal/internal/sms"
)

func TestVerifyAcceptsOnlyTheSignatureOfTheBodyWithTheSecret(t *testing.T) {
	body := []byte(`{"from":"+491701234567","text":"hi"}`)
	sig := sms.Sign("secret one", body)
	for _, tc := range []struct {
		name, secret, header string
		body                 []byte
		want                 bool
	}{
		{"good", "secret one", sig, body, true},
		{"other secret", "secret two", sig, body, false},
		{"changed body", "secret one", sig, []byte(`{"from":"+491701234567","text":"ho"}`), false},
		{"no prefix", "secret one", sig[len("sha256="):], body, false},
		{"not hex", "secret one", "sha256=zz", body, false},
		{"empty", "secret one", "", body, false},
		{"no secret set", "", sms.Sign("", body), body, false},
	} {
		if got := sms.Verify(tc.secret, tc.body, tc.header); got != tc.want {
			t.Errorf("%s: Verify = %v, want %v", tc.name, got, tc.want)
		}
	}
}
