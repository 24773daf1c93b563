package mailparse

import (
	"strings"

	"github.com/jhillyerd/enmime/v2"
)

// body is the outcome of choosing the text and HTML of a message.
type body struct {
	plain, html []*enmime.Part
	// used holds the body parts and the alternative renderings that were not
	// chosen; neither becomes an attachment.
	used map[*enmime.Part]bool
}

// selectBody picks the parts that make up the body, following the structure:
// the preferred rendering of multipart/alternative (the first plain text,
// the last HTML), the root of multipart/related, the content of
// multipart/signed, and every body part of multipart/mixed and the rest in
// order (Apple Mail splits a text around inline images that way).
func (p *parser) selectBody(root *enmime.Part) body {
	b := body{used: map[*enmime.Part]bool{}}
	b.plain, b.html = b.of(root)
	for _, x := range b.plain {
		b.used[x] = true
	}
	for _, x := range b.html {
		b.used[x] = true
	}
	return b
}

func (b *body) of(part *enmime.Part) (plain, html []*enmime.Part) {
	if part.FirstChild == nil {
		if !isBodyPart(part) {
			return nil, nil
		}
		if part.ContentType == "text/html" {
			return nil, []*enmime.Part{part}
		}
		return []*enmime.Part{part}, nil
	}
	switch part.ContentType {
	case "multipart/alternative":
		var plainFrom, htmlFrom *enmime.Part
		for c := part.FirstChild; c != nil; c = c.NextSibling {
			pl, ht := b.of(c)
			if len(pl) > 0 && plainFrom == nil {
				plain, plainFrom = pl, c
			}
			if len(ht) > 0 {
				html, htmlFrom = ht, c
			}
		}
		// Renderings not chosen are dropped; other things (a calendar
		// invitation beside the text) stay attachments.
		for c := part.FirstChild; c != nil; c = c.NextSibling {
			if c == plainFrom || c == htmlFrom {
				continue
			}
			b.dropAlternative(c)
		}
		if htmlFrom != nil && htmlFrom != plainFrom {
			// The HTML branch may carry its own plain text (rare); the first
			// plain rendering wins.
			b.dropBodies(htmlFrom, html)
		}
		return plain, html
	case "multipart/related":
		start := part.FirstChild
		if id := strings.Trim(typeParams(part)["start"], "<> "); id != "" {
			for c := part.FirstChild; c != nil; c = c.NextSibling {
				if contentID(c) == id {
					start = c
					break
				}
			}
		}
		return b.of(start)
	case "multipart/signed":
		return b.of(part.FirstChild)
	}
	// A mixed body may hold plain and HTML parts one after the other (a
	// signature added by a server, a text between images). Each rendering
	// then takes the other kind's parts too, converted when joined, so that
	// neither misses a piece.
	type piece struct{ plain, html []*enmime.Part }
	var pieces []piece
	anyPlain, anyHTML := false, false
	for c := part.FirstChild; c != nil; c = c.NextSibling {
		pl, ht := b.of(c)
		pieces = append(pieces, piece{pl, ht})
		anyPlain = anyPlain || len(pl) > 0
		anyHTML = anyHTML || len(ht) > 0
	}
	for _, x := range pieces {
		pl, ht := x.plain, x.html
		if anyPlain && len(pl) == 0 {
			pl = ht
		}
		if anyHTML && len(ht) == 0 {
			ht = pl
		}
		plain = append(plain, pl...)
		html = append(html, ht...)
	}
	return plain, html
}

// dropAlternative marks the text renderings in an unchosen alternative as
// used.
func (b *body) dropAlternative(part *enmime.Part) {
	for _, x := range subtree(part) {
		if x.FirstChild == nil && isTextRendering(x) {
			b.used[x] = true
		}
	}
}

// dropBodies marks the plain text parts under part as used when they are not
// the chosen html parts (the html branch of an alternative may hold both).
func (b *body) dropBodies(part *enmime.Part, keep []*enmime.Part) {
	for _, x := range subtree(part) {
		if x.FirstChild == nil && isBodyPart(x) && x.ContentType != "text/html" && !contains(keep, x) {
			b.used[x] = true
		}
	}
}

func contains(list []*enmime.Part, x *enmime.Part) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}

// subtree lists part and the parts below it, depth first.
func subtree(part *enmime.Part) []*enmime.Part {
	return append([]*enmime.Part{part}, allParts(part.FirstChild)...)
}

// isBodyPart reports whether a leaf part can be (part of) the body: plain
// text or HTML (a part without a type is plain text) that is neither marked
// as an attachment nor named like a file.
func isBodyPart(part *enmime.Part) bool {
	switch part.ContentType {
	case "", "text/plain", "text/html":
	default:
		return false
	}
	if part.Disposition == "attachment" {
		return false
	}
	return part.FileName == "" || part.Parent == nil
}

// isTextRendering reports a rendering of the body other than the chosen
// ones: an alternative in another text format, not a file.
func isTextRendering(part *enmime.Part) bool {
	ct := part.ContentType
	if ct == "" {
		return true
	}
	return strings.HasPrefix(ct, "text/") && ct != "text/calendar" && part.Disposition != "attachment" && part.FileName == ""
}
