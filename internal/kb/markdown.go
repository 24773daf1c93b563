package kb

import (
	"bytes"
	"html/template"
	"regexp"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// markdown turns an article's Markdown into HTML: GitHub's tables,
// fenced code, strikethrough and autolinks. Raw HTML in the text is left
// out (goldmark's default), and the sanitiser below removes whatever else
// could run.
var markdown = goldmark.New(goldmark.WithExtensions(extension.GFM))

// policy is bluemonday's policy for user content, narrowed: no style
// attributes or elements, no iframes, only http, https and mailto links,
// and images only from our own article files (relative /kb/files/ paths)
// or the web. Code blocks keep their language class.
var policy = func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^language-[\w+#-]+$`)).OnElements("code")
	p.RequireNoReferrerOnLinks(true)
	return p
}()

// Render returns the sanitised HTML of an article's Markdown.
func Render(md string) template.HTML {
	var buf bytes.Buffer
	if err := markdown.Convert([]byte(md), &buf); err != nil {
		return template.HTML(template.HTMLEscapeString(md))
	}
	return template.HTML(policy.SanitizeBytes(buf.Bytes())) // #nosec: sanitised just now
}
