package kb

import (
	"strings"
	"testing"
)

func TestRenderKeepsMarkdown(t *testing.T) {
	md := "# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```go\nfmt.Println(\"<hi>\")\n```\n\nSee https://example.com and [the guide](/kb/articles/3).\n\n![Screen](/kb/files/7)\n"
	got := string(Render(md))
	for _, want := range []string{"<h1>Title</h1>", "<table>", "<td>1</td>", `<code class="language-go">`, "&lt;hi&gt;",
		`<a href="https://example.com"`, `<a href="/kb/articles/3"`, `<img src="/kb/files/7" alt="Screen"`} {
		if !strings.Contains(got, want) {
			t.Errorf("rendered HTML lacks %q:\n%s", want, got)
		}
	}
}

func TestRenderNeverLetsScriptThrough(t *testing.T) {
	hostile := []string{
		"<script>alert(1)</script>",
		"<img src=x onerror=alert(1)>",
		"[click](javascript:alert(1))",
		"[click](JaVaScRiPt:alert(1))",
		"[click](&#106;avascript:alert(1))",
		"<a href=\"javascript:alert(1)\">x</a>",
		"![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
		"![x](data:text/html,<script>alert(1)</script>)",
		"<iframe src=\"https://evil.example\"></iframe>",
		"<style>body{display:none}</style>",
		"<div style=\"background:url(javascript:alert(1))\">x</div>",
		"<svg onload=alert(1)>",
		"<details open ontoggle=alert(1)>",
		"[x](vbscript:msgbox)",
		"<object data=\"x.swf\"></object>",
		"```\n</code></pre><script>alert(1)</script>\n```",
		"<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
	}
	for _, md := range hostile {
		got := strings.ToLower(string(Render(md)))
		for _, bad := range []string{"<script", "onerror", "onload", "ontoggle", "javascript:", "vbscript:", "data:", "<iframe", "<style", "style=", "<svg", "<object", "<math"} {
			if strings.Contains(got, bad) {
				t.Errorf("Render(%q) contains %q: %s", md, bad, got)
			}
		}
	}
}
