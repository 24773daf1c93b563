package mailparse

import (
	"bytes"
	"strings"
	"sync"

	"github.com/microcosm-cc/bluemonday"
	"golang.org/x/net/html"
)

// policy is built once; a built bluemonday policy is safe for concurrent use.
var policy = sync.OnceValue(newPolicy)

// newPolicy is bluemonday's policy for user content, narrowed for mail:
// absolute http, https, mailto and cid URLs only (no relative ones: mail has
// no base to resolve them against, and a <base> element is dropped); no class
// or style attributes; and the content of elements a reader never sees as
// text (style, script, title, svg, math, Office's xml islands) dropped with
// them. UGCPolicy already leaves out style elements, forms, frames, objects,
// embeds and event handlers.
func newPolicy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowRelativeURLs(false)
	p.AllowURLSchemes("http", "https", "mailto", "cid")
	p.RequireNoFollowOnLinks(true)
	p.RequireNoReferrerOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true)
	p.SkipElementsContent("script", "style", "title", "svg", "math", "xml", "template")
	// Table layout attributes are harmless and keep old mail readable.
	p.AllowAttrs("colspan", "rowspan").Matching(bluemonday.Integer).OnElements("td", "th")
	return p
}

// Sanitize makes mail HTML safe to show: the result holds only the body's
// content (no html, head or body wrappers), only elements and attributes of
// the policy above, and every link opens in a new window with
// rel="noopener noreferrer nofollow".
func Sanitize(s string) string {
	s = cleanString(s)
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return strings.TrimSpace(fixLinks(policy().Sanitize(s)))
}

// fixLinks gives every link, not only those bluemonday deems external (a
// mailto: or cid: link has no host), the same target and rel.
func fixLinks(s string) string {
	if !strings.Contains(s, "<a ") && !strings.Contains(s, "<area ") {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s) + len(s)/8)
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		if (tt == html.StartTagToken || tt == html.SelfClosingTagToken) &&
			(bytes.HasPrefix(raw, []byte("<a ")) || bytes.HasPrefix(raw, []byte("<area "))) {
			t := z.Token()
			attrs := t.Attr[:0]
			for _, a := range t.Attr {
				if a.Key != "rel" && a.Key != "target" {
					attrs = append(attrs, a)
				}
			}
			t.Attr = append(attrs,
				html.Attribute{Key: "rel", Val: "noopener noreferrer nofollow"},
				html.Attribute{Key: "target", Val: "_blank"})
			sb.WriteString(t.String())
			continue
		}
		sb.Write(raw)
	}
	return sb.String()
}
