package mailparse_test

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"strings"
	"testing"
)

// tnefArchive builds a winmail.dat holding files and, if body is not "",
// a plain text body property.
func tnefArchive(body string, files ...[2]string) []byte {
	var b bytes.Buffer
	le := func(v any) { _ = binary.Write(&b, binary.LittleEndian, v) }
	object := func(level byte, id, typ uint16, data []byte) {
		b.WriteByte(level)
		le(id)
		le(typ)
		le(uint32(len(data)))
		b.Write(data)
		var sum uint16
		for _, c := range data {
			sum += uint16(c)
		}
		le(sum)
	}
	le(uint32(0x223e9f78)) // signature
	le(uint16(1))          // key
	if body != "" {
		var props bytes.Buffer
		p := func(v any) { _ = binary.Write(&props, binary.LittleEndian, v) }
		p(uint32(1))      // one property
		p(uint16(0x001e)) // PT_STRING8
		p(uint16(0x1000)) // PR_BODY
		p(uint32(1))      // one value
		p(uint32(len(body)))
		props.WriteString(body)
		for props.Len()%4 != 0 {
			props.WriteByte(0)
		}
		object(1, 0x9003, 0x0006, props.Bytes())
	}
	for _, f := range files {
		object(2, 0x9002, 0x0006, make([]byte, 14)) // rendering data opens an attachment
		object(2, 0x8010, 0x0001, append([]byte(f[0]), 0))
		object(2, 0x800f, 0x0006, []byte(f[1]))
	}
	return b.Bytes()
}

func mailWithPart(text, partHeader string, data []byte) string {
	return "From: Outlook User <user@example.com>\nSubject: with winmail.dat\nContent-Type: multipart/mixed; boundary=b\n\n" +
		"--b\nContent-Type: text/plain\n\n" + text + "\n" +
		"--b\n" + partHeader + "\nContent-Transfer-Encoding: base64\n\n" + base64.StdEncoding.EncodeToString(data) + "\n--b--\n"
}

func TestWinmailDatIsUnpackedIntoItsFiles(t *testing.T) {
	pdf := "%PDF-1.4 report"
	archive := tnefArchive("", [2]string{"report.pdf", pdf}, [2]string{"notes.txt", "call back on Monday"})
	for _, header := range []string{
		"Content-Type: application/ms-tnef; name=winmail.dat\nContent-Disposition: attachment; filename=winmail.dat",
		"Content-Type: application/octet-stream; name=WINMAIL.DAT",
	} {
		m := parseRaw(t, mailWithPart("See attached.", header, archive))
		if got := attachmentNames(m); strings.Join(got, ",") != "report.pdf,notes.txt" {
			t.Fatalf("%s: attachments %q, want report.pdf and notes.txt", header, got)
		}
		if a, _ := attachmentNamed(m, "report.pdf"); string(a.Data) != pdf || a.ContentType != "application/pdf" {
			t.Errorf("report.pdf = %q (%s)", a.Data, a.ContentType)
		}
		if a, _ := attachmentNamed(m, "notes.txt"); a.ContentType != "text/plain" {
			t.Errorf("notes.txt has type %q", a.ContentType)
		}
		if m.Text != "See attached." {
			t.Errorf("Text = %q", m.Text)
		}
	}
}

func TestWinmailDatBodyIsUsedWhenThereIsNoOther(t *testing.T) {
	m := parseRaw(t, mailWithPart("", "Content-Type: application/ms-tnef; name=winmail.dat", tnefArchive("Hello from Outlook\r\n", [2]string{"a.txt", "x"})))
	if m.Text != "Hello from Outlook" {
		t.Errorf("Text = %q, want the TNEF body", m.Text)
	}
}

func TestRealWinmailDatIsUnpacked(t *testing.T) {
	// Amazon WorkMail attaches a winmail.dat holding only message
	// properties: nothing of it is left as a file, and nothing fails.
	m := parseCorpusFile(t, "set-of-emails/maildir/bsd/lhost-amazonworkmail-01.eml")
	if _, ok := attachmentNamed(m, "winmail.dat"); ok {
		t.Error("winmail.dat was not unpacked")
	}
	for _, p := range m.Problems {
		if strings.Contains(p, "winmail") {
			t.Errorf("problem: %s", p)
		}
	}
}

