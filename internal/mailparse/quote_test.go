package mailparse_test

import (
	"strings"
	"testing"

	"supportal/internal/mailparse"
)

func TestSplitQuote(t *testing.T) {
	tests := []struct {
		name, fresh, quoted string
	}{
		{"no quote", "Thanks, that worked.\n\nAnna\n", ""},
		{"Gmail, English, wrapped attribution",
			"Yes, please send it.\n\n",
			"On Mon, 3 Jun 2024 at 10:15, Support Team <\nsupport@example.com> wrote:\n\n> Shall we send a replacement?\n>\n> Kind regards\n"},
		{"Apple Mail, English",
			"Works now.\n\nSent from my iPhone\n\n",
			"On 3. Jun 2024, at 10:15, Support <support@example.com> wrote:\n\n> Please restart the printer.\n"},
		{"Thunderbird, English",
			"See below.\n\n",
			"On 6/3/24 10:15, Support wrote:\n> Please restart the printer.\n"},
		{"Thunderbird, German",
			"Hallo,\n\nhat funktioniert.\n\n",
			"Am 03.06.24 um 10:15 schrieb Support Team:\n> Bitte starten Sie den Drucker neu.\n"},
		{"Gmail, German, wrapped",
			"Danke!\n\n",
			"Am Mo., 3. Juni 2024 um 10:15 Uhr schrieb Support Team <\nsupport@example.com>:\n\n> Bitte starten Sie den Drucker neu.\n"},
		{"Apple Mail, German",
			"Passt.\n\n",
			"Am 03.06.2024 um 10:15 schrieb Support <support@example.com>:\n\n> Bitte starten Sie neu.\n"},
		{"Outlook, English",
			"Hi,\n\nattached the log.\n\nBest\nBob\n\n",
			"________________________________\nFrom: Support <support@example.com>\nSent: Monday, June 3, 2024 10:15 AM\nTo: Bob <bob@example.com>\nSubject: RE: [Ticket#123] Printer\n\nPlease send the log.\n"},
		{"Outlook, German",
			"Hallo,\n\nanbei das Protokoll.\n\n",
			"Von: Support <support@example.com>\nGesendet: Montag, 3. Juni 2024 10:15\nAn: Bob <bob@example.com>\nBetreff: AW: [Ticket#123] Drucker\n\nBitte senden Sie das Protokoll.\n"},
		{"Outlook converted from HTML, bold labels",
			"Done.\n\n",
			"*From:* Support <support@example.com>\n*Sent:* Monday, June 3, 2024 10:15 AM\n*To:* Bob\n*Subject:* Printer\n\nPlease confirm.\n"},
		{"Original Message separator",
			"Fine by me.\n\n",
			"-----Original Message-----\nFrom: Support\nSent: Monday\nTo: Bob\n\nOld text\n"},
		{"Ursprüngliche Nachricht",
			"Einverstanden.\n\n",
			"-----Ursprüngliche Nachricht-----\nVon: Support\nGesendet: Montag\nAn: Bob\n\nAlter Text\n"},
		{"plain > quote without attribution",
			"I agree.\n\n",
			"> Can we close the ticket?\n> Thanks\n"},
		{"reply written between quoted lines stays fresh",
			"On Mon, 3 Jun 2024 at 10:15, Support wrote:\n> Does it print?\nNo.\n> Is it on?\nYes.\n", ""},
		{"a line starting with From: in the text is no header block",
			"From: my point of view this is a bug.\nRegards\n", ""},
		{"a sentence starting with On is no attribution",
			"On Monday I will call you.\nBye\n", ""},
		{"whole text is a quote: not split",
			"> only a quote\n> nothing else\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fresh, quoted := mailparse.SplitQuote(tc.fresh + tc.quoted)
			if fresh != tc.fresh || quoted != tc.quoted {
				t.Errorf("SplitQuote:\nfresh  %q\nquoted %q\nwant\nfresh  %q\nquoted %q", fresh, quoted, tc.fresh, tc.quoted)
			}
			if fresh+quoted != tc.fresh+tc.quoted {
				t.Error("text lost")
			}
		})
	}
}

func TestSplitQuoteOnRealReplies(t *testing.T) {
	tests := []struct{ file, quoteStart string }{
		{"mail003.box", "Von: Fritz Bauer [mailto:me@example.com]"},   // Outlook, German
		{"mail012.box", "-----Ursprüngliche Nachricht-----"},          // Outlook separator
		{"mail082.box", "From: John Smith [mailto:from@example.com]"}, // Outlook, English
	}
	for _, tc := range tests {
		m := parseCorpusFile(t, "zammad/test/data/mail/"+tc.file)
		fresh, quoted := mailparse.SplitQuote(m.Text)
		if !strings.HasPrefix(quoted, tc.quoteStart) || strings.Contains(fresh, tc.quoteStart) {
			t.Errorf("%s: quote starts %.60q, want %q", tc.file, quoted, tc.quoteStart)
		}
		if fresh+quoted != m.Text {
			t.Errorf("%s: text lost", tc.file)
		}
	}
	// mail005 answers below the quote: there is no trailing quote to split.
	m := parseCorpusFile(t, "zammad/test/data/mail/mail005.box")
	if _, quoted := mailparse.SplitQuote(m.Text); quoted != "" {
		t.Errorf("mail005: the answer below the quote was split off as quoted")
	}
}
