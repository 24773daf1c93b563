package mailparse_test

import (
	"reflect"
	"testing"
	"time"

	"supportal/internal/mailparse"
)

func TestEncodedLocalPartIsNotDecodedIntoAnotherAddress(t *testing.T) {
	m := parseCorpusFile(t, "zammad/test/data/mail/mail118.box")
	if m.From.Email == "agent@example.com" {
		t.Fatalf("From decoded to %q: an encoded word in the local part passed for another address", m.From.Email)
	}
	if want := "=?utf-8?q?agent?=@example.com"; m.From.Email != want {
		t.Errorf("From = %q, want the literal addr-spec %q", m.From.Email, want)
	}
	m = parseCorpusFile(t, "zammad/test/data/mail/mail117.box")
	if want := "=?utf-8?q?attacker?q?agent?=@victim.example"; m.From.Email != want {
		t.Errorf("From = %q, want %q", m.From.Email, want)
	}
}

func TestSenderFallsBackToSenderThenReplyTo(t *testing.T) {
	m := parseRaw(t, "Sender: Desk Robot <robot@example.com>\nReply-To: other@example.com\nSubject: x\n\nbody\n")
	if m.From != (mailparse.Address{Name: "Desk Robot", Email: "robot@example.com"}) {
		t.Errorf("From = %+v, want the Sender", m.From)
	}
	// mail016 has neither From nor Sender.
	m = parseCorpusFile(t, "zammad/test/data/mail/mail016.box")
	if m.From.Email != "vipyimin@126.com" {
		t.Errorf("From = %+v, want the Reply-To vipyimin@126.com", m.From)
	}
}

func TestAddressesAreDecodedAndNormalized(t *testing.T) {
	m := parseRaw(t, `From: =?Windows-1252?Q?Hans_B=C4KO?= =?iso-8859-15?q?Sch=F6nland?= <Me@Bogen.NET>
To: "Müller, Anna" <ANNA@example.com>, =?utf-8?Q?J=C3=BCrgen?= <juergen@example.com>,
 bare@example.com (Bare Name), undisclosed-recipients:;
Cc: "=?utf-8?B?w4TDpA==?=" <x@example.com>, =?iso-8859-1?Q?B=FCrling,=20Andreas?= <smith@example.com>
Delivered-To: <Support@Example.com>
X-Original-To: support@example.com
Envelope-To: Sales@example.com
Subject: addresses

body
`)
	if want := (mailparse.Address{Name: "Hans BÄKOSchönland", Email: "me@bogen.net"}); m.From != want {
		t.Errorf("From = %+v, want %+v", m.From, want)
	}
	wantTo := []mailparse.Address{
		{Name: "Müller, Anna", Email: "anna@example.com"},
		{Name: "Jürgen", Email: "juergen@example.com"},
		{Name: "Bare Name", Email: "bare@example.com"},
	}
	if !reflect.DeepEqual(m.To, wantTo) {
		t.Errorf("To = %+v, want %+v", m.To, wantTo)
	}
	wantCc := []mailparse.Address{
		{Name: "Ää", Email: "x@example.com"},
		{Name: "Bürling, Andreas", Email: "smith@example.com"},
	}
	if !reflect.DeepEqual(m.Cc, wantCc) {
		t.Errorf("Cc = %+v, want %+v", m.Cc, wantCc)
	}
	if want := []string{"support@example.com", "sales@example.com"}; !reflect.DeepEqual(m.DeliveredTo, want) {
		t.Errorf("DeliveredTo = %q, want %q", m.DeliveredTo, want)
	}
}

func TestMessageIDsAreReadWithoutBrackets(t *testing.T) {
	m := parseRaw(t, `From: a@example.com
Message-ID:
 <abc.123@Example.COM>
In-Reply-To: <parent@example.com> (the parent)
References: <root@example.com>
 <parent@example.com> <root@example.com>
 bare@example.com

body
`)
	if m.MessageID != "abc.123@Example.COM" {
		t.Errorf("MessageID = %q", m.MessageID)
	}
	if want := []string{"parent@example.com"}; !reflect.DeepEqual(m.InReplyTo, want) {
		t.Errorf("InReplyTo = %q, want %q", m.InReplyTo, want)
	}
	if want := []string{"root@example.com", "parent@example.com"}; !reflect.DeepEqual(m.References, want) {
		t.Errorf("References = %q, want %q", m.References, want)
	}

	// Zammad's mails 095-097 have a folded, empty or odd Message-ID.
	if m := parseCorpusFile(t, "zammad/test/data/mail/mail095.box"); m.MessageID != "DM6PR02MF1425372C1E5187B91210554G127D5@do1ram03ok0780.emails.users.example.com" {
		t.Errorf("mail095 MessageID = %q", m.MessageID)
	}
	for _, f := range []string{"mail096.box", "mail097.box"} {
		m := parseCorpusFile(t, "zammad/test/data/mail/"+f)
		for _, r := range m.MessageID {
			if r == ' ' || r == '<' || r == '>' {
				t.Errorf("%s: unusable MessageID %q", f, m.MessageID)
			}
		}
	}
}

func TestDateFallsBackToReceived(t *testing.T) {
	m := parseRaw(t, "From: a@example.com\nDate: Thu, 18 Oct 2012 22:48:39 -0700\n\nbody\n")
	if want := time.Date(2012, 10, 18, 22, 48, 39, 0, time.FixedZone("", -7*3600)); !m.Date.Equal(want) {
		t.Errorf("Date = %v, want %v", m.Date, want)
	}
	m = parseRaw(t, "Received: from x by y; Tue, 11 Jun 2024 18:02:02 +0900\nFrom: a@example.com\nDate: yesterday\n\nbody\n")
	if want := time.Date(2024, 6, 11, 9, 2, 2, 0, time.UTC); !m.Date.Equal(want) {
		t.Errorf("Date = %v, want the Received date %v", m.Date, want)
	}
	if len(m.Problems) == 0 {
		t.Error("an unreadable Date is not listed in Problems")
	}
}

func TestAuthenticationResultsComeFromTheTopmostHeader(t *testing.T) {
	tests := []struct {
		name, headers string
		want          mailparse.AuthResults
	}{
		{"ours on top, forged one below",
			"Authentication-Results: mx.example.net;\n spf=softfail (sender not allowed) smtp.mailfrom=x@example.org;\n dkim=fail header.d=example.org; dkim=pass header.d=mailer.example; dmarc=fail (p=reject) header.from=example.org\n" +
				"Authentication-Results: mx.example.net; spf=pass; dkim=pass; dmarc=pass\n",
			mailparse.AuthResults{SPF: "softfail", DKIM: "pass", DMARC: "fail"}},
		{"Exchange writes no authserv-id",
			"Authentication-Results: spf=none (sender IP is 192.0.2.1) smtp.mailfrom=example.com; dkim=none (message not signed) header.d=none;dmarc=none action=none header.from=example.com;\n",
			mailparse.AuthResults{SPF: "none", DKIM: "none", DMARC: "none"}},
		{"only Received-SPF",
			"Received-SPF: Pass (mx.example.net: domain of x@example.com designates 192.0.2.1 as permitted sender)\n",
			mailparse.AuthResults{SPF: "pass"}},
		{"none reported", "", mailparse.AuthResults{}},
	}
	for _, tc := range tests {
		m := parseRaw(t, tc.headers+"From: a@example.com\nSubject: x\n\nbody\n")
		if m.Auth != tc.want {
			t.Errorf("%s: Auth = %+v, want %+v", tc.name, m.Auth, tc.want)
		}
	}
}
