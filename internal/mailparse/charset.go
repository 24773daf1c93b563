package mailparse

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/cention-sany/utf7"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// lookupCharset finds the decoder for a charset label as real mail writes
// it: the WHATWG labels (which read ISO-8859-1 and US-ASCII as windows-1252,
// as mail clients do), the IANA names, UTF-7, and the odd spellings seen in
// the wild ("unicode-1-1-utf-7", "iso-gb2312", "x-cp1252", a label followed by
// junk). It returns nil for an unknown label.
func lookupCharset(label string) encoding.Encoding {
	l := strings.ToLower(strings.Trim(strings.TrimSpace(label), `"'`))
	if i := strings.IndexAny(l, " \t;,"); i >= 0 {
		l = l[:i]
	}
	if l == "" {
		return nil
	}
	try := func(l string) encoding.Encoding {
		switch {
		case l == "utf-8" || l == "utf8" || l == "unicode-1-1-utf-8" || l == "utf8mb4":
			return encoding.Nop
		case strings.Contains(l, "utf-7") || l == "utf7":
			return utf7.UTF7
		case strings.Contains(l, "gb2312") || l == "gb_2312-80" || l == "chinese":
			return simplifiedchinese.GBK
		}
		if e, err := htmlindex.Get(l); err == nil && e != nil {
			return e
		}
		for _, x := range []*ianaindex.Index{ianaindex.MIME, ianaindex.IANA} {
			if e, err := x.Encoding(l); err == nil && e != nil {
				return e
			}
		}
		return nil
	}
	if e := try(l); e != nil {
		return e
	}
	for _, prefix := range []string{"x-", "cs", "x-mac-"} {
		if s, ok := strings.CutPrefix(l, prefix); ok {
			if e := try(s); e != nil {
				return e
			}
		}
	}
	if n, ok := strings.CutPrefix(l, "cp"); ok {
		if e := try("windows-" + n); e != nil {
			return e
		}
	}
	return nil
}

// decodeCharset converts b from the charset label to valid UTF-8. ok is false
// when the label is unknown or the bytes do not decode; the result is then
// b read by validUTF8.
func decodeCharset(label string, b []byte) (s string, ok bool) {
	e := lookupCharset(label)
	if e == nil {
		return validUTF8(b), false
	}
	if e == encoding.Nop {
		return validUTF8(b), utf8.Valid(b)
	}
	out, _, err := transform.Bytes(e.NewDecoder(), b)
	if err != nil {
		return validUTF8(b), false
	}
	return validUTF8(out), true
}

// validUTF8 returns b as valid UTF-8 without NUL bytes. Valid sequences are
// kept; each byte that is not part of one is read as windows-1252, the most
// likely charset of a stray 8-bit byte in mail.
func validUTF8(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b))
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && size <= 1:
			sb.WriteRune(charmap.Windows1252.DecodeByte(b[0]))
			size = 1
		case r == 0:
		default:
			sb.Write(b[:size])
		}
		b = b[size:]
	}
	return sb.String()
}

// cleanString returns s as valid UTF-8 without NUL bytes, copying only when
// it has to.
func cleanString(s string) string {
	if utf8.ValidString(s) && !strings.ContainsRune(s, 0) {
		return s
	}
	return validUTF8([]byte(s))
}

// charsetReader is the mime.WordDecoder hook for every charset lookupCharset
// knows.
func charsetReader(label string, r io.Reader) (io.Reader, error) {
	e := lookupCharset(label)
	if e == nil {
		return nil, fmt.Errorf("unknown charset %q", label)
	}
	return transform.NewReader(r, e.NewDecoder()), nil
}

// truncateUTF8 cuts s to at most n bytes without splitting a character.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
