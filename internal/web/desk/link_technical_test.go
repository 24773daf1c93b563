package desk_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"supportal/internal/model"
	"supportal/internal/testenv"
	"supportal/internal/ticket"
)

// technicalOf returns the technical ticket linked to a customer ticket.
func technicalOf(t *testing.T, env *testenv.Env, tk *model.Ticket) *model.Ticket {
	t.Helper()
	links, err := env.Store.TicketLinks(context.Background(), tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range links {
		if l.Kind == ticket.LinkTechnical {
			return reload(t, env, &model.Ticket{Number: l.Number})
		}
	}
	t.Fatalf("ticket %d has no technical ticket", tk.Number)
	return nil
}

// noMailMentions fails when any mail to address names one of words.
func noMailMentions(t *testing.T, env *testenv.Env, address string, words ...string) {
	t.Helper()
	for _, m := range env.Mails(t, "", address) {
		for _, w := range words {
			if strings.Contains(m.Subject, w) || strings.Contains(m.Text, w) {
				t.Errorf("a %s mail to %s mentions %q:\n%s\n%s", m.Kind, address, w, m.Subject, m.Text)
			}
		}
	}
}

// openTechnical opens a technical ticket for tk as the agent and returns it.
func openTechnical(t *testing.T, env *testenv.Env, c *testenv.Client, tk *model.Ticket, subject, note string) *model.Ticket {
	t.Helper()
	res := c.PostForm(path(tk)+"/technical", url.Values{"team": {fmt.Sprint(env.World.Teams["Technical"])}, "subject": {subject}, "note": {note}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("opening a technical ticket: %d\n%s", res.StatusCode, res.Body)
	}
	return technicalOf(t, env, tk)
}

func TestTechnicalTicketRoundTrip(t *testing.T) {
	for _, resolveBy := range []string{"update", "note"} {
		t.Run(resolveBy, func(t *testing.T) {
			env := testenv.New(t)
			tk := env.Ticket(t, "a.member", "Export crashes", "The export crashes every morning.")
			assign(t, env, tk, "agent")
			agent := env.Session(t, "agent")
			const techSubject, techNote = "Exporter null pointer", "Stack trace points at the exporter; please analyse."
			tech := openTechnical(t, env, agent, tk, techSubject, techNote)

			if !tech.Internal || tech.TeamID != env.World.Teams["Technical"] || tech.RequesterID != tk.RequesterID || tech.OrgID != tk.OrgID {
				t.Fatalf("technical ticket: internal %v, team %d, requester %d, org %d", tech.Internal, tech.TeamID, tech.RequesterID, tech.OrgID)
			}
			if got := reload(t, env, tk); got.Status.Category != model.CategoryOnHold {
				t.Fatalf("customer ticket is %s, want on hold", got.Status.Name)
			}
			hidden := []string{techSubject, techNote, fmt.Sprintf("#%d", tech.Number)}

			// The customer sees "in technical analysis", in both languages, and never the technical ticket.
			member := env.Session(t, "a.member")
			for lang, want := range map[string]string{"en": "In technical analysis", "de": "In technischer Analyse"} {
				member.Lang = lang
				page := member.Get(fmt.Sprintf("/portal/tickets/%d", tk.Number))
				if page.StatusCode != http.StatusOK || !strings.Contains(page.Body, want) {
					t.Errorf("portal (%s): %d, want %q", lang, page.StatusCode, want)
				}
				for _, w := range hidden {
					if strings.Contains(page.Body, w) {
						t.Errorf("portal (%s) shows %q of the technical ticket", lang, w)
					}
				}
			}
			member.Lang = "en"
			if res := member.Get(fmt.Sprintf("/portal/tickets/%d", tech.Number)); res.StatusCode != http.StatusNotFound {
				t.Errorf("the contact opened the technical ticket: %d", res.StatusCode)
			}
			if list := env.Session(t, "a.admin").Get("/portal/tickets"); strings.Contains(list.Body, techSubject) {
				t.Errorf("the organization's ticket list shows the technical ticket")
			}
			noMailMentions(t, env, "a.member@a.example", hidden...)

			// The agent of the customer ticket sees the link and the history.
			page := agent.Get(path(tk))
			if !strings.Contains(page.Body, fmt.Sprintf("opened technical ticket #%d", tech.Number)) {
				t.Errorf("the customer ticket's history lacks the technical ticket:\n%s", page.Body)
			}

			// The technical team resolves its ticket.
			admin := env.Session(t, "admin")
			var res *testenv.Response
			switch resolveBy {
			case "update":
				res = admin.PostForm(path(tech), sidePanel(tech, map[string]string{"status": "Resolved"}))
			case "note":
				res = admin.PostForm(path(tech)+"/messages", url.Values{"body": {"Fixed in the exporter."}, "visibility": {"internal"}, "status": {"Resolved"}})
			}
			if res.StatusCode != http.StatusSeeOther {
				t.Fatalf("resolving the technical ticket: %d\n%s", res.StatusCode, res.Body)
			}
			if got := reload(t, env, tk); got.Status.Category != model.CategoryOpen {
				t.Fatalf("after the technical ticket was resolved the customer ticket is %s, want open", got.Status.Name)
			}
			page = agent.Get(path(tk))
			for _, want := range []string{fmt.Sprintf("Technical ticket #%d resolved.", tech.Number), fmt.Sprintf("Technical ticket #%d resolved by User admin", tech.Number)} {
				if !strings.Contains(page.Body, want) {
					t.Errorf("the agent's page lacks %q", want)
				}
			}
			view := member.Get(fmt.Sprintf("/portal/tickets/%d", tk.Number))
			if strings.Contains(view.Body, "In technical analysis") || strings.Contains(view.Body, "Technical ticket") {
				t.Errorf("the portal still shows the analysis or shows the internal note:\n%s", view.Body)
			}
			noMailMentions(t, env, "a.member@a.example", append(hidden, "Technical ticket", "Fixed in the exporter")...)

			// The customer is told when the customer ticket itself is resolved.
			agent.PostForm(path(tk), sidePanel(reload(t, env, tk), map[string]string{"status": "Resolved"}))
			if len(env.Mails(t, "resolved", "a.member@a.example")) == 0 {
				var kinds []string
				for _, m := range env.Mails(t, "", "a.member@a.example") {
					kinds = append(kinds, m.Kind)
				}
				t.Errorf("no resolved mail to the customer; mails: %v", kinds)
			}
			noMailMentions(t, env, "a.member@a.example", hidden...)
		})
	}
}

func TestCustomerTicketWaitsForEveryTechnicalTicket(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Slow reports", "Reports take minutes.")
	agent := env.Session(t, "agent")
	first := openTechnical(t, env, agent, tk, "Database index", "Check the index.")
	res := agent.PostForm(path(tk)+"/technical", url.Values{"team": {fmt.Sprint(env.World.Teams["2nd level"])}, "subject": {"Report cache"}, "note": {"Check the cache."}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("second technical ticket: %d", res.StatusCode)
	}
	closed := model.CategoryResolved
	if _, err := env.App.Tickets.Update(context.Background(), env.User(t, "admin"), first.Number, ticket.UpdateParams{Category: &closed}); err != nil {
		t.Fatal(err)
	}
	if got := reload(t, env, tk); got.Status.Category != model.CategoryOnHold {
		t.Fatalf("with one technical ticket open the customer ticket is %s, want on hold", got.Status.Name)
	}
	links, err := env.Store.TicketLinks(context.Background(), tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range links {
		if l.Number != first.Number {
			if _, err := env.App.Tickets.Update(context.Background(), env.User(t, "admin"), l.Number, ticket.UpdateParams{Category: &closed}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if got := reload(t, env, tk); got.Status.Category != model.CategoryOpen {
		t.Fatalf("with every technical ticket resolved the customer ticket is %s, want open", got.Status.Name)
	}
}

func TestTechnicalTicketBadInputChangesNothing(t *testing.T) {
	env := testenv.New(t)
	tk := env.Ticket(t, "a.member", "Printer", "It does not print.")
	c := env.Session(t, "agent")
	for _, tc := range []struct {
		lang string
		form url.Values
		want string
	}{
		{"en", url.Values{"team": {""}, "subject": {"X"}, "note": {"Y"}}, "Choose a team."},
		{"en", url.Values{"team": {"999999"}, "subject": {"X"}, "note": {"Y"}}, "Choose a team."},
		{"en", url.Values{"team": {fmt.Sprint(env.World.Teams["Technical"])}, "subject": {""}, "note": {"Y"}}, "This field is required."},
		{"de", url.Values{"team": {""}, "subject": {"X"}, "note": {"Y"}}, "Wählen Sie ein Team."},
	} {
		c.Lang = tc.lang
		res := c.PostForm(path(tk)+"/technical", tc.form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(res.Body, tc.want) {
			t.Errorf("%v (%s): %d, want 422 with %q", tc.form, tc.lang, res.StatusCode, tc.want)
		}
	}
	if got := reload(t, env, tk); got.Status.Category != model.CategoryNew {
		t.Errorf("refused input moved the ticket to %s", got.Status.Name)
	}
	if links, _ := env.Store.TicketLinks(context.Background(), tk.ID); len(links) != 0 {
		t.Errorf("refused input linked %d tickets", len(links))
	}
}
