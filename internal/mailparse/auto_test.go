package mailparse_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"supportal/internal/mailparse"
)

// notBounces are lhost-* and rfc3464-* samples that carry no sign of being a
// bounce a mail program could rely on.
var notBounces = map[string]string{
	"lhost-amazonses-09.eml": "an Amazon SNS notification whose bounce is JSON in a plain text body",
	"lhost-amazonses-10.eml": "an Amazon SNS notification whose bounce is JSON in a plain text body",
	"lhost-amazonses-11.eml": "an Amazon SNS notification whose bounce is JSON in a plain text body",
	"lhost-amazonses-12.eml": "an Amazon SNS notification whose bounce is JSON in a plain text body",
	"lhost-amazonses-13.eml": "an Amazon SNS notification whose bounce is JSON in a plain text body",
	"lhost-fml-02.eml":       "a mailing list server's answer from its admin address",
	"lhost-fml-03.eml":       "a mailing list server's answer from its admin address",
	"lhost-kddi-01.eml":      "a carrier's notice from a no-reply address without report or headers",
	"lhost-kddi-02.eml":      "a carrier's notice from a no-reply address without report or headers",
	"lhost-kddi-03.eml":      "a carrier's notice from a no-reply address without report or headers",
	"lhost-sendmail-14.eml":  "a person forwarding a bounce (Fwd: …), which is their own mail",
}

func setOfEmails(t *testing.T, pattern string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(testdataDir(t), "set-of-emails", "maildir", "bsd", pattern))
	if len(files) == 0 {
		t.Skipf("no %s in the corpus", pattern)
	}
	return files
}

func TestBouncesAreRecognized(t *testing.T) {
	var files []string
	files = append(files, setOfEmails(t, "lhost-*.eml")...)
	files = append(files, setOfEmails(t, "rfc3464-*.eml")...)
	withRefs := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m, err := mailparse.Parse(raw, mailparse.DefaultLimits())
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
			continue
		}
		if why, ok := notBounces[filepath.Base(f)]; ok {
			if m.Auto == mailparse.AutoBounce {
				t.Errorf("%s: Auto = bounce, but it is %s", filepath.Base(f), why)
			}
			continue
		}
		if m.Auto != mailparse.AutoBounce {
			t.Errorf("%s (%q from %q): Auto = %q, want bounce", filepath.Base(f), m.Subject, m.From.Email, m.Auto)
		}
		if len(m.BounceRefs) > 0 {
			withRefs++
		}
	}
	t.Logf("%d bounces, %d with the returned message's Message-ID", len(files)-len(notBounces), withRefs)
}

func TestBounceRefsNameTheReturnedMessage(t *testing.T) {
	tests := []struct {
		file string
		want []string
	}{
		// message/rfc822 part
		{"lhost-amazonworkmail-01.eml", []string{"000001523f1865dd-0dbfd06e-bfce-4637-b049-3318ea42f98a-000000@us-west-2.amazonses.com"}},
	}
	for _, tc := range tests {
		m := parseCorpusFile(t, "set-of-emails/maildir/bsd/"+tc.file)
		if !reflect.DeepEqual(m.BounceRefs, tc.want) {
			t.Errorf("%s: BounceRefs = %q, want %q", tc.file, m.BounceRefs, tc.want)
		}
	}

	// A bounce with the returned headers as text/rfc822-headers, and one
	// quoting them in plain text.
	m := parseRaw(t, `From: Mail Delivery System <MAILER-DAEMON@mx.example.com>
To: agent@desk.example
Subject: Undelivered Mail Returned to Sender
Content-Type: multipart/report; report-type=delivery-status; boundary="b"

--b
Content-Type: text/plain

The mail could not be delivered.
--b
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.com

Final-Recipient: rfc822; gone@example.org
Action: failed
Status: 5.1.1
--b
Content-Type: text/rfc822-headers

From: agent@desk.example
Message-ID: <reply-42@desk.example>
References: <ticket-7@desk.example>
 <mail-1@customer.example>
Subject: Re: [Ticket#7] Printer

--b--
`)
	if m.Auto != mailparse.AutoBounce {
		t.Errorf("Auto = %q, want bounce", m.Auto)
	}
	if want := []string{"reply-42@desk.example", "ticket-7@desk.example", "mail-1@customer.example"}; !reflect.DeepEqual(m.BounceRefs, want) {
		t.Errorf("BounceRefs = %q, want %q", m.BounceRefs, want)
	}

	m = parseRaw(t, `From: MAILER-DAEMON@mx.example.com
Subject: failure notice

Sorry, we were unable to deliver your message.

--- Below this line is a copy of the message.

Message-Id: <reply-43@desk.example>
Subject: Re: [Ticket#8] Scanner
`)
	if want := []string{"reply-43@desk.example"}; !reflect.DeepEqual(m.BounceRefs, want) {
		t.Errorf("quoted headers: BounceRefs = %q, want %q", m.BounceRefs, want)
	}
}

