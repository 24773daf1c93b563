package ticket_test

import (
	"context"
	"testing"

	"supportal/internal/testenv"
	"supportal/internal/ticket"
)

// BenchmarkReply is an agent's public reply through the ticket service:
// the access check, the message, the ball and status change, the
// service-level clocks and the mail to the requester, in one
// transaction. The ticket grows by one message per reply.
func BenchmarkReply(b *testing.B) {
	env := testenv.New(b)
	ctx := context.Background()
	tk := env.Ticket(b, "a.member", "Spindle stops", "After ten minutes.")
	env.FillMessages(b, tk.Number, testenv.Scale(30, 3))
	agent := env.User(b, "agent")
	p := ticket.ReplyParams{Body: "Please try the new firmware."}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := env.App.Tickets.Reply(ctx, agent, tk.Number, p); err != nil {
			b.Fatal(err)
		}
	}
}
