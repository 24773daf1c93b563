package mailparse

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"supportal/internal/plaintext"
	"sync/atomic"

	"github.com/jhillyerd/enmime/v2"
	"github.com/jhillyerd/enmime/v2/mediatype"
)

// maxProblems bounds Message.Problems; a mangled message can have thousands.
const maxProblems = 30

// parser holds the state of one Parse call.
type parser struct {
	raw  []byte
	lim  Limits
	stop *atomic.Bool
	junk bool // lines before the header were dropped
	m    *Message
	seen map[string]bool // problems already listed

	// The body of a TNEF archive, used when the mail has no other.
	tnefText, tnefHTML string
	// rawParts holds the transfer-decoded content of text parts before any
	// charset conversion, by part id; read on first use.
	rawParts map[string][]byte
}

func (p *parser) problem(format string, args ...any) {
	s := cleanString(plaintext.Line(fmt.Sprintf(format, args...)))
	if len(s) > 300 {
		s = truncateUTF8(s, 300) + "…"
	}
	if p.seen[s] {
		return
	}
	if len(p.m.Problems) == maxProblems {
		p.m.Problems = append(p.m.Problems, "more problems not listed")
	}
	if len(p.m.Problems) > maxProblems {
		return
	}
	p.seen[s] = true
	p.m.Problems = append(p.m.Problems, s)
}

func (p *parser) stopped() bool { return p.stop != nil && p.stop.Load() }

// stopReader feeds the message to the MIME parser and ends the input early
// once Parse has given up on it.
type stopReader struct {
	r    *bytes.Reader
	stop *atomic.Bool
}

func (s stopReader) Read(b []byte) (int, error) {
	if s.stop != nil && s.stop.Load() {
		return 0, errStopped
	}
	return s.r.Read(b)
}

func (p *parser) newEnmime(raw bool) *enmime.Parser {
	return enmime.NewParser(
		enmime.SkipMalformedParts(true),
		enmime.MultipartWOBoundaryAsSinglePart(true),
		enmime.DisableTextConversion(true),
		enmime.DisableCharacterDetection(true),
		enmime.MaxStoredPartErrors(maxProblems),
		enmime.RawContent(raw),
		enmime.SetReadPartErrorPolicy(func(_ *enmime.Part, err error) bool {
			// Keep what was decoded before a defect, but not after a stop.
			return !errors.Is(err, errStopped)
		}),
	)
}

func (p *parser) parse() (*Message, error) {
	p.m = &Message{}
	p.seen = map[string]bool{}
	if p.junk {
		p.problem("text before the header dropped")
	}
	root, err := p.newEnmime(false).ReadParts(stopReader{bytes.NewReader(p.raw), p.stop})
	if p.stopped() {
		return nil, errStopped
	}
	if err != nil {
		return p.parseFlat(err)
	}
	if err := checkTree(root, p.lim); err != nil {
		return nil, err
	}
	r := headerReader{h: root.Header, hints: textCharsets(root)}
	p.readHeader(r)

	b := p.selectBody(root)
	p.collectProblems(root)
	p.m.Text = p.joinText(b.plain, false)
	rawHTML := p.joinText(b.html, true)
	if err := p.attachments(root, b, rawHTML); err != nil {
		return nil, err
	}
	if p.stopped() {
		return nil, errStopped
	}
	if strings.TrimSpace(rawHTML) != "" {
		p.m.HTML = Sanitize(rawHTML)
		if strings.TrimSpace(p.m.Text) == "" {
			p.m.Text = htmlToText(p.m.HTML)
		}
	}
	p.m.Text = trimText(p.m.Text)
	parts := allParts(root)
	p.m.Auto = autoReason(r, root.ContentType, typeParams(root), parts, p.m.From)
	if p.m.Auto == AutoBounce {
		p.m.BounceRefs = bounceRefs(parts, p.m.Text)
	}
	return p.m, nil
}

// parseFlat reads a message whose MIME structure the parser refused: its
// header, and the rest as plain text.
func (p *parser) parseFlat(cause error) (*Message, error) {
	h, body, ok := splitHeader(p.raw)
	if !ok {
		return nil, fmt.Errorf("%w: %v", ErrNoHeader, cause)
	}
	p.problem("MIME structure unreadable, body kept as text: %v", cause)
	r := headerReader{h: h}
	p.readHeader(r)
	p.m.Text = trimText(normalizeNewlines(validUTF8(body)))
	p.m.Auto = autoReason(r, "", nil, nil, p.m.From)
	if p.m.Auto == AutoBounce {
		p.m.BounceRefs = bounceRefs(nil, p.m.Text)
	}
	return p.m, nil
}

