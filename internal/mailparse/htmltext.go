package mailparse

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlToText renders HTML as plain text a person can read and a search can
// index: paragraphs and line breaks kept, list items as "- " or "1. " lines,
// blockquotes as "> " lines, a link's address after its text when the two
// differ. It reads tokens rather than building a tree, so it takes linear time
// and bounded memory however deep the markup nests.
func htmlToText(s string) string {
	w := &textWriter{}
	z := html.NewTokenizer(strings.NewReader(s))
	var (
		skip  int    // depth inside elements whose content is not text
		pre   int    // depth inside <pre>
		lists []int  // open lists: 0 for <ul>, else the next number of an <ol>
		links []link // open <a> elements
		cells []bool // per open table row: whether a cell was started
	)
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return w.String()
		case html.TextToken:
			if skip == 0 {
				w.text(string(z.Text()), pre > 0)
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			if skipsContent(a) {
				if tt == html.StartTagToken {
					skip++
				}
				continue
			}
			if skip > 0 {
				continue
			}
			switch a {
			case atom.Br:
				w.lineBreak()
			case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Hr:
				w.newline(2)
			case atom.Pre:
				w.newline(2)
				if tt == html.StartTagToken {
					pre++
				}
			case atom.Blockquote:
				w.newline(2)
				if tt == html.StartTagToken {
					w.quote++
				}
			case atom.Ul, atom.Ol:
				w.newline(1)
				if tt == html.StartTagToken {
					n := 0
					if a == atom.Ol {
						n = 1
					}
					lists = append(lists, n)
				}
			case atom.Li:
				w.newline(1)
				marker := "-"
				if len(lists) > 0 && lists[len(lists)-1] > 0 {
					marker = strconv.Itoa(lists[len(lists)-1]) + "."
					lists[len(lists)-1]++
				}
				if len(lists) > 1 {
					marker = strings.Repeat("  ", min(len(lists), maxShownDepth)-1) + marker
				}
				w.word(marker)
				w.space = true
			case atom.Tr:
				w.newline(1)
				if tt == html.StartTagToken {
					cells = append(cells, false)
				}
			case atom.Td, atom.Th:
				if len(cells) > 0 {
					if cells[len(cells)-1] {
						w.space = true
					}
					cells[len(cells)-1] = true
				}
			case atom.A:
				if tt == html.StartTagToken && len(links) < maxOpenLinks {
					links = append(links, link{href: attr(z, hasAttr, "href"), start: w.sb.Len()})
				}
			default:
				if isBlock(a) {
					w.newline(1)
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if skipsContent(a) {
				if skip > 0 {
					skip--
				}
				continue
			}
			if skip > 0 {
				continue
			}
			switch a {
			case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
				w.newline(2)
			case atom.Pre:
				w.newline(2)
				if pre > 0 {
					pre--
				}
			case atom.Blockquote:
				w.newline(2)
				if w.quote > 0 {
					w.quote--
				}
			case atom.Ul, atom.Ol:
				w.newline(1)
				if len(lists) > 0 {
					lists = lists[:len(lists)-1]
				}
			case atom.Tr:
				w.newline(1)
				if len(cells) > 0 {
					cells = cells[:len(cells)-1]
				}
			case atom.A:
				if len(links) > 0 {
					l := links[len(links)-1]
					links = links[:len(links)-1]
					w.linkTarget(l)
				}
			default:
				if isBlock(a) {
					w.newline(1)
				}
			}
		}
	}
}

// maxShownDepth bounds the indentation of nested lists and quotes, so that
// markup nesting thousands of them cannot make every line that long.
const maxShownDepth = 8

// maxOpenLinks bounds the <a> elements tracked at once; markup that opens
// more without closing them is not worth showing addresses for.
const maxOpenLinks = 16

// maxLinkText is the longest link text compared with its address; longer
// ones are not a plain link and get no address after them.
const maxLinkText = 300

type link struct {
	href  string
	start int // length of the output when the link opened
}

func attr(z *html.Tokenizer, more bool, name string) string {
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		if string(k) == name {
			return string(v)
		}
	}
	return ""
}

