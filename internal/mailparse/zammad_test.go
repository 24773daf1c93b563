package mailparse_test

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"
	"gopkg.in/yaml.v3"

	"supportal/internal/mailparse"
)

// zammadExpectation is what Zammad's test suite expects of one mail.
type zammadExpectation struct {
	FromEmail   string
	Subject     string
	Body        string
	ContentType string
	Attachments []zammadAttachment
}

type zammadAttachment struct {
	Filename string
	MimeType string
	Data     []byte
}

// zammadExceptions are the mails whose expectation cannot hold here, and why.
// A field listed ("from", "subject", "body", "attachments") is not compared
// for that mail.
var zammadExceptions = map[string]struct {
	fields []string
	why    string
}{
	"mail018": {[]string{"subject", "body"}, "Zammad leaves the UTF-7 (unicode-1-1-utf-7) subject and text undecoded; this package decodes them"},
	"mail026": {[]string{"body"}, "Zammad shows the <title> of the HTML part as text; the sanitizer drops title elements with their content"},
	"mail035": {[]string{"from"}, `From holds only a quoted string; Zammad keeps the quotes in the address, this package reads the address inside`},
	"mail060": {[]string{"body"}, "UTF-8 and Latin-1 mixed under a GB2312 label; Zammad's expected text is itself mis-decoded, this package reads each byte sequence as what it is"},
	"mail072": {[]string{"body"}, "Zammad decodes windows-1258 with another code page (ŕ for à); this package decodes it as labelled"},
	"mail076": {[]string{"from"}, `From is "…"@example.com> with a stray bracket; Zammad keeps it verbatim, this package reads the quoted local part without quotes and bracket`},
	"mail085": {[]string{"attachments"}, "Zammad keeps the second HTML part of a multipart/mixed as document.html; this package shows all HTML parts of a mixed body together (as Zammad itself does for mail112)"},
	"mail087": {[]string{"from", "attachments"}, `"From: Test test@example.com" has no angle brackets: Zammad keeps the whole value as the address, this package the addr-spec; and a part without Content-Type is plain text (RFC 2045), shown as the body, which Zammad stores as a file`},
	"mail117": {[]string{"from"}, "the local part is an encoded word; Zammad decodes it, this package keeps the literal addr-spec so that it cannot pass for another address"},
	"mail118": {[]string{"from"}, "the local part is an encoded word (=?utf-8?Q?agent?=); Zammad decodes it to agent@example.com, which is the spoofing this package refuses"},
}

func TestZammadExpectations(t *testing.T) {
	dir := filepath.Join(testdataDir(t), "zammad", "test", "data", "mail")
	ymls, _ := filepath.Glob(filepath.Join(dir, "mail*.yml"))
	if len(ymls) == 0 {
		t.Skipf("no Zammad expectations in %s", dir)
	}
	checked := 0
	for _, y := range ymls {
		name := strings.TrimSuffix(filepath.Base(y), ".yml")
		raw, err := os.ReadFile(filepath.Join(dir, name+".box"))
		if err != nil {
			continue // an expectation for a mail kept elsewhere
		}
		want := readZammadYAML(t, y)
		t.Run(name, func(t *testing.T) {
			skip := map[string]bool{}
			for _, f := range zammadExceptions[name].fields {
				skip[f] = true
			}
			m, err := mailparse.Parse(raw, mailparse.DefaultLimits())
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !skip["from"] && !strings.EqualFold(m.From.Email, want.FromEmail) {
				t.Errorf("From = %q, want %q", m.From.Email, want.FromEmail)
			}
			if got, w := collapse(m.Subject), collapse(want.Subject); !skip["subject"] && got != w {
				t.Errorf("Subject = %q, want %q", got, w)
			}
			if !skip["body"] {
				checkBody(t, m, want)
			}
			if !skip["attachments"] {
				checkAttachments(t, m, want)
			}
		})
		checked++
	}
	t.Logf("compared %d mails with Zammad's expectations", checked)
}

