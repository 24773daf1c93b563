package mailparse

import (
	"errors"
	"mime"
	"regexp"
	"strings"
)

var (
	encodedWord        = regexp.MustCompile(`=\?[^?\s]+\?[bBqQ]\?[^?]*\?=`)
	encodedWordAtStart = regexp.MustCompile(`^=\?[^?\s]+\?[bBqQ]\?[^?]*\?=`)
)

// decodeWords decodes the RFC 2047 encoded words in s. A word that cannot be
// decoded (unknown charset, bad encoding) stays as it is; the others are
// decoded all the same.
func decodeWords(s string) string {
	if !strings.Contains(s, "=?") {
		return s
	}
	dec := &mime.WordDecoder{CharsetReader: charsetReader}
	// The standard decoder leaves a word it cannot read as it is, or fails
	// the whole field on an unknown charset; then decode word by word.
	if out, err := dec.DecodeHeader(s); err == nil && !encodedWord.MatchString(out) {
		return cleanString(out)
	}
	var sb strings.Builder
	last := 0
	prevWord := false
	for _, loc := range encodedWord.FindAllStringIndex(s, -1) {
		between := s[last:loc[0]]
		word, err := dec.Decode(s[loc[0]:loc[1]])
		if err != nil {
			word, err = decodeWordLenient(s[loc[0]:loc[1]])
		}
		// White space between two encoded words is not part of the text.
		if !(prevWord && strings.TrimSpace(between) == "") {
			sb.WriteString(between)
		}
		sb.WriteString(word)
		prevWord = err == nil
		last = loc[1]
	}
	sb.WriteString(s[last:])
	return cleanString(sb.String())
}

// decodeWordLenient decodes an encoded word the standard decoder refused:
// base64 with wrong padding or stray characters, a charset only
// lookupCharset knows. On failure it returns the word unchanged.
func decodeWordLenient(word string) (string, error) {
	f := strings.SplitN(strings.TrimSuffix(strings.TrimPrefix(word, "=?"), "?="), "?", 3)
	if len(f) != 3 {
		return word, errBadWord
	}
	charset, enc, text := f[0], strings.ToLower(f[1]), f[2]
	if i := strings.IndexByte(charset, '*'); i >= 0 {
		charset = charset[:i] // RFC 2231 language suffix
	}
	var b []byte
	switch enc {
	case "b":
		b = decodeTransfer("base64", []byte(text))
	case "q":
		b = decodeQ(text)
	default:
		return word, errBadWord
	}
	out, ok := decodeCharset(charset, b)
	if !ok {
		return word, errBadWord
	}
	return out, nil
}

var errBadWord = errors.New("undecodable encoded word")

// decodeQ decodes the "Q" encoding of RFC 2047, keeping a malformed escape.
func decodeQ(s string) []byte {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '_':
			b = append(b, ' ')
		case c == '=' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
		default:
			b = append(b, c)
		}
	}
	return b
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}
