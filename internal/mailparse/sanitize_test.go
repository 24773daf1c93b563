package mailparse_test

import (
	"strings"
	"testing"

	"supportal/internal/mailparse"
)

func TestSanitizeRemovesHostileHTML(t *testing.T) {
	tests := []struct {
		name, in string
		banned   []string // case-insensitive substrings that must not survive
		kept     []string // substrings that must survive
	}{
		{"script element", `<p>hi</p><script>alert(1)</script>`, []string{"<script", "alert"}, []string{"<p>hi</p>"}},
		{"script in odd case", `<ScRiPt>alert(1)</sCrIpT>x`, []string{"script", "alert"}, []string{"x"}},
		{"event handler", `<img src="https://x.example/a.png" onerror="alert(1)">`, []string{"onerror", "alert"}, []string{`src="https://x.example/a.png"`}},
		{"handler on any element", `<div onmouseover="steal()">text</div>`, []string{"onmouseover", "steal"}, []string{"text"}},
		{"svg with script", `<svg><script>alert(1)</script><circle onload="alert(2)"/><text>svg text</text></svg>ok`, []string{"<svg", "alert", "onload", "svg text"}, []string{"ok"}},
		{"math", `<math><mi xlink:href="javascript:alert(1)">x</mi></math>after`, []string{"<math", "javascript"}, []string{"after"}},
		{"style element", `<style>body{background:url(https://track.example/p)}</style><p>x</p>`, []string{"<style", "track.example", "background"}, []string{"<p>x</p>"}},
		{"style attribute", `<p style="position:fixed;top:0">x</p>`, []string{"style=", "position"}, []string{"x"}},
		{"CSS expression", `<div style="width: expression(alert(1))">x</div>`, []string{"expression", "alert"}, []string{"x"}},
		{"javascript link", `<a href="javascript:alert(1)">click</a>`, []string{"javascript", "href"}, []string{"click"}},
		{"javascript link with entities and tabs", `<a href="jav&#x09;ascript:alert(1)">a</a><a href="&#106;avascript:alert(1)">b</a>`, []string{"javascript", "ascript", "href"}, []string{"a", "b"}},
		{"vbscript link", `<a href="vbscript:msgbox(1)">v</a>`, []string{"vbscript", "href"}, []string{"v"}},
		{"data image", `<img src="data:image/png;base64,iVBORw0KGgo=">`, []string{"data:"}, nil},
		{"data link", `<a href="data:text/html;base64,PHNjcmlwdD4=">d</a>`, []string{"data:", "href"}, []string{"d"}},
		{"base element", `<base href="https://evil.example/"><a href="page">p</a>`, []string{"<base", "evil.example", "href"}, []string{"p"}},
		{"meta refresh", `<meta http-equiv="refresh" content="0;url=https://evil.example/">x`, []string{"<meta", "refresh", "evil.example"}, []string{"x"}},
		{"form", `<form action="https://evil.example/login"><input name="password"><button>Sign in</button></form>`, []string{"<form", "<input", "<button", "action", "evil.example"}, []string{"Sign in"}},
		{"iframe", `<iframe src="https://evil.example/"></iframe>y`, []string{"iframe", "evil.example"}, []string{"y"}},
		{"object and embed", `<object data="https://evil.example/x.swf"><param name="a" value="b"></object><embed src="https://evil.example/y.swf">z`, []string{"<object", "<embed", "<param", "evil.example"}, []string{"z"}},
		{"link stylesheet", `<link rel="stylesheet" href="https://evil.example/s.css">w`, []string{"<link", "evil.example"}, []string{"w"}},
		{"title", `<title>Secret title</title>body`, []string{"secret title", "<title"}, []string{"body"}},
		{"conditional comment", `<!--[if IE]><script>alert(1)</script><![endif]-->c`, []string{"<!--", "alert"}, []string{"c"}},
		{"relative URL", `<a href="/account/delete">r</a>`, []string{"href"}, []string{"r"}},
		{"document wrapper", `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body class="x"><p>only this</p></body></html>`, []string{"<html", "<head", "<body", "doctype", "class="}, []string{"<p>only this</p>"}},
		{"class attribute", `<div class="gmail_quote">q</div>`, []string{"class"}, []string{"q"}},
		{"srcset and formaction", `<img src="https://a.example/i.png" srcset="https://evil.example/x 2x"><button formaction="javascript:alert(1)">b</button>`, []string{"srcset", "evil.example", "formaction"}, nil},
	}
	for _, tc := range tests {
		out := mailparse.Sanitize(tc.in)
		for _, b := range tc.banned {
			if strings.Contains(strings.ToLower(out), strings.ToLower(b)) {
				t.Errorf("%s: %q survived in %q", tc.name, b, out)
			}
		}
		for _, k := range tc.kept {
			if !strings.Contains(out, k) {
				t.Errorf("%s: %q lost from %q", tc.name, k, out)
			}
		}
	}
}

func TestSanitizeKeepsMailFormatting(t *testing.T) {
	in := `<table border="1"><tr><th colspan="2">Order</th></tr><tr><td>Printer</td><td>99</td></tr></table>` +
		`<ul><li>one</li></ul><ol><li>two</li></ol><blockquote>quoted</blockquote><pre>  code</pre>` +
		`<p><b>bold</b> <i>italic</i> <u>under</u> <strike>gone</strike><br>next</p>` +
		`<img src="cid:logo@x" alt="Logo"><img src="https://cdn.example/p.png">`
	out := mailparse.Sanitize(in)
	for _, k := range []string{"<table", "<th colspan=\"2\">", "<td>Printer</td>", "<ul>", "<ol>", "<li>", "<blockquote>", "<pre>  code</pre>",
		"<b>bold</b>", "<i>italic</i>", "<u>under</u>", "<strike>gone</strike>", "<br", `src="cid:logo@x"`, `alt="Logo"`, `src="https://cdn.example/p.png"`} {
		if !strings.Contains(out, k) {
			t.Errorf("%q lost from %q", k, out)
		}
	}
}

func TestSanitizedLinksOpenSafely(t *testing.T) {
	for _, in := range []string{
		`<a href="https://example.com/">x</a>`,
		`<a href="mailto:help@example.com">x</a>`,
		`<a href="https://example.com/" target="_self" rel="opener">x</a>`,
	} {
		out := mailparse.Sanitize(in)
		if !strings.Contains(out, `rel="noopener noreferrer nofollow"`) || !strings.Contains(out, `target="_blank"`) {
			t.Errorf("%s: %s", in, out)
		}
		if strings.Contains(out, "_self") || strings.Contains(out, `"opener"`) {
			t.Errorf("%s: sender's target or rel kept: %s", in, out)
		}
	}
}

func TestSanitizeOutputIsCleanUTF8(t *testing.T) {
	out := mailparse.Sanitize("<p>a\x00b \xff\xfe</p>")
	if strings.ContainsRune(out, 0) || !strings.Contains(out, "ab") {
		t.Errorf("Sanitize = %q", out)
	}
	if mailparse.Sanitize("   ") != "" {
		t.Error("blank HTML is not empty")
	}
}