// readHeader fills the fields of m that come from the top-level header.
func (p *parser) readHeader(r headerReader) {
	m := p.m
	m.MessageID = first(parseIDs(r.raw("Message-Id")))
	m.InReplyTo = parseIDs(strings.Join(r.all("In-Reply-To"), " "))
	m.References = parseIDs(strings.Join(r.all("References"), " "))
	m.ReplyTo = r.addresses("Reply-To")
	m.To = r.addresses("To")
	m.Cc = r.addresses("Cc")
	for _, candidates := range [][]Address{r.addresses("From"), r.addresses("Sender"), m.ReplyTo} {
		if len(candidates) > 0 {
			m.From = candidates[0]
			break
		}
	}
	if m.From.Email == "" {
		p.problem("no sender address")
	}
	seen := map[string]bool{}
	for _, a := range r.addresses("Delivered-To", "X-Original-To", "Envelope-To") {
		if !seen[a.Email] {
			seen[a.Email] = true
			m.DeliveredTo = append(m.DeliveredTo, a.Email)
		}
	}
	m.Subject = r.text("Subject")
	var fromDate bool
	m.Date, fromDate = r.date()
	if !fromDate {
		p.problem("missing or unreadable Date header")
	}
	m.Auth = authResults(r)
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// splitHeader reads the header block at the start of raw leniently; ok is
// false when there is none.
func splitHeader(raw []byte) (h map[string][]string, body []byte, ok bool) {
	end := len(raw)
	if i := bytes.Index(raw, []byte("\n\n")); i >= 0 {
		end = i + 2
	}
	if i := bytes.Index(raw, []byte("\n\r\n")); i >= 0 && i+3 < end {
		end = i + 3
	}
	hdr := embeddedHeader(raw[:end])
	if hdr == nil {
		return nil, nil, false
	}
	return hdr, raw[end:], true
}

// checkTree counts the parts and depth of the tree the parser built; the
// scan before parsing should have refused anything this finds too big.
func checkTree(root *enmime.Part, lim Limits) error {
	n := 0
	var walk func(p *enmime.Part, depth int) error
	walk = func(p *enmime.Part, depth int) error {
		for ; p != nil; p = p.NextSibling {
			n++
			if n > lim.MaxParts {
				return fmt.Errorf("%w: more than %d", ErrTooManyParts, lim.MaxParts)
			}
			if p.FirstChild != nil {
				if depth+1 > lim.MaxDepth {
					return fmt.Errorf("%w: more than %d levels", ErrTooDeep, lim.MaxDepth)
				}
				if err := walk(p.FirstChild, depth+1); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return walk(root, 0)
}

// allParts lists the parts of the tree in depth-first order.
func allParts(root *enmime.Part) []*enmime.Part {
	var out []*enmime.Part
	var walk func(p *enmime.Part)
	walk = func(p *enmime.Part) {
		for ; p != nil; p = p.NextSibling {
			out = append(out, p)
			walk(p.FirstChild)
		}
	}
	walk(root)
	return out
}

// textCharsets lists the charsets declared (or detected) for the text parts.
func textCharsets(root *enmime.Part) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range allParts(root) {
		if !strings.HasPrefix(p.ContentType, "text/") {
			continue
		}
		for _, cs := range []string{p.OrigCharset, p.Charset} {
			if cs != "" && !seen[strings.ToLower(cs)] {
				seen[strings.ToLower(cs)] = true
				out = append(out, cs)
			}
		}
	}
	return out
}

// typeParams returns the parameters of a part's Content-Type, which the
// MIME parser does not keep.
func typeParams(part *enmime.Part) map[string]string {
	_, params, _, err := mediatype.Parse(part.Header.Get("Content-Type"))
	if err != nil {
		return nil
	}
	return params
}

// collectProblems lists the defects the MIME parser noted.
func (p *parser) collectProblems(root *enmime.Part) {
	for _, part := range allParts(root) {
		for _, e := range part.Errors {
			switch e.Name {
			case enmime.ErrorPlainTextFromHTML:
			case enmime.ErrorMissingContentType:
				p.problem("MIME part without Content-Type, read as plain text")
			default:
				p.problem("%s: %s", e.Name, e.Detail)
			}
		}
	}
}
