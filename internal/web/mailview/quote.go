package mailview

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// foldQuote folds the conversation a reply quotes below its new part into
// a <details> element labelled label, which opens without script: the
// first <blockquote> after which nothing but white
// space follows, together with the attribution line before it ("On …
// wrote:", "Am … schrieb …:"). A mail that is nothing but a quote, or
// that answers between quoted lines, is left as it is.
func foldQuote(body *html.Node, label string) {
	q := trailingQuote(body)
	if q == nil {
		return
	}
	start := q
	if prev := previousContent(q); prev != nil && isAttribution(prev) {
		start = prev
	}
	if !hasTextBefore(body, start) {
		return
	}
	details := &html.Node{Type: html.ElementNode, Data: "details", DataAtom: atom.Details}
	summary := &html.Node{Type: html.ElementNode, Data: "summary", DataAtom: atom.Summary}
	summary.AppendChild(&html.Node{Type: html.TextNode, Data: label})
	details.AppendChild(summary)
	parent := start.Parent
	parent.InsertBefore(details, start)
	for n := start; n != nil; {
		next := n.NextSibling
		parent.RemoveChild(n)
		details.AppendChild(n)
		if n == q {
			break
		}
		n = next
	}
}

// trailingQuote is the first blockquote, not inside another, after which
// the document holds no more text or images.
func trailingQuote(body *html.Node) *html.Node {
	var found *html.Node
	var visit func(n *html.Node) bool
	visit = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && c.DataAtom == atom.Blockquote {
				if nothingAfter(c) {
					found = c
					return true
				}
				continue // a quote with an answer below it: look further
			}
			if visit(c) {
				return true
			}
		}
		return false
	}
	visit(body)
	return found
}

// nothingAfter reports whether every node after n in document order is
// white space or a line break.
func nothingAfter(n *html.Node) bool {
	for ; n != nil && n.Data != "body"; n = n.Parent {
		for s := n.NextSibling; s != nil; s = s.NextSibling {
			if hasContent(s) {
				return false
			}
		}
	}
	return true
}

// hasContent reports whether n shows text or an image.
func hasContent(n *html.Node) bool {
	switch n.Type {
	case html.TextNode:
		return strings.TrimSpace(strings.ReplaceAll(n.Data, "\u00a0", " ")) != ""
	case html.ElementNode:
		if n.DataAtom == atom.Img {
			return true
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if hasContent(c) {
			return true
		}
	}
	return false
}

// previousContent is the sibling before n that shows something.
func previousContent(n *html.Node) *html.Node {
	for p := n.PrevSibling; p != nil; p = p.PrevSibling {
		if hasContent(p) {
			return p
		}
	}
	return nil
}

// isAttribution reports whether n is the short line that introduces a
// quote, such as "On Mon, 2 Nov 2026, Kim wrote:".
func isAttribution(n *html.Node) bool {
	t := strings.TrimSpace(textOf(n))
	return t != "" && len(t) < 400 && strings.HasSuffix(t, ":")
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
	}
	return b.String()
}

// hasTextBefore reports whether something shows before n in the
// document: the new part of the reply.
func hasTextBefore(body, n *html.Node) bool {
	for ; n != nil && n != body; n = n.Parent {
		for p := n.PrevSibling; p != nil; p = p.PrevSibling {
			if hasContent(p) {
				return true
			}
		}
	}
	return false
}
