package mailparse_test

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestRealMailInEastAsianAndLegacyCharsetsDecodes(t *testing.T) {
	tests := []struct {
		file, subject, text string
	}{
		{"zammad/test/data/mail/mail091.box", "メルマガ解除", ""},
		{"zammad/test/data/mail/mail093.box", "ツール", ""},
		{"zammad/test/data/mail/mail098.box", "一覧」をアップします", ""},
		{"zammad/test/data/mail/mail119.box", "Запрос цены", "Добрый день!"},
		{"zammad/test/data/mail/mail015.box", "绩效管理,究竟谁错了", ""},
		{"zammad/test/data/mail/mail046.box", "转发：整体提升企业服务水平", ""},
		{"zammad/test/data/mail/mail018.box", "Benachrichtung zum Übermittlungsstatus (Fehlgeschlagen)", "Übermittlung an folgende Empfänger fehlgeschlagen"},
		{"zammad/test/data/mail/mail072.box", "", "suite à ma commande du 14 août 2018 référencée"},
		{"zammad/test/data/mail/mail060.box", "", "Here it goes - äöü - 差出人Here it goes - äöü"},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			m := parseCorpusFile(t, tc.file)
			if tc.subject != "" && m.Subject != tc.subject {
				t.Errorf("Subject = %q, want %q", m.Subject, tc.subject)
			}
			if tc.text != "" && !strings.Contains(m.Text, tc.text) {
				t.Errorf("Text does not contain %q:\n%.400s", tc.text, m.Text)
			}
		})
	}
}

func TestBodyCharsetsDecode(t *testing.T) {
	const greeting = "Grüße, привет, こんにちは, 你好, 안녕하세요"
	encode := func(e encoding.Encoding, s string) string {
		b, err := e.NewEncoder().String(s)
		if err != nil {
			t.Fatalf("encoding test text: %v", err)
		}
		return b
	}
	tests := []struct {
		name, charset, body, want string
	}{
		{"UTF-7", "utf-7", "A+ImIDkQ. Gr+APw-+AN8-e", "A≢Α. Grüße"},
		{"UTF-7 under its old name", "unicode-1-1-utf-7", "Gr+APw-+AN8-e", "Grüße"},
		{"ISO-2022-JP", "iso-2022-jp", encode(japanese.ISO2022JP, "こんにちは、お元気ですか"), "こんにちは、お元気ですか"},
		{"Shift_JIS", "shift_jis", encode(japanese.ShiftJIS, "こんにちは"), "こんにちは"},
		{"ks_c_5601-1987", "ks_c_5601-1987", encode(korean.EUCKR, "안녕하세요"), "안녕하세요"},
		{"GB2312", "gb2312", encode(simplifiedchinese.GBK, "你好，世界"), "你好，世界"},
		{"windows-1251", "windows-1251", encode(charmap.Windows1251, "Добрый день"), "Добрый день"},
		{"windows-1252", "windows-1252", encode(charmap.Windows1252, "Grüße – “quoted”"), "Grüße – “quoted”"},
		{"ISO-8859-15", "iso-8859-15", encode(charmap.ISO8859_15, "Preis: 10 €"), "Preis: 10 €"},
		{"unknown label falls back to UTF-8", "x-made-up", greeting, greeting},
		{"unknown label falls back to windows-1252", "x-made-up", encode(charmap.Windows1252, "Grüße"), "Grüße"},
		{"label with junk after it", `"utf-8 content-transfer-encoding: 7bit"`, greeting, greeting},
		{"broken UTF-8 keeps the valid text", "utf-8", "Gr\xfc\xdfe, " + "привет\x00", "Grüße, привет"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := parseRaw(t, "From: a@example.com\nSubject: charset\nContent-Type: text/plain; charset="+tc.charset+"\nContent-Transfer-Encoding: 8bit\n\n"+tc.body+"\n")
			if !strings.Contains(m.Text, tc.want) {
				t.Errorf("Text = %q, want it to contain %q", m.Text, tc.want)
			}
			checkClean(t, tc.name, m)
		})
	}
}

func TestUnknownCharsetIsReportedAsProblem(t *testing.T) {
	m := parseRaw(t, "From: a@example.com\nContent-Type: text/plain; charset=x-made-up\n\nhello\n")
	if m.Text != "hello" {
		t.Errorf("Text = %q", m.Text)
	}
	found := false
	for _, p := range m.Problems {
		found = found || strings.Contains(p, "x-made-up")
	}
	if !found {
		t.Errorf("Problems %q do not mention the unknown charset", m.Problems)
	}
}

func TestEncodedWordsInHeadersDecode(t *testing.T) {
	tests := []struct {
		header, want string
	}{
		{"=?ISO-2022-JP?B?GyRCJEskYyE8JHMbKEI=?=", "にゃーん"},
		{"=?ks_c_5601-1987?B?rKms0azhrOKs4KzjIKzorNas36zt?=", "Запрос цены"},
		{"=?unicode-1-1-utf-7?Q?+ANw-bermittlung?=", "Übermittlung"},
		{"=?windows-1251?B?0eXw4+XpINPj6+j26uj1?=", "Сергей Углицких"},
		{"=?iso-8859-1?Q?Gr=FC=DFe?= =?utf-8?B?8J+Ngg==?=", "Grüße🍂"},
		// Broken padding that the standard decoder refuses.
		{"=?ISO-2022-JP?B?VW5kZWxpdmVyYWJsZTogGyRCJEskYyE8JHMbKEI==?=", "Undeliverable: にゃーん"},
		// An unknown charset leaves that word alone, not the others.
		{"=?x-unknown?Q?abc?= =?utf-8?Q?d=C3=A9f?=", "=?x-unknown?Q?abc?= déf"},
		// Folded and with tabs: one line.
		{"Re: a\r\n\tlong\r\n  subject", "Re: a long subject"},
	}
	for _, tc := range tests {
		m := parseRaw(t, "From: a@example.com\nSubject: "+tc.header+"\n\nbody\n")
		if m.Subject != tc.want {
			t.Errorf("Subject %q = %q, want %q", tc.header, m.Subject, tc.want)
		}
	}
}

func TestRawEightBitSubjectUsesTheMessageCharset(t *testing.T) {
	sjis, _ := japanese.ShiftJIS.NewEncoder().String("ツール")
	latin1, _ := charmap.ISO8859_1.NewEncoder().String("Grüße aus München")
	tests := []struct {
		name, subject, charset, want string
	}{
		{"Shift_JIS under an ISO-2022-JP body", sjis, "iso-2022-jp", "ツール"},
		{"Latin-1 under a Latin-1 body", latin1, "iso-8859-1", "Grüße aus München"},
		{"Latin-1 without any hint", latin1, "us-ascii", "Grüße aus München"},
		{"UTF-8 as it is", "Grüße", "iso-8859-1", "Grüße"},
	}
	for _, tc := range tests {
		m := parseRaw(t, "From: a@example.com\nSubject: "+tc.subject+"\nContent-Type: text/plain; charset="+tc.charset+"\n\nbody\n")
		if m.Subject != tc.want {
			t.Errorf("%s: Subject = %q, want %q", tc.name, m.Subject, tc.want)
		}
	}
}
