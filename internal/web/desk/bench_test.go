package desk_test

import (
	"fmt"
	"testing"

	"supportal/internal/testenv"
	"supportal/internal/web/desk"
)

// BenchmarkDeskTicketList is the first page of the agent's queue,
// through the handler, signed in: 500 tickets, 20 in -short mode.
func BenchmarkDeskTicketList(b *testing.B) {
	env := testenv.New(b)
	env.FillTickets(b, testenv.Scale(500, 20))
	cookie := env.SessionCookie(b, "agent")
	b.ReportAllocs()
	for b.Loop() {
		env.ServeGet(b, cookie, "/desk/tickets")
	}
}

// deskTicket is a ticket with 30 messages (6 in -short mode): replies
// with a file, internal notes and the requester's answers.
func deskTicket(b *testing.B) (*testenv.Env, int64) {
	env := testenv.New(b)
	tk := env.Ticket(b, "a.member", "Spindle stops", "After ten minutes.")
	env.FillMessages(b, tk.Number, testenv.Scale(30, 6))
	return env, tk.Number
}

// BenchmarkDeskTicketView is the agent's page of a ticket with its
// correspondence, history and forms, through the handler, signed in.
func BenchmarkDeskTicketView(b *testing.B) {
	env, number := deskTicket(b)
	cookie := env.SessionCookie(b, "agent")
	path := fmt.Sprint("/desk/tickets/", number)
	b.ReportAllocs()
	for b.Loop() {
		env.ServeGet(b, cookie, path)
	}
}

// BenchmarkDeskTicketRender is the template of the desk ticket page
// alone: the page's data is loaded once, then only rendered (the request
// still passes the session check, a small part of the figure).
func BenchmarkDeskTicketRender(b *testing.B) {
	env, number := deskTicket(b)
	desk.RegisterTicketRender(env.App.Web)
	cookie := env.SessionCookie(b, "agent")
	path := fmt.Sprint(desk.TicketRenderPath, number)
	b.ReportAllocs()
	for b.Loop() {
		env.ServeGet(b, cookie, path)
	}
}
