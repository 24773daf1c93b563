package portal_test

import (
	"fmt"
	"testing"

	"supportal/internal/testenv"
)

// BenchmarkPortalTicketList is the first page of a colleague's ticket
// list (the organization's tickets), through the handler, signed in:
// 500 tickets, 20 in -short mode.
func BenchmarkPortalTicketList(b *testing.B) {
	env := testenv.New(b)
	env.FillTickets(b, testenv.Scale(500, 20))
	cookie := env.SessionCookie(b, "a.colleague")
	b.ReportAllocs()
	for b.Loop() {
		env.ServeGet(b, cookie, "/portal/tickets")
	}
}

// BenchmarkPortalTicketView is the requester's view of a ticket with 30
// messages, two thirds of them public with a file (6 in -short mode),
// through the handler, signed in.
func BenchmarkPortalTicketView(b *testing.B) {
	env := testenv.New(b)
	tk := env.Ticket(b, "a.member", "Spindle stops", "After ten minutes.")
	env.FillMessages(b, tk.Number, testenv.Scale(30, 6))
	cookie := env.SessionCookie(b, "a.member")
	path := fmt.Sprint("/portal/tickets/", tk.Number)
	b.ReportAllocs()
	for b.Loop() {
		env.ServeGet(b, cookie, path)
	}
}
