package inbound_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"supportal/internal/inbound"
	"supportal/internal/testenv"
)

// BenchmarkIngest measures mail in, end to end: parse, deduplicate,
// thread, store the raw mail, the message and its files, in one
// transaction. The mix: new tickets from known and unknown senders,
// replies threaded by our token, and one mail in five with a 60 KB PDF.
//
//	go test -run x -bench Ingest ./internal/inbound/
func BenchmarkIngest(b *testing.B) {
	env := testenv.New(b)
	svc := inbound.New(inbound.Config{Store: env.App.Store, Blobs: env.App.Blobs, Tokens: env.App.Tokens,
		From: env.Config.Mail.From, FloodLimit: 1 << 30})
	ctx := context.Background()
	pdf := base64.StdEncoding.EncodeToString([]byte(strings.Repeat("%PDF-1.4 benchmark payload ", 2300)))
	senders := []string{"a.member@a.example", "a.primary@a.example", "b.member@b.example", "loner@staff.example"}
	var tickets []int64
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		from := senders[i%len(senders)]
		if i%7 == 3 {
			from = fmt.Sprintf("new%d@customer%d.example", i, i%50)
		}
		var h strings.Builder
		fmt.Fprintf(&h, "From: Sender <%s>\r\nTo: support@localhost\r\nMessage-ID: <bench-%d-%d@client.example>\r\n", from, b.N, i)
		if i%3 == 2 && len(tickets) > 0 {
			n := tickets[i%len(tickets)]
			fmt.Fprintf(&h, "Subject: Re: Anfrage [#%d]\r\nIn-Reply-To: <%s>\r\n", n, env.App.Tokens.MessageID(n))
		} else {
			fmt.Fprintf(&h, "Subject: Anfrage %d: Export bricht ab\r\n", i)
		}
		body := strings.Repeat("Guten Tag, der Export bricht nach 30 Sekunden mit Fehler 17 ab. ", 20)
		if i%5 == 4 {
			fmt.Fprintf(&h, "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b1\r\n\r\n--b1\r\n"+
				"Content-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n--b1\r\nContent-Type: application/pdf\r\n"+
				"Content-Disposition: attachment; filename=\"log-%d.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n%s\r\n--b1--\r\n",
				body, i, pdf)
		} else {
			fmt.Fprintf(&h, "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n", body)
		}
		res, err := svc.Ingest(ctx, []byte(h.String()), inbound.Source{Kind: inbound.SourceSMTP})
		if err != nil {
			b.Fatal(err)
		}
		if res.Created && len(tickets) < 200 {
			tickets = append(tickets, res.Ticket)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "mails/s")
}
