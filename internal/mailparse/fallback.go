package mailparse

import (
	"fmt"
	"supportal/internal/plaintext"
	"unicode/utf8"
)

const (
	// maxFallbackHeader bounds the header Fallback reads.
	maxFallbackHeader = 1 << 20
	// maxFallbackText bounds the text Fallback keeps.
	maxFallbackText = 1 << 20
)

// Fallback is the best reading of a message Parse refused: headers if any can
// be read, the rest as text (valid UTF-8, at most 1 MiB). It never fails, and
// it looks at no more than the first 2 MiB of raw, however big. Its Problems
// say why.
func Fallback(raw []byte, reason error) (m *Message) {
	m = &Message{}
	defer func() {
		// Nothing in here should panic; if it does, the message is still
		// recorded with what is known.
		if r := recover(); r != nil {
			m = &Message{Problems: []string{
				cleanString(plaintext.Line(fmt.Sprintf("not parsed: %v", reason))),
				"fallback reading failed",
			}}
		}
	}()
	p := &parser{m: m, seen: map[string]bool{}, lim: DefaultLimits()}
	if reason != nil {
		p.problem("not parsed: %v", reason)
	} else {
		p.problem("not parsed")
	}
	if len(raw) > maxFallbackHeader+maxFallbackText {
		raw = raw[:maxFallbackHeader+maxFallbackText]
	}
	raw, _ = skipJunkLines(normalizeInput(raw))
	body := raw
	if h, b, ok := splitHeader(raw); ok {
		r := headerReader{h: h}
		p.readHeader(r)
		p.m.Auto = autoReason(r, "", nil, nil, p.m.From)
		body = b
	} else {
		p.problem("no readable header")
	}
	if len(body) > maxFallbackText {
		n := maxFallbackText
		for n > 0 && !utf8.RuneStart(body[n]) {
			n--
		}
		body = body[:n]
		p.problem("text cut to %d bytes", maxFallbackText)
	}
	m.Text = normalizeNewlines(validUTF8(body))
	return m
}
