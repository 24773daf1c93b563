package mailparse

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/jhillyerd/enmime/v2/mediatype"
)

// normalizeInput makes raw readable by the MIME parser without changing its
// meaning: it drops an mbox "From " separator line left by an MTA pipe and
// leading blank lines, and turns the old Mac CR-only line endings into LF.
func normalizeInput(raw []byte) []byte {
	for len(raw) > 0 && (raw[0] == '\r' || raw[0] == '\n') {
		raw = raw[1:]
	}
	if bytes.HasPrefix(raw, []byte("From ")) {
		if i := bytes.IndexAny(raw, "\r\n"); i >= 0 {
			raw = raw[i:]
			if bytes.HasPrefix(raw, []byte("\r\n")) {
				raw = raw[2:]
			} else {
				raw = raw[1:]
			}
		}
	}
	if i := bytes.IndexAny(raw, "\r\n"); i >= 0 && raw[i] == '\r' && (i+1 == len(raw) || raw[i+1] != '\n') {
		// The first line ends in a lone CR: a CR-only message.
		out := make([]byte, len(raw))
		for j, c := range raw {
			if c == '\r' && (j+1 == len(raw) || raw[j+1] != '\n') {
				c = '\n'
			}
			out[j] = c
		}
		raw = out
	}
	return raw
}

var headerFieldLine = regexp.MustCompile(`^[!-9;-~]+[ \t]*:`)

// skipJunkLines drops up to three lines before the header that cannot start
// one (a stray separator or number, a first line indented by mistake), as long
// as a header field follows them. It reports whether it dropped anything.
func skipJunkLines(raw []byte) ([]byte, bool) {
	rest := raw
	for i := 0; i <= 3 && len(rest) > 0; i++ {
		end := bytes.IndexByte(rest, '\n')
		if end < 0 {
			end = len(rest)
		}
		line := bytes.TrimRight(rest[:end], "\r")
		if trimmed := bytes.TrimLeft(line, " \t"); headerFieldLine.Match(trimmed) {
			if i == 0 && len(trimmed) == len(line) {
				return raw, false
			}
			return rest[len(line)-len(trimmed):], true
		}
		if end == len(rest) {
			break
		}
		rest = rest[end+1:]
	}
	return raw, false
}

// checkStructure scans the MIME boundaries of raw, without decoding anything,
// and refuses a message with more parts or deeper nesting than lim allows.
//
// It follows the boundaries the way enmime does, so that a message it accepts
// cannot make the parser build a bigger tree: only the innermost open
// boundary counts; in a preamble a delimiter may stand anywhere in a line,
// later only at the start of one; any part with a boundary parameter that is
// not text/plain or text/html is read as multipart, the top level only when
// it says multipart/.
func checkStructure(raw []byte, lim Limits) error {
	type level struct {
		boundary []byte // "--" + boundary
		parts    int
	}
	var (
		stack    []level
		parts    = 1
		inHeader = true
		header   []byte
	)
	endHeader := func() error {
		b := partBoundary(header, len(stack) == 0)
		header = header[:0]
		if b == "" {
			return nil
		}
		stack = append(stack, level{boundary: []byte("--" + b)})
		if len(stack) > lim.MaxDepth {
			return fmt.Errorf("%w: more than %d levels", ErrTooDeep, lim.MaxDepth)
		}
		return nil
	}
	for len(raw) > 0 {
		var line []byte
		if i := bytes.IndexByte(raw, '\n'); i >= 0 {
			line, raw = raw[:i+1], raw[i+1:]
		} else {
			line, raw = raw, nil
		}
		if inHeader {
			if len(bytes.TrimRight(line, "\r\n")) == 0 {
				inHeader = false
				if err := endHeader(); err != nil {
					return err
				}
				if len(stack) == 0 {
					return nil // a single-part message: nothing more to count
				}
				continue
			}
			if len(header) < 64<<10 { // no Content-Type needs more
				header = append(header, line...)
			}
			continue
		}
		if len(stack) == 0 {
			return nil // the rest is the epilogue of the top level
		}
		top := &stack[len(stack)-1]
		i := bytes.Index(line, top.boundary)
		if i < 0 || (i > 0 && top.parts > 0) {
			continue
		}
		rest := line[i+len(top.boundary):]
		switch {
		case bytes.HasPrefix(rest, []byte("--")):
			stack = stack[:len(stack)-1]
		case len(rest) > 0 && unicode.IsSpace(rune(rest[0])) && raw != nil:
			top.parts++
			parts++
			if parts > lim.MaxParts {
				return fmt.Errorf("%w: more than %d", ErrTooManyParts, lim.MaxParts)
			}
			inHeader = true
		}
	}
	if inHeader {
		return endHeader()
	}
	return nil
}

// partBoundary returns the boundary by which the MIME parser splits the part
// with header block h, or "".
func partBoundary(h []byte, top bool) string {
	ct := headerValue(h, "Content-Type")
	if ct == "" {
		return ""
	}
	mtype, params, _, err := mediatype.Parse(ct)
	if err != nil {
		return ""
	}
	if params["boundary"] == "" {
		return ""
	}
	if top && !strings.HasPrefix(mtype, "multipart/") {
		return ""
	}
	if mtype == "text/plain" || mtype == "text/html" {
		return ""
	}
	return params["boundary"]
}

// headerValue returns the unfolded value of the first field name in the
// header block h.
func headerValue(h []byte, name string) string {
	var v strings.Builder
	found := false
	for _, line := range bytes.Split(h, []byte("\n")) {
		line = bytes.TrimRight(line, "\r")
		if found {
			if len(line) > 0 && (line[0] == ' ' || line[0] == '\t') {
				v.WriteByte(' ')
				v.Write(bytes.TrimSpace(line))
				continue
			}
			break
		}
		n, value, ok := bytes.Cut(line, []byte(":"))
		if ok && strings.EqualFold(string(bytes.TrimSpace(n)), name) {
			found = true
			v.Write(bytes.TrimSpace(value))
		}
	}
	return v.String()
}
