package authz_test

import (
	"testing"

	"supportal/internal/authz"
	"supportal/internal/model"
)

// benchUsers are the callers the access checks run for most: a contact
// who sees the organization's tickets, an agent of two teams, an admin.
func benchUsers() map[string]*model.User {
	rights, _ := model.RoleRights(model.RoleColleague)
	return map[string]*model.User{
		"contact": {ID: 10, Kind: model.KindContact, Role: model.RoleColleague, Rights: rights, OrgID: 1, Active: true},
		"agent":   {ID: 20, Kind: model.KindAgent, Role: model.RoleAgent, TeamIDs: []int64{1, 2}, Active: true},
		"admin":   {ID: 30, Kind: model.KindAgent, Role: model.RoleAdmin, Active: true},
	}
}

// BenchmarkTicket is the check every ticket page, reply and download
// makes: may this user see and change this ticket?
func BenchmarkTicket(b *testing.B) {
	t := &model.Ticket{ID: 1, Number: 10001, RequesterID: 11, OrgID: 1, TeamID: 2, AssigneeID: 21, Participants: []int64{12, 13}}
	for name, u := range benchUsers() {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if !authz.Ticket(u, t).See {
					b.Fatal("does not see the ticket")
				}
			}
		})
	}
}

// BenchmarkTicketScope is the scope every ticket list is read with.
func BenchmarkTicketScope(b *testing.B) {
	for name, u := range benchUsers() {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if authz.Tickets(u).None {
					b.Fatal("sees nothing")
				}
			}
		})
	}
}
