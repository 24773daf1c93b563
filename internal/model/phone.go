package model

import "strings"

// PhoneDigits is a phone number as dialled: its digits, with a leading
// "+" for an international number ("00" becomes "+"). Spaces, dashes,
// dots, slashes and brackets people type are dropped. A number without
// digits is "".
func PhoneDigits(s string) string {
	s = strings.TrimSpace(s)
	plus := strings.HasPrefix(s, "+")
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	d := b.String()
	if !plus && strings.HasPrefix(d, "00") {
		d, plus = d[2:], true
	}
	if d == "" {
		return ""
	}
	if plus {
		return "+" + d
	}
	return d
}

// SamePhone reports whether a and b are the same number. Beside equal
// digits, a national number ("0170 1234567") equals an international one
// ("+49 170 1234567") whose country code (one to three digits) is
// followed by the national number without its leading zero. Numbers of
// fewer than six digits never match: they are extensions, not phones.
func SamePhone(a, b string) bool {
	a, b = PhoneDigits(a), PhoneDigits(b)
	if len(strings.TrimPrefix(a, "+")) < 6 || len(strings.TrimPrefix(b, "+")) < 6 {
		return false
	}
	if a == b {
		return true
	}
	if strings.HasPrefix(b, "+") {
		a, b = b, a
	}
	// a is international, b national with a trunk zero.
	if !strings.HasPrefix(a, "+") || strings.HasPrefix(b, "+") || !strings.HasPrefix(b, "0") || strings.HasPrefix(b, "00") {
		return false
	}
	national := b[1:]
	cc := strings.TrimSuffix(a[1:], national)
	return len(cc) >= 1 && len(cc) <= 3 && len(cc) < len(a[1:])
}