func TestBrokenWinmailDatIsKeptAsItIs(t *testing.T) {
	archive := tnefArchive("", [2]string{"a.txt", "x"})
	tests := map[string][]byte{
		"truncated":         archive[:len(archive)-5],
		"not TNEF":          []byte("just some bytes"),
		"forged prop count": append(append([]byte{}, archive[:6]...), 1, 0x03, 0x90, 0x06, 0x00, 8, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0),
	}
	for name, data := range tests {
		m := parseRaw(t, mailWithPart("text", "Content-Type: application/ms-tnef; name=winmail.dat", data))
		a, ok := attachmentNamed(m, "winmail.dat")
		if !ok || !bytes.Equal(a.Data, data) {
			t.Errorf("%s: winmail.dat not kept as it was (attachments %q)", name, attachmentNames(m))
		}
		if len(m.Problems) == 0 {
			t.Errorf("%s: no problem listed", name)
		}
	}
}

func TestInlineImagesAreThoseTheHTMLShows(t *testing.T) {
	m := parseCorpusFile(t, "zammad/test/data/mail/mail008.box")
	if len(m.Attachments) != 1 || !m.Attachments[0].Inline || m.Attachments[0].ContentID != "_1_08FC9B5808FC7D5C004AD64FC1257A28" {
		t.Fatalf("attachments %+v, want one inline image", m.Attachments)
	}
	if !strings.Contains(m.HTML, `src="cid:_1_08FC9B5808FC7D5C004AD64FC1257A28"`) {
		t.Errorf("HTML lost the cid: reference:\n%.300s", m.HTML)
	}

	png := base64.StdEncoding.EncodeToString([]byte("\x89PNG\r\n\x1a\nfake"))
	m = parseRaw(t, `From: a@example.com
Content-Type: multipart/related; boundary=r

--r
Content-Type: text/html; charset=utf-8

<p>Logo: <img src="cid:logo@x"></p>
--r
Content-Type: image/png
Content-ID: <logo@x>
Content-Transfer-Encoding: base64

`+png+`
--r
Content-Type: image/png
Content-ID: <unused@x>
Content-Transfer-Encoding: base64

`+png+`
--r--
`)
	if len(m.Attachments) != 2 {
		t.Fatalf("attachments %+v", m.Attachments)
	}
	if a := m.Attachments[0]; !a.Inline || a.ContentID != "logo@x" || a.Name != "image-1.png" || a.ContentType != "image/png" {
		t.Errorf("referenced image = %+v", a)
	}
	if a := m.Attachments[1]; a.Inline || a.Name != "image-2.png" {
		t.Errorf("unreferenced image = %+v, want an attachment", a)
	}
	if m.Text != "Logo:" {
		t.Errorf("Text = %q", m.Text)
	}
}

func TestForwardedMessagesAreNamedAfterTheirSubject(t *testing.T) {
	m := parseCorpusFile(t, "zammad/test/data/mail/mail014.box")
	want := []string{"Neue Anfrage erstellt - 33284.eml", "Call: HW-Anforderung; Best-nr.47524152.eml"}
	if got := attachmentNames(m); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("attachments %q, want %q", got, want)
	}
	for _, a := range m.Attachments {
		if a.ContentType != "message/rfc822" || !bytes.Contains(a.Data, []byte("Subject:")) {
			t.Errorf("%s: not the whole forwarded message (%s)", a.Name, a.ContentType)
		}
	}
}

func TestForwardedSubjectWithSlashKeepsItsName(t *testing.T) {
	m := parseRaw(t, mailWithPart("see below", "Content-Type: message/rfc822", []byte("From: b@example.com\r\nSubject: Invoice 2024/05\r\n\r\nbody\r\n")))
	if got := attachmentNames(m); len(got) != 1 || got[0] != "Invoice 2024-05.eml" {
		t.Errorf("attachments %q, want Invoice 2024-05.eml", got)
	}
}

