package mailview

import (
	"strings"
	"testing"

	"supportal/internal/model"
)

func TestPrepareResolvesInlineImagesAndDropsWhatMustNotLoad(t *testing.T) {
	atts := []model.Attachment{
		{ID: 7, ContentID: "logo@example.com", Inline: true},
		{ID: 8, ContentID: "Part.1@Mailer", Inline: true},
		{ID: 9, Name: "report.pdf"},
	}
	for _, tc := range []struct {
		name, in   string
		want       []string // in the output
		notWant    []string // not in the output
		wantRemote bool
	}{
		{name: "cid image", in: `<p><img src="cid:logo@example.com" alt="logo"></p>`,
			want: []string{`<img src="/desk/attachments/7" alt="logo"/>`}},
		{name: "cid percent-encoded and in other case", in: `<img src="CID:part.1%40mailer">`,
			want: []string{`src="/desk/attachments/8"`}},
		{name: "cid in angle brackets", in: `<img src="cid:%3Clogo@example.com%3E">`,
			want: []string{`src="/desk/attachments/7"`}},
		{name: "unknown cid drops the image", in: `<p>a<img src="cid:nothing@example.com" alt="gone">b</p>`,
			want: []string{"<p>ab</p>"}, notWant: []string{"gone", "cid:"}},
		{name: "cid link to a file", in: `<a href="cid:logo@example.com">logo</a>`,
			want: []string{`<a href="/desk/attachments/7" target="_blank" rel="noopener noreferrer nofollow">logo</a>`}},
		{name: "remote image stays for the policy to block", in: `<img src="https://tracker.example/p.png">`,
			want: []string{`src="https://tracker.example/p.png"`}, wantRemote: true},
		{name: "protocol-relative image is remote", in: `<img src="//tracker.example/p.png">`, wantRemote: true},
		{name: "srcset is remote", in: `<img srcset="https://a.example/1.png 1x, https://a.example/2.png 2x">`, wantRemote: true},
		{name: "a remote link is not remote content", in: `<a href="https://example.com/">x</a>`,
			want: []string{`href="https://example.com/" target="_blank" rel="noopener noreferrer nofollow"`}},
		{name: "link target and rel are ours", in: `<a href="mailto:a@example.com" target="_top" rel="opener">x</a>`,
			want: []string{`<a href="mailto:a@example.com" target="_blank" rel="noopener noreferrer nofollow">x</a>`}, notWant: []string{"_top", `"opener"`}},
		{name: "scripts and handlers go", in: `<p onclick="x()">a</p><script>alert(1)</script><img src="cid:logo@example.com" onerror="alert(2)">`,
			want: []string{"<p>a</p>"}, notWant: []string{"onclick", "script", "alert", "onerror"}},
		{name: "javascript and data addresses go", in: `<a href="javascript:alert(1)">a</a><a href=" JaVaScRiPt:alert(2)">b</a><img src="data:image/png;base64,AAAA">`,
			notWant: []string{"javascript", "JaVaScRiPt", "data:", "<img"}},
		{name: "frames, forms, svg, math, meta, base go", in: `<iframe srcdoc="x"></iframe><form action="https://e.example/"><input></form><svg><a href="https://e.example/">s</a></svg><math><mi>x</mi></math><meta http-equiv="refresh" content="0"><base href="https://e.example/">ok`,
			want: []string{"ok"}, notWant: []string{"iframe", "form", "input", "svg", "math", "meta", "base", "e.example"}},
		{name: "style with an address goes", in: `<div style="background:url(https://e.example/bg.png)">x</div><div style="color: red">y</div>`,
			want: []string{`<div>x</div>`, `<div style="color: red">y</div>`}, notWant: []string{"e.example"}},
		{name: "text stays escaped", in: `<p>1 &lt; 2 &amp; &lt;script&gt;</p>`,
			want: []string{`<p>1 &lt; 2 &amp; &lt;script&gt;</p>`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := prepare(tc.in, atts, "/desk/attachments/", "")
			for _, w := range tc.want {
				if !strings.Contains(got.html, w) {
					t.Errorf("prepare(%q) = %q, want it to contain %q", tc.in, got.html, w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(got.html, w) {
					t.Errorf("prepare(%q) = %q, want no %q", tc.in, got.html, w)
				}
			}
			if got.remote != tc.wantRemote {
				t.Errorf("prepare(%q) remote = %v, want %v", tc.in, got.remote, tc.wantRemote)
			}
		})
	}
}

func TestPolicyWidensOnlyImagesForRemote(t *testing.T) {
	const strict = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
	if got := Policy(false); got != strict {
		t.Errorf("Policy(false) = %q", got)
	}
	if got := Policy(true); got != strings.Replace(strict, "img-src 'self' data:", "img-src 'self' data: https: http:", 1) {
		t.Errorf("Policy(true) = %q", got)
	}
}

func TestViewFoldsQuoteAndHidesInlineFiles(t *testing.T) {
	p := Page{TicketPath: "/portal/tickets/10042", Anchor: "m", Files: "/portal/attachments/", Remote: 5}
	text := &model.Message{ID: 4, Kind: model.KindEmailIn, Sender: "Anna@Example.com", Body: "Yes.\n\nOn Mon, 3 Mar 2025, Support wrote:\n> Does it work?\n",
		Attachments: []model.Attachment{{ID: 1, Name: "a.txt"}}}
	v := p.View(text, "anna@example.com")
	if v.Frame != "" || v.Fresh != "Yes." || !strings.HasPrefix(v.Quoted, "On Mon, 3 Mar 2025, Support wrote:") || len(v.Files) != 1 || v.From != "" {
		t.Errorf("text message: %+v", v)
	}

	mail := &model.Message{ID: 5, Kind: model.KindEmailIn, Sender: "other@example.com", Body: "Hi", HTML: `<p>Hi <img src="https://t.example/p.png"><img src="cid:x"></p>`,
		Attachments: []model.Attachment{{ID: 1, ContentID: "x", Inline: true}, {ID: 2, Name: "b.pdf"}}}
	v = p.View(mail, "anna@example.com")
	if v.Frame != "/portal/tickets/10042/messages/5/body?remote=1" || !v.RemoteImages || !v.RemoteShown || v.RemoteToggle != "/portal/tickets/10042#m5" {
		t.Errorf("mail with remote images shown: %+v", v)
	}
	if len(v.Files) != 1 || v.Files[0].ID != 2 || v.From != "other@example.com" {
		t.Errorf("files %+v, from %q", v.Files, v.From)
	}
	p.Remote = 0
	v = p.View(mail, "anna@example.com")
	if v.Frame != "/portal/tickets/10042/messages/5/body" || v.RemoteShown || v.RemoteToggle != "/portal/tickets/10042?remote=5#m5" {
		t.Errorf("mail with remote images blocked: %+v", v)
	}
}