func TestAutoRepliesAreRecognized(t *testing.T) {
	for _, f := range setOfEmails(t, "rfc3834-*.eml") {
		raw, _ := os.ReadFile(f)
		m, err := mailparse.Parse(raw, mailparse.DefaultLimits())
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
			continue
		}
		if m.Auto == "" {
			t.Errorf("%s (%q): not recognized as automatic", filepath.Base(f), m.Subject)
		}
	}
}

func TestPeoplesMailIsNotAutomatic(t *testing.T) {
	for _, f := range []string{"is-not-bounce-01.eml", "is-not-bounce-02.eml"} {
		m := parseCorpusFile(t, "set-of-emails/maildir/not/"+f)
		if m.Auto != "" {
			t.Errorf("%s: Auto = %q, want \"\"", f, m.Auto)
		}
	}
	for _, f := range []string{"mail001.box", "mail005.box", "mail014.box", "mail060.box"} {
		m := parseCorpusFile(t, "zammad/test/data/mail/"+f)
		if m.Auto != "" {
			t.Errorf("%s: Auto = %q, want \"\"", f, m.Auto)
		}
	}
}

func TestAutoHeaders(t *testing.T) {
	tests := []struct {
		name, headers, want string
	}{
		{"a person's mail", "", ""},
		{"Auto-Submitted: no", "Auto-Submitted: no\n", ""},
		{"Auto-Submitted: auto-replied", "Auto-Submitted: auto-replied (vacation)\n", mailparse.AutoSubmitted},
		{"Auto-Submitted: auto-generated", "Auto-Submitted: Auto-Generated\n", mailparse.AutoSubmitted},
		{"X-Autoreply", "X-Autoreply: yes\n", mailparse.AutoReply},
		{"X-Autorespond", "X-Autorespond: Out of office\n", mailparse.AutoReply},
		{"Exchange out of office", "X-Auto-Response-Suppress: All\n", mailparse.AutoResponseSuppress},
		{"Exchange OOF among others", "X-Auto-Response-Suppress: DR, OOF, AutoReply\n", mailparse.AutoResponseSuppress},
		{"only read receipts suppressed", "X-Auto-Response-Suppress: DR, RN, NRN\n", ""},
		{"Precedence: bulk", "Precedence: bulk\n", mailparse.AutoPrecedence},
		{"Precedence: list", "Precedence: list\n", mailparse.AutoPrecedence},
		{"Precedence: junk", "Precedence: junk\n", mailparse.AutoPrecedence},
		{"a list mail a person wrote", "List-Id: <users.lists.example.org>\nList-Unsubscribe: <mailto:leave@lists.example.org>\n", ""},
		{"X-Failed-Recipients", "X-Failed-Recipients: gone@example.org\n", mailparse.AutoBounce},
		{"a person asking about a bounce", "Return-Path: <customer@example.com>\n", ""},
	}
	for _, tc := range tests {
		m := parseRaw(t, tc.headers+"From: Customer <customer@example.com>\nSubject: Fwd: Undelivered Mail Returned to Sender\n\nWhy did my mail bounce?\n")
		if m.Auto != tc.want {
			t.Errorf("%s: Auto = %q, want %q", tc.name, m.Auto, tc.want)
		}
	}
	m := parseRaw(t, "From: MAILER-DAEMON <>\nReturn-Path: <>\nSubject: Mail delivery failed\n\nThere was an error delivering your mail.\n")
	if m.Auto != mailparse.AutoBounce {
		t.Errorf("null sender bounce: Auto = %q", m.Auto)
	}
	m = parseRaw(t, "From: shop@example.com\nSubject: Delivery failure of your parcel\n\nThe courier could not deliver.\n")
	if m.Auto != "" {
		t.Errorf("a shop writing about a parcel: Auto = %q, want \"\"", m.Auto)
	}
	if !strings.Contains(m.Text, "courier") {
		t.Errorf("Text = %q", m.Text)
	}
}