func TestAttachmentNamesAreCleaned(t *testing.T) {
	tests := []struct {
		header, want string
	}{
		{`attachment; filename="../../etc/passwd"`, "passwd"},
		{`attachment; filename="C:\\Users\\me\\Desktop\\invoice.pdf"`, "invoice.pdf"},
		{"attachment; filename=\"invoice\u202egpj.exe\"", "invoicegpj.exe"},
		{`attachment; filename="=?utf-8?Q?R=C3=A9sum=C3=A9.pdf?="`, "Résumé.pdf"},
		{`attachment; filename*=UTF-8''%E2%82%AC%20rates.pdf`, "€ rates.pdf"},
		{`attachment; filename="..."`, "attachment-1.bin"},
		{`attachment; filename="line` + "\t" + `break.txt"`, "line break.txt"},
		{`attachment`, "attachment-1.bin"},
	}
	for _, tc := range tests {
		m := parseRaw(t, mailWithPart("x", "Content-Type: application/octet-stream\nContent-Disposition: "+tc.header, []byte("data")))
		if got := attachmentNames(m); len(got) != 1 || got[0] != tc.want {
			t.Errorf("%s: names %q, want %q", tc.header, got, tc.want)
		}
	}
	long := strings.Repeat("ü", 300) + ".pdf"
	m := parseRaw(t, mailWithPart("x", `Content-Type: application/pdf; name="`+long+`"`, []byte("data")))
	if n := m.Attachments[0].Name; len(n) > 200 || !strings.HasSuffix(n, ".pdf") {
		t.Errorf("long name cut to %d bytes: %q", len(n), n)
	}
}

func TestTextAttachmentsKeepTheirBytes(t *testing.T) {
	latin1 := []byte("Name;Stadt\nM\xfcller;K\xf6ln\n")
	m := parseRaw(t, mailWithPart("x", "Content-Type: text/csv; charset=iso-8859-1\nContent-Disposition: attachment; filename=list.csv", latin1))
	a, ok := attachmentNamed(m, "list.csv")
	if !ok || !bytes.Equal(a.Data, latin1) {
		t.Errorf("list.csv = %q, want the bytes as sent %q", a.Data, latin1)
	}
}

func TestUuencodedAttachmentIsDecoded(t *testing.T) {
	m := parseCorpusFile(t, "zammad/test/data/mail/mail078-content_transfer_encoding_x_uuencode.box")
	a, ok := attachmentNamed(m, "PGP_Cmts_on_12-14-01_Pkg.txt")
	if !ok || string(a.Data) != "Hello Zammad" {
		t.Errorf("attachment = %q, want the decoded text", a.Data)
	}
}

func TestAlternativeAndMixedBodies(t *testing.T) {
	m := parseRaw(t, `From: a@example.com
Content-Type: multipart/mixed; boundary=m

--m
Content-Type: multipart/alternative; boundary=a

--a
Content-Type: text/plain; charset=utf-8

Hello *you*
--a
Content-Type: text/enriched

<bold>Hello</bold> you
--a
Content-Type: text/html; charset=utf-8

<p>Hello <b>you</b></p>
--a
Content-Type: text/calendar; method=REQUEST

BEGIN:VCALENDAR
END:VCALENDAR
--a--
--m
Content-Type: text/plain; charset=utf-8

-- 
Sent through the list
--m--
`)
	if !strings.HasPrefix(m.Text, "Hello *you*") || !strings.Contains(m.Text, "Sent through the list") {
		t.Errorf("Text = %q, want the plain alternative and the footer", m.Text)
	}
	if !strings.Contains(m.HTML, "<b>you</b>") || !strings.Contains(m.HTML, "Sent through the list") {
		t.Errorf("HTML = %q, want the HTML alternative and the footer", m.HTML)
	}
	if got := attachmentNames(m); len(got) != 1 || got[0] != "text-1.ics" {
		t.Errorf("attachments %q, want only the invitation (not the enriched rendering)", got)
	}
}

func TestHTMLOnlyMailGetsReadableText(t *testing.T) {
	m := parseRaw(t, `From: a@example.com
Content-Type: text/html; charset=utf-8

<html><head><title>Newsletter</title><style>p{color:red}</style></head>
<body><h1>Dear customer,</h1><p>your order&nbsp;<b>#42</b> has shipped.</p>
<ul><li>Printer</li><li>Toner</li></ul>
<p>Track it <a href="https://track.example.com/42">here</a>.</p>
<blockquote>Earlier:<br>Where is my order?</blockquote>
<table><tr><td>Total</td><td>99 €</td></tr></table></body></html>
`)
	want := "Dear customer,\n\nyour order #42 has shipped.\n\n- Printer\n- Toner\n\nTrack it here <https://track.example.com/42>.\n\n> Earlier:\n> Where is my order?\n\nTotal 99 €"
	if m.Text != want {
		t.Errorf("Text =\n%s\nwant\n%s", m.Text, want)
	}
	if strings.Contains(m.HTML, "<html") || strings.Contains(m.HTML, "Newsletter") || strings.Contains(m.HTML, "color:red") {
		t.Errorf("HTML kept the document wrapper, title or style:\n%s", m.HTML)
	}
}
