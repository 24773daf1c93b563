package mailparse

import (
	"bytes"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jhillyerd/enmime/v2"
	"golang.org/x/text/encoding/charmap"
)

// joinText joins the decoded content of body parts as plain text or as HTML,
// converting parts of the other kind.
func (p *parser) joinText(parts []*enmime.Part, asHTML bool) string {
	var sb strings.Builder
	for i, part := range parts {
		s := p.bodyText(part)
		isHTML := part.ContentType == "text/html"
		switch {
		case asHTML && !isHTML:
			s = textToHTML(s)
		case !asHTML && isHTML:
			s = htmlToText(Sanitize(s))
		}
		if i > 0 {
			if asHTML {
				sb.WriteString("\n")
			} else {
				sb.WriteString("\n\n")
			}
		}
		sb.WriteString(s)
	}
	return sb.String()
}

// trimText drops the blank lines around a text, keeping the indentation of
// its first line.
func trimText(s string) string {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	for {
		line, rest, ok := strings.Cut(s, "\n")
		if !ok || strings.TrimSpace(line) != "" {
			return s
		}
		s = rest
	}
}

// textToHTML shows plain text in HTML: escaped, line breaks kept.
func textToHTML(s string) string {
	return "<div>" + strings.ReplaceAll(html.EscapeString(s), "\n", "<br>\n") + "</div>"
}

// bodyText returns a text part's content as UTF-8, decoding it here when the
// MIME parser did not know its charset, or when the declared charset does not
// fit bytes that are mostly UTF-8 (mail edited by several programs).
func (p *parser) bodyText(part *enmime.Part) string {
	s, converted := "", false
	for _, e := range part.Errors {
		if e.Name == enmime.ErrorCharsetConversion && strings.Contains(e.Detail, "failed to get reader") {
			var ok bool
			s, ok = decodeCharset(part.Charset, part.Content)
			if !ok {
				p.problem("unknown charset %q, text read as UTF-8 or windows-1252", part.Charset)
			}
			converted = true
			break
		}
	}
	if !converted {
		if !isUTF8(part.Content) {
			p.problem("text part not valid UTF-8 after decoding %q", part.Charset)
		}
		s = validUTF8(part.Content)
		if u, ok := utf8Mislabelled(part.Charset, s); ok {
			p.problem("text declared as %q is UTF-8, read as such", part.Charset)
			s = u
		}
	}
	if strings.ContainsRune(s, utf8.RuneError) && !strings.EqualFold(part.Charset, "utf-8") {
		if raw, ok := p.rawContent(part); ok {
			if valid, invalid := utf8Share(raw); valid > 0 && valid >= invalid {
				p.problem("text declared as %q is mostly UTF-8, read as such", part.Charset)
				s = validUTF8(raw)
			}
		}
	}
	return normalizeNewlines(s)
}

// utf8Mislabelled undoes the most common charset error: UTF-8 sent under a
// single-byte label (us-ascii, iso-8859-1, windows-1252), which decodes into
// "Ã©" for "é". The text is encoded back into the label's bytes; if those
// are valid UTF-8 with multi-byte sequences, that is what was meant — Latin
// text almost never forms such sequences by chance.
func utf8Mislabelled(label, s string) (string, bool) {
	if isASCII(s) {
		return "", false
	}
	cm, ok := lookupCharset(label).(*charmap.Charmap)
	if !ok {
		return "", false
	}
	b, err := cm.NewEncoder().Bytes([]byte(s))
	if err != nil || !utf8.Valid(b) {
		return "", false
	}
	if valid, _ := utf8Share(b); valid == 0 {
		return "", false
	}
	return cleanString(string(b)), true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// utf8Share counts the valid multi-byte UTF-8 sequences and the bytes that
// are not UTF-8 in b.
func utf8Share(b []byte) (valid, invalid int) {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && n <= 1:
			invalid++
			n = 1
		case n > 1:
			valid++
		}
		b = b[n:]
	}
	return valid, invalid
}

func isUTF8(b []byte) bool { return bytes.IndexByte(b, 0) < 0 && utf8.Valid(b) }

// normalizeNewlines turns CRLF into LF, the line ending of stored text.
func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}
