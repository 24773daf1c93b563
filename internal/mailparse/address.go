package mailparse

import (
	"mime"
	"net/mail"
	"strings"
	"supportal/internal/plaintext"
	"unicode"
)

// addresses reads the address list in the fields names, in order.
func (r headerReader) addresses(names ...string) []Address {
	var out []Address
	for _, n := range names {
		for _, v := range r.all(n) {
			out = append(out, parseAddressList(v)...)
		}
	}
	return out
}

// parseAddressList reads an address list as strictly as net/mail allows, and
// leniently when it refuses. Display names are decoded; the addr-spec never is,
// so an encoded word in a local part cannot pass for another address.
func parseAddressList(v string) []Address {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	p := mail.AddressParser{WordDecoder: &mime.WordDecoder{CharsetReader: charsetReader}}
	list, err := p.ParseList(v)
	if err != nil {
		return lenientAddressList(v)
	}
	out := make([]Address, 0, len(list))
	for _, a := range list {
		if e := normalizeEmail(a.Address); e != "" {
			out = append(out, Address{Name: displayName(a.Name), Email: e})
		}
	}
	return out
}

// lenientAddressList splits v at commas outside quotes, comments and angle
// brackets and reads each piece as "name <addr>" or a bare address. Group
// syntax ("undisclosed-recipients:;") yields its members or nothing.
func lenientAddressList(v string) []Address {
	var (
		out            []Address
		quoted         bool
		depth, angle   int
		start          int
		pieces         []string
		escaped        bool
		groupSeparator = func(i int) bool { return v[i] == ',' || v[i] == ';' }
	)
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c == '=' && !quoted {
			// An encoded word is one token, even with a comma inside.
			if loc := encodedWordAtStart.FindStringIndex(v[i:]); loc != nil {
				i += loc[1] - 1
				continue
			}
		}
		switch {
		case escaped:
			escaped = false
		case c == '\\':
			escaped = true
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '(':
			depth++
		case c == ')' && depth > 0:
			depth--
		case c == '<':
			angle++
		case c == '>' && angle > 0:
			angle--
		case depth == 0 && angle == 0 && groupSeparator(i):
			pieces = append(pieces, v[start:i])
			start = i + 1
		}
	}
	pieces = append(pieces, v[start:])
	for _, piece := range pieces {
		if a, ok := lenientAddress(piece, len(pieces) == 1); ok {
			out = append(out, a)
		}
	}
	return out
}

// lenientAddress reads one piece of a list; single says it is the only one.
func lenientAddress(piece string, single bool) (Address, bool) {
	piece = strings.TrimSpace(piece)
	// A group name ends in ':' outside quotes and angle brackets.
	if i := strings.IndexByte(piece, ':'); i >= 0 && !strings.ContainsAny(piece[:i], `"<@`) {
		piece = strings.TrimSpace(piece[i+1:])
	}
	if piece == "" {
		return Address{}, false
	}
	if open := strings.LastIndexByte(piece, '<'); open >= 0 {
		end := strings.IndexByte(piece[open:], '>')
		addr := piece[open+1:]
		if end >= 0 {
			addr = piece[open+1 : open+end]
		}
		e := normalizeEmail(addr)
		if e == "" {
			return Address{}, false
		}
		return Address{Name: displayName(decodeWords(piece[:open])), Email: e}, true
	}
	// A bare address, maybe with a comment holding the name, maybe with
	// words around it: the token with an "@" is the address.
	name := ""
	if i := strings.IndexByte(piece, '('); i >= 0 {
		if j := strings.LastIndexByte(piece, ')'); j > i {
			name = piece[i+1 : j]
			piece = strings.TrimSpace(piece[:i] + piece[j+1:])
		}
	}
	tokens := quotedFields(piece)
	addr := -1
	for i, tok := range tokens {
		if strings.Contains(tok, "@") {
			addr = i
		}
	}
	if addr < 0 && strings.Contains(name, "@") {
		// "Name (address)": the comment holds the address.
		tokens, name = quotedFields(name), piece
		for i, tok := range tokens {
			if strings.Contains(tok, "@") {
				addr = i
			}
		}
	}
	if addr < 0 {
		if !single || len(tokens) != 1 {
			return Address{}, false
		}
		addr = 0 // a lone local name such as MAILER-DAEMON
	}
	e := normalizeEmail(tokens[addr])
	if e == "" {
		return Address{}, false
	}
	if name == "" {
		name = strings.Join(append(append([]string{}, tokens[:addr]...), tokens[addr+1:]...), " ")
	}
	return Address{Name: displayName(decodeWords(name)), Email: e}, true
}

// quotedFields splits s at white space outside double quotes.
func quotedFields(s string) []string {
	var out []string
	start, quoted := -1, false
	for i, r := range s {
		switch {
		case r == '"':
			quoted = !quoted
		case unicode.IsSpace(r) && !quoted:
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// displayName decodes and tidies a display name: encoded words inside quotes
// (which strict parsing leaves alone), surrounding quotes, line breaks.
func displayName(n string) string {
	n = plaintext.Line(decodeWords(n))
	for len(n) >= 2 && (n[0] == '"' && n[len(n)-1] == '"' || n[0] == '\'' && n[len(n)-1] == '\'') {
		n = strings.TrimSpace(n[1 : len(n)-1])
	}
	return n
}

// normalizeEmail trims and lower-cases an addr-spec; "" when it cannot be
// one. Quotes around a local part go, as net/mail removes them; white space
// inside one is kept (collapsed), as the mailbox may really be named so.
func normalizeEmail(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(strings.TrimSuffix(s, ">"), "<")
	s = strings.TrimSpace(s)
	if len(s) >= 7 && strings.EqualFold(s[:7], "mailto:") {
		s = s[7:]
	}
	s = strings.Join(strings.Fields(strings.ReplaceAll(cleanString(s), `"`, "")), " ")
	if s == "" || len(s) > 320 || s == "@" {
		return ""
	}
	for _, r := range s {
		if unicode.IsControl(r) || plaintext.IsBidiControl(r) || strings.ContainsRune("<>,;()[]\\", r) {
			return ""
		}
	}
	return strings.ToLower(s)
}
