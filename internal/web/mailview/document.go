package mailview

import (
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"supportal/internal/model"
)

// prepared is a mail's HTML made ready for its frame.
type prepared struct {
	html   string
	remote bool // it shows images from other servers, which the frame's policy blocks until the reader asks
}

// prepare rewrites the stored, already sanitised HTML of a mail for its
// frame: an image or link to "cid:X" points at the download of the
// message's attachment whose Content-ID is X (files is where downloads
// live, "/desk/attachments/"), and an image whose part is missing is
// dropped. Links open outside the frame and tell no referrer. It works on
// the parsed document, so no spelling of an attribute escapes it, and it
// folds the quoted conversation below a reply when foldLabel names the
// fold, and drops again what the sanitiser should already have removed (scripts,
// frames, forms, event handlers, javascript: addresses): the frame's
// sandbox and policy are the fence, this is one more.
func prepare(src string, atts []model.Attachment, files, foldLabel string) prepared {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(src), body)
	if err != nil { // the parser reads any input; this is a read error of a string
		return prepared{html: html.EscapeString(src)}
	}
	for _, n := range nodes {
		body.AppendChild(n)
	}
	r := rewriter{atts: atts, files: files}
	r.walk(body)
	if foldLabel != "" {
		foldQuote(body, foldLabel)
	}
	var b strings.Builder
	for c := body.FirstChild; c != nil; c = c.NextSibling {
		if err := html.Render(&b, c); err != nil {
			return prepared{html: html.EscapeString(src)}
		}
	}
	return prepared{html: b.String(), remote: r.remote}
}

// dropped are elements that never belong in a shown mail. Their content
// goes with them.
var dropped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Iframe: true, atom.Frame: true, atom.Frameset: true,
	atom.Object: true, atom.Embed: true, atom.Applet: true, atom.Form: true, atom.Base: true,
	atom.Meta: true, atom.Link: true, atom.Svg: true, atom.Math: true, atom.Template: true,
	atom.Noscript: true, atom.Input: true, atom.Button: true, atom.Textarea: true, atom.Select: true,
}

// urlAttrs are attributes that hold an address.
var urlAttrs = map[string]bool{
	"src": true, "href": true, "srcset": true, "background": true, "poster": true, "action": true,
	"formaction": true, "cite": true, "longdesc": true, "usemap": true, "xlink:href": true, "data": true,
}

type rewriter struct {
	atts   []model.Attachment
	files  string
	remote bool
}

// walk rewrites the children of n, removing those that must go.
func (r *rewriter) walk(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && !r.element(c) {
			n.RemoveChild(c)
		} else {
			r.walk(c)
		}
		c = next
	}
}

// element rewrites the attributes of n and reports whether n stays.
func (r *rewriter) element(n *html.Node) bool {
	if dropped[n.DataAtom] || n.Namespace != "" {
		return false
	}
	keep := n.Attr[:0]
	for _, a := range n.Attr {
		key := strings.ToLower(a.Key)
		if a.Namespace != "" || strings.HasPrefix(key, "on") || (key == "style" && strings.Contains(strings.ToLower(a.Val), "url(")) {
			continue
		}
		if urlAttrs[key] {
			v, ok := r.address(n, key, a.Val)
			if !ok {
				if n.DataAtom == atom.Img && key == "src" {
					return false // an image whose part is missing shows nothing
				}
				continue
			}
			a.Val = v
		}
		if n.DataAtom == atom.A && (key == "target" || key == "rel") {
			continue // set below
		}
		keep = append(keep, a)
	}
	n.Attr = keep
	if n.DataAtom == atom.A {
		n.Attr = append(n.Attr, html.Attribute{Key: "target", Val: "_blank"}, html.Attribute{Key: "rel", Val: "noopener noreferrer nofollow"})
	}
	return true
}

// address checks one address attribute of n: cid: becomes the
// attachment's download, http(s) stays (and marks remote content when it
// is loaded without a click), mailto stays on links; anything else goes.
func (r *rewriter) address(n *html.Node, key, v string) (string, bool) {
	v = strings.TrimSpace(v)
	if key == "srcset" { // a list of addresses: only remote ones can be in it after sanitising
		for part := range strings.SplitSeq(v, ",") {
			if f := strings.Fields(part); len(f) > 0 && !isRemote(f[0]) {
				return "", false
			}
		}
		r.remote = r.remote || v != ""
		return v, v != ""
	}
	scheme, rest, _ := strings.Cut(v, ":")
	switch strings.ToLower(scheme) {
	case "cid":
		a := r.part(rest)
		if a == nil {
			return "", false
		}
		return r.files + strconv.FormatInt(a.ID, 10), true
	case "http", "https":
		if key != "href" {
			r.remote = true
		}
		return v, true
	case "mailto":
		return v, key == "href"
	}
	if strings.HasPrefix(v, "//") && key != "href" { // protocol-relative: remote too
		r.remote = true
		return v, true
	}
	return "", false
}

// part finds the attachment a cid: address names. The address is the
// Content-ID URL-encoded (RFC 2392); Content-IDs compare exactly, but
// mailers differ in case, so a case-insensitive match is the fallback.
func (r *rewriter) part(ref string) *model.Attachment {
	id, err := url.PathUnescape(ref)
	if err != nil {
		id = ref
	}
	id = strings.Trim(strings.TrimSpace(id), "<>")
	if id == "" {
		return nil
	}
	var fold *model.Attachment
	for i := range r.atts {
		a := &r.atts[i]
		switch {
		case a.ContentID == id:
			return a
		case fold == nil && strings.EqualFold(a.ContentID, id):
			fold = a
		}
	}
	return fold
}

func isRemote(v string) bool {
	l := strings.ToLower(v)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "//")
}

// frameStyle is the only style of the frame's document besides the mail's
// own: readable text that fits the frame's width.
const frameStyle = `html{color-scheme:light}body{margin:0;padding:.25rem .1rem;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1d2430;background:#fff;overflow-wrap:anywhere}` +
	`img{max-width:100%;height:auto}table{max-width:100%}pre{white-space:pre-wrap}` +
	`blockquote{margin:.4rem 0 .4rem .3rem;padding-left:.7rem;border-left:3px solid #c9ced6;color:#5a6473}` +
	`details{margin-top:.6rem}summary{cursor:pointer;color:#5a6473;font-size:.9em}`

// document wraps the body HTML of a message in a page of its own.
func document(lang, body string) string {
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="`)
	b.WriteString(html.EscapeString(lang))
	b.WriteString(`"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><style>`)
	b.WriteString(frameStyle)
	b.WriteString("</style></head><body>\n")
	b.WriteString(body)
	b.WriteString("\n</body></html>\n")
	return b.String()
}