// checkBody compares the visible text loosely: nearly all words Zammad
// shows must appear in our text or HTML. White space is ignored, as scripts
// without spaces between words (Chinese, Japanese) and markup make it differ.
func checkBody(t *testing.T, m *mailparse.Message, want zammadExpectation) {
	t.Helper()
	expected := want.Body
	if want.ContentType == "text/html" {
		expected = visibleText(expected)
	}
	if collapse(expected) == "no visible content" {
		return // Zammad's placeholder for an empty body
	}
	wantWords := strings.Fields(collapse(expected))
	if len(wantWords) == 0 {
		return
	}
	have := strings.Join(strings.Fields(collapse(m.Text+" "+visibleText(m.HTML))), "")
	missing := 0
	var examples []string
	for _, w := range wantWords {
		if strings.Contains(have, w) {
			continue
		}
		missing++
		if len(examples) < 8 {
			examples = append(examples, w)
		}
	}
	if float64(missing) > 0.1*float64(len(wantWords)) {
		t.Errorf("body: %d of %d expected words missing, e.g. %q\ntext starts: %.300q", missing, len(wantWords), examples, m.Text)
	}
}

// checkAttachments finds every expected attachment by content, except the
// parts Zammad makes up itself (message.html holds the HTML body) and empty
// ones.
func checkAttachments(t *testing.T, m *mailparse.Message, want zammadExpectation) {
	t.Helper()
	have := map[string]bool{}
	for _, a := range m.Attachments {
		have[md5hex(a.Data)] = true
		have[md5hex(lf(a.Data))] = true
	}
	for _, a := range want.Attachments {
		if a.Filename == "message.html" || len(a.Data) == 0 {
			continue // Zammad's copy of the HTML body; an empty part is not kept
		}
		if !have[md5hex(a.Data)] && !have[md5hex(lf(a.Data))] {
			var names []string
			for _, h := range m.Attachments {
				names = append(names, h.Name+" ("+h.ContentType+")")
			}
			t.Errorf("attachment %q (%s, %d bytes) not found among %q", a.Filename, a.MimeType, len(a.Data), names)
		}
	}
}

// lf turns CRLF line ends into LF: Zammad stores parts sent without a
// transfer encoding with the line ends of the host, this package as sent.
func lf(b []byte) []byte {
	return bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
}

func md5hex(b []byte) string {
	s := md5.Sum(b)
	return hex.EncodeToString(s[:])
}

// collapse normalizes white space (including non-breaking spaces) to single
// spaces.
func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff' }), " ")
}

// visibleText is the text content of an HTML fragment.
func visibleText(s string) string {
	var sb strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return sb.String()
		case html.StartTagToken:
			if n, _ := z.TagName(); string(n) == "style" || string(n) == "script" || string(n) == "title" {
				skip++
			}
			sb.WriteByte(' ')
		case html.EndTagToken:
			if n, _ := z.TagName(); (string(n) == "style" || string(n) == "script" || string(n) == "title") && skip > 0 {
				skip--
			}
			sb.WriteByte(' ')
		case html.SelfClosingTagToken:
			sb.WriteByte(' ')
		case html.TextToken:
			if skip == 0 {
				sb.Write(z.Text())
			}
		}
	}
}

// readZammadYAML reads an expectation file. Its maps carry a Ruby class tag
// and binary values a !binary tag (base64), so it is read node by node.
func readZammadYAML(t *testing.T, path string) zammadExpectation {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	root := doc.Content[0]
	var e zammadExpectation
	e.FromEmail = str(mapGet(root, "from_email"))
	e.Subject = str(mapGet(root, "subject"))
	e.Body = str(mapGet(root, "body"))
	e.ContentType = str(mapGet(root, "content_type"))
	if list := mapGet(root, "attachments"); list != nil {
		for _, a := range list.Content {
			prefs := mapGet(a, "preferences")
			e.Attachments = append(e.Attachments, zammadAttachment{
				Filename: str(mapGet(a, "filename")),
				MimeType: str(mapGet(prefs, "Mime-Type")),
				Data:     []byte(str(mapGet(a, "data"))),
			})
		}
	}
	return e
}

func mapGet(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func str(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	if n.Tag == "!binary" || n.Tag == "!!binary" {
		b, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(n.Value), ""))
		if err == nil {
			return string(b)
		}
	}
	return n.Value
}
