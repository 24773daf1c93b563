// Package plaintext cleans text that people and mail programs send before
// it becomes a subject, a name or a header.
package plaintext

import (
	"strings"
	"unicode"
)

// Line turns every run of white space and control characters in s into
// one space and trims it; bidirectional overrides go too, so that
// "gpj.exe" cannot pose as "exe.jpg". Invalid UTF-8 becomes U+FFFD.
func Line(s string) string {
	var sb strings.Builder
	sb.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) || IsBidiControl(r) {
			space = sb.Len() > 0
			continue
		}
		if space {
			sb.WriteByte(' ')
			space = false
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// IsBidiControl reports the invisible direction marks and overrides.
func IsBidiControl(r rune) bool {
	return r == '\u200e' || r == '\u200f' || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069') || r == '\u061c'
}
