package sms

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// SignatureHeader carries the webhook's signature.
const SignatureHeader = "X-Supportal-Signature"

// Sign is the signature header value of body: "sha256=" and the hex
// HMAC-SHA256 of body keyed with the webhook secret.
func Sign(webhookSecret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(webhookSecret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Verify reports whether header is body's signature with the secret, in
// constant time. Without a secret nothing verifies.
func Verify(webhookSecret string, body []byte, header string) bool {
	if webhookSecret == "" {
		return false
	}
	got, ok := strings.CutPrefix(strings.TrimSpace(header), "sha256=")
	if !ok {
		return false
	}
	sig, err := hex.DecodeString(got)
	if err != nil {
		return false
	}
	want, _ := hex.DecodeString(strings.TrimPrefix(Sign(webhookSecret, body), "sha256="))
	return hmac.Equal(sig, want)
}
