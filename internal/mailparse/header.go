package mailparse

import (
	"bytes"
	"net/mail"
	"net/textproto"
	"regexp"
	"strings"
	"supportal/internal/plaintext"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"golang.org/x/text/transform"
)

// headerReader decodes the fields of one header block. hints are the
// charsets the message declares for its text, the best guesses for raw
// 8-bit bytes in a field (which RFC 5322 forbids and mailers send anyway).
type headerReader struct {
	h     textproto.MIMEHeader
	hints []string
}

// raw returns the first value of the field name as UTF-8 (see fix).
func (r headerReader) raw(name string) string {
	return r.fix(r.h.Get(name))
}

// fix reads raw bytes in a field value: UTF-8 if they are that; else the
// first of the message's charsets they decode in without error, trying the
// East Asian multi-byte families first (a Latin-1 byte sequence rarely
// passes as one of those, the reverse is common); else windows-1252.
// 7-bit ISO-2022-JP escape sequences are decoded too.
func (r headerReader) fix(v string) string {
	if utf8.ValidString(v) {
		if strings.Contains(v, "\x1b$") {
			if s, ok := decodeStrict("iso-2022-jp", []byte(v)); ok {
				return s
			}
		}
		return cleanString(v)
	}
	multi, single := headerCharsets(r.hints)
	for _, cs := range multi {
		if s, ok := decodeStrict(cs, []byte(v)); ok {
			return s
		}
	}
	if s, ok := detectEastAsian([]byte(v)); ok {
		return s
	}
	if single != "" {
		if s, ok := decodeStrict(single, []byte(v)); ok {
			return s
		}
	}
	return validUTF8([]byte(v))
}

// detectEastAsian reads b in a multi-byte East Asian charset when charset
// detection is confident of one (a subject copied into a wrapper message
// whose own text declares another charset).
func detectEastAsian(b []byte) (string, bool) {
	results, err := chardet.NewTextDetector().DetectAll(b)
	if err != nil {
		return "", false
	}
	for _, r := range results {
		if r.Confidence < 50 {
			break
		}
		switch strings.ToLower(r.Charset) {
		case "gb18030", "big5", "shift_jis", "euc-jp", "euc-kr", "iso-2022-jp", "iso-2022-kr", "iso-2022-cn":
			if s, ok := decodeStrict(r.Charset, b); ok {
				return s, true
			}
		}
	}
	return "", false
}

// headerCharsets sorts the charsets to try on a raw header: the multi-byte
// families of the hints, and the first other hint.
func headerCharsets(hints []string) (multi []string, single string) {
	for _, h := range hints {
		switch l := strings.ToLower(h); {
		case strings.Contains(l, "2022-jp") || strings.Contains(l, "jis") || l == "windows-31j" || l == "cp932" || strings.Contains(l, "euc-jp"):
			multi = append(multi, "shift_jis", "euc-jp")
		case strings.Contains(l, "gb") || l == "cp936" || l == "hz-gb-2312":
			multi = append(multi, "gb18030")
		case strings.Contains(l, "big5") || l == "cp950":
			multi = append(multi, "big5")
		case strings.Contains(l, "kr") || strings.Contains(l, "ks_c") || l == "cp949":
			multi = append(multi, "euc-kr")
		case strings.Contains(l, "utf"):
		default:
			if single == "" {
				single = h
			}
		}
	}
	return multi, single
}

// decodeStrict converts b from charset to UTF-8 and reports whether every
// byte decoded.
func decodeStrict(charset string, b []byte) (string, bool) {
	e := lookupCharset(charset)
	if e == nil {
		return "", false
	}
	out, _, err := transform.Bytes(e.NewDecoder(), b)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return "", false
	}
	return cleanString(string(out)), true
}

// all returns every value of the field name, fixed like raw.
func (r headerReader) all(name string) []string {
	vs := r.h.Values(name)
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		out = append(out, r.fix(v))
	}
	return out
}

// text returns the field decoded (RFC 2047) on one line.
func (r headerReader) text(name string) string {
	return plaintext.Line(decodeWords(r.raw(name)))
}

var idInBrackets = regexp.MustCompile(`<([^<>]*)>`)

// maxIDs bounds the Message-IDs kept from one field; a References chain
// longer than that keeps its first and its newest ones, as RFC 5322 suggests
// when trimming.
const maxIDs = 100

// parseIDs reads the Message-IDs of a Message-ID, In-Reply-To or References
// field, without angle brackets, in order, without duplicates.
func parseIDs(v string) []string {
	var ids []string
	seen := map[string]bool{}
	add := func(id string) {
		id = strings.TrimSpace(id)
		if !usableID(id) || seen[id] {
			return
		}
		seen[id] = true
		ids = append(ids, id)
	}
	if m := idInBrackets.FindAllStringSubmatch(v, -1); len(m) > 0 {
		for _, x := range m {
			add(x[1])
		}
	} else {
		for _, f := range strings.FieldsFunc(v, func(r rune) bool { return unicode.IsSpace(r) || r == ',' }) {
			if strings.Contains(f, "@") {
				add(strings.Trim(f, `"'`))
			}
		}
	}
	if len(ids) > maxIDs {
		ids = append(ids[:1], ids[len(ids)-maxIDs+1:]...)
	}
	return ids
}

// usableID reports whether id can serve as a Message-ID for threading.
func usableID(id string) bool {
	if id == "" || len(id) > 995 || !utf8.ValidString(id) {
		return false
	}
	for _, r := range id {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// date reads the Date field; when it is missing or unreadable, the date of
// the topmost Received field (when this copy arrived).
func (r headerReader) date() (time.Time, bool) {
	if t, ok := parseDate(r.raw("Date")); ok {
		return t, true
	}
	if rec := r.raw("Received"); rec != "" {
		if i := strings.LastIndexByte(rec, ';'); i >= 0 {
			if t, ok := parseDate(rec[i+1:]); ok {
				return t, false
			}
		}
	}
	return time.Time{}, false
}

var dateLayouts = []string{
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04 -0700",
	"2 Jan 06 15:04:05 -0700",
	"2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05",
	"Jan 2 15:04:05 2006",
	"Jan 2 2006 15:04:05 -0700",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02T15:04:05Z07:00",
	"2006-01-02 15:04:05",
}

// parseDate reads an RFC 5322 date and the common ways mailers get it wrong.
func parseDate(v string) (time.Time, bool) {
	v = plaintext.Line(v)
	if v == "" {
		return time.Time{}, false
	}
	if t, err := mail.ParseDate(v); err == nil {
		return t, true
	}
	// Drop a comment, a weekday, and a period or comma mailers add.
	if i := strings.IndexByte(v, '('); i > 0 {
		v = strings.TrimSpace(v[:i])
	}
	if i := strings.IndexByte(v, ','); i >= 0 && i < 10 {
		v = strings.TrimSpace(v[i+1:])
	}
	if f := strings.Fields(v); len(f) > 0 && len(f[0]) >= 3 && isWeekday(f[0]) {
		v = strings.Join(f[1:], " ")
	}
	v = strings.ReplaceAll(v, ".", "")
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func isWeekday(s string) bool {
	s = strings.ToLower(strings.TrimRight(s, ".,"))
	for _, d := range []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"} {
		if strings.HasPrefix(s, d) {
			return true
		}
	}
	return false
}