func skipsContent(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Title, atom.Head, atom.Svg, atom.Math, atom.Template,
		atom.Noscript, atom.Iframe, atom.Object, atom.Textarea, atom.Select:
		return true
	}
	return false
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.Div, atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Caption, atom.Dl, atom.Dt, atom.Dd,
		atom.Address, atom.Center, atom.Section, atom.Article, atom.Header, atom.Footer, atom.Nav,
		atom.Aside, atom.Main, atom.Figure, atom.Figcaption, atom.Details, atom.Summary, atom.Form,
		atom.Fieldset, atom.Legend, atom.Body, atom.Html:
		return true
	}
	return false
}

// textWriter collects words, collapsing white space and keeping at most one
// empty line between blocks.
type textWriter struct {
	sb      strings.Builder
	quote   int  // blockquote depth
	pending int  // line breaks owed before the next word (at most 2)
	space   bool // a space is owed before the next word
	// pendingQuote is the blockquote depth when the line breaks were
	// first owed: an empty line between a quote and what is outside it
	// belongs to neither.
	pendingQuote int
}

func (w *textWriter) newline(n int) {
	if w.sb.Len() == 0 {
		return
	}
	if w.pending == 0 {
		w.pendingQuote = w.quote
	}
	if n > w.pending {
		w.pending = n
	}
}

// lineBreak is a <br>: unlike block boundaries, several in a row each count.
func (w *textWriter) lineBreak() {
	if w.sb.Len() == 0 {
		return
	}
	if w.pending >= 1 {
		w.flushLines()
	}
	w.pending, w.pendingQuote = 1, w.quote
}

func (w *textWriter) prefix() {
	for i := 0; i < min(w.quote, maxShownDepth); i++ {
		w.sb.WriteString("> ")
	}
}

// flushLines writes the owed line breaks.
func (w *textWriter) flushLines() {
	for i := 0; i < w.pending; i++ {
		if q := min(w.quote, w.pendingQuote, maxShownDepth); i > 0 && q > 0 {
			w.sb.WriteString(strings.Repeat(">", q))
		}
		w.sb.WriteByte('\n')
	}
	w.pending = 0
	w.space = false
}

func (w *textWriter) word(s string) {
	switch {
	case w.sb.Len() == 0:
		w.prefix()
	case w.pending > 0:
		w.flushLines()
		w.prefix()
	case w.space:
		w.sb.WriteByte(' ')
	}
	w.space = false
	w.sb.WriteString(s)
}

func (w *textWriter) text(s string, pre bool) {
	if pre {
		for i, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
			if i > 0 {
				w.lineBreak()
			}
			if line != "" {
				w.word(line)
			}
		}
		return
	}
	if s == "" {
		return
	}
	if r, _ := utf8.DecodeRuneInString(s); unicode.IsSpace(r) {
		w.space = true
	}
	for _, f := range strings.Fields(s) {
		w.word(f)
		w.space = true
	}
	if r, _ := utf8.DecodeLastRuneInString(s); !unicode.IsSpace(r) {
		w.space = false
	}
}

// linkTarget writes a link's address after its text when the text does not
// already show it. Only web addresses are worth showing.
func (w *textWriter) linkTarget(l link) {
	if !strings.HasPrefix(l.href, "http://") && !strings.HasPrefix(l.href, "https://") {
		return
	}
	if l.start > w.sb.Len() || w.sb.Len()-l.start > maxLinkText {
		return
	}
	text := strings.TrimSpace(w.sb.String()[l.start:])
	if text == "" || strings.Contains(text, strings.TrimRight(strings.SplitN(l.href, "://", 2)[1], "/")) {
		return
	}
	w.space = true
	w.word("<" + l.href + ">")
}

// String returns the text, with trailing spaces removed from each line.
func (w *textWriter) String() string {
	lines := strings.Split(w.sb.String(), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, unicode.IsSpace)
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}
