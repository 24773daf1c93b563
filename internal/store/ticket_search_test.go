package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"supportal/internal/authz"
	"supportal/internal/model"
	"supportal/internal/store"
	"supportal/internal/testenv"
)

// searchWorld is a world with tickets of both organizations whose texts
// the search tests look for: public messages, internal notes, messages
// between other people, German words with umlauts.
type searchWorld struct {
	*testenv.World
	st      *store.Store
	tickets map[string]int64 // by name
}

func newSearchWorld(t *testing.T) *searchWorld {
	t.Helper()
	st := testenv.Store(t)
	w := &searchWorld{World: testenv.NewWorld(t, st), st: st, tickets: map[string]int64{}}
	ctx := context.Background()
	team := w.Teams["1st level"]
	base := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	n := 0
	add := func(name, requester, subject string, internal bool, msgs ...store.NewMessage) {
		t.Helper()
		u := w.User(t, requester)
		// Tickets 3,000 ids apart lie in different windows of the
		// PostgreSQL search: 4096 ids wide, then 32768, then all.
		if err := store.SkipTicketIDs(st, 3000); err != nil {
			t.Fatal(err)
		}
		id, _, err := st.CreateTicket(ctx, store.NewTicket{Subject: subject, OrgID: u.OrgID, RequesterID: u.ID, StatusID: 1,
			Channel: model.ChannelPortal, TeamID: team, Internal: internal, CreatedAt: base.Add(time.Duration(n) * time.Minute)})
		if err != nil {
			t.Fatal(err)
		}
		n++
		for i, m := range msgs {
			m.TicketID = id
			if m.Kind == "" {
				m.Kind = model.KindPortal
			}
			if m.AuthorID == 0 {
				m.AuthorID = u.ID
			}
			m.CreatedAt = base.Add(time.Duration(n)*time.Minute + time.Duration(i+1)*time.Second)
			if _, err := st.CreateMessage(ctx, m); err != nil {
				t.Fatal(err)
			}
		}
		w.tickets[name] = id
	}
	agent := w.User(t, "agent").ID
	note := func(body string) store.NewMessage {
		return store.NewMessage{Kind: model.KindNote, AuthorID: agent, Body: body, Internal: true}
	}
	reply := func(body string, to ...int64) store.NewMessage {
		m := store.NewMessage{Kind: model.KindEmailOut, AuthorID: agent, Body: body}
		for _, id := range to {
			m.To = append(m.To, model.Recipient{UserID: id})
		}
		return m
	}
	aMember, aColleague := w.User(t, "a.member").ID, w.User(t, "a.colleague").ID
	add("printer", "a.member", "Drucker druckt leere Seiten", false,
		store.NewMessage{Body: "Seit dem Update druckt der Etikettendrucker nur noch leere Seiten."},
		reply("Bitte prüfen Sie den Treiber.", aMember),
		// A colleague who is neither requester nor participant writes
		// and is written to: only those messages are theirs to find.
		store.NewMessage{AuthorID: aColleague, Body: "Papierstau im zweiten Fach."},
		reply("Tonerwechsel ist bestellt.", aColleague))
	add("invoice", "a.colleague", "Rechnung für März fehlt", false,
		store.NewMessage{Body: "Die Rechnung für März ist nicht angekommen."},
		note("Buchhaltung fragen: Gutschrift geheimwort offen"),
		reply("Die Rechnung kommt morgen, Grüße aus Köln.", aColleague))
	add("export", "a.colleague", "Export bricht ab", false,
		store.NewMessage{Body: "The export to Excel stops at row 65536."},
		reply("Please send the logfile of the export.", aColleague))
	add("internal", "a.member", "Interner Vorgang Drucker", true,
		store.NewMessage{Kind: model.KindNote, AuthorID: agent, Body: "Drucker tauschen", Internal: true})
	add("other org", "b.member", "Drucker im Lager", false,
		store.NewMessage{Body: "Der Drucker im Lager druckt leere Seiten."})
	add("naive", "b.colleague", "Café order", false,
		store.NewMessage{Body: "A naïve question about the crème brûlée recipe."})
	for i := range 7 {
		add(fmt.Sprint("many ", i), []string{"a.member", "a.colleague", "b.member"}[i%3], fmt.Sprint("Lizenz ", i),
			false, store.NewMessage{Body: "Die Lizenz läuft am Monatsende ab."})
	}
	if _, _, err := st.AddTicketReference(ctx, store.NewTicketReference{TicketID: w.tickets["export"], Value: "PO-4711", Source: "manual"}); err != nil {
		t.Fatal(err)
	}
	return w
}

// search pages through the search results of u for text, three at a
// time, and returns the ticket names in result order.
func (w *searchWorld) search(t *testing.T, key, text string) []string {
	t.Helper()
	u := w.User(t, key)
	names := map[int64]string{}
	for name, id := range w.tickets {
		names[id] = name
	}
	var out []string
	f := store.TicketFilter{Scope: authz.Tickets(u), Text: text, Limit: 3}
	for range 100 {
		page, err := w.st.Tickets(context.Background(), f)
		if err != nil {
			t.Fatalf("%s searches %q: %v", key, text, err)
		}
		for _, tk := range page.Tickets {
			out = append(out, names[tk.ID])
		}
		if page.Next == "" {
			return out
		}
		f.Cursor = page.Next
	}
	t.Fatalf("%s searches %q: more than 100 pages", key, text)
	return nil
}

// forEachPlan runs f with the scope driving every search and again with
// the text index driving it.
func forEachPlan(t *testing.T, f func(t *testing.T)) {
	for _, p := range []struct {
		name  string
		small int
	}{{"scope", 1 << 30}, {"index", 0}} {
		t.Run(p.name, func(t *testing.T) {
			defer store.SetSearchPlan(p.small)()
			f(t)
		})
	}
}

func TestTicketSearch(t *testing.T) {
	w := newSearchWorld(t)
	forEachPlan(t, func(t *testing.T) {
		for _, c := range []struct {
			user, text string
			want       []string
		}{
			// Words in the subject and in a message; all must match, in
			// one text, whole.
			{"admin", "drucker", []string{"other org", "internal", "printer"}},
			{"admin", "leere seiten", []string{"other org", "printer"}},
			{"admin", "treiber prüfen", []string{"printer"}},
			{"admin", "drucker treiber", nil},
			{"admin", "etiketten", nil},
			{"admin", "etikettendrucker", []string{"printer"}},
			{"admin", "logfile EXPORT", []string{"export"}},
			// Umlauts and accents match with or without them.
			{"admin", "März", []string{"invoice"}},
			{"admin", "marz", []string{"invoice"}},
			{"admin", "grüsse koln", nil},
			{"admin", "grüße köln", []string{"invoice"}},
			{"admin", "cafe", []string{"naive"}},
			{"admin", "creme brulee naive", []string{"naive"}},
			{"admin", "Crème", []string{"naive"}},
			// Agents find internal notes and internal tickets; contacts
			// never, nor another organization's tickets.
			{"admin", "geheimwort", []string{"invoice"}},
			{"agent", "geheimwort", []string{"invoice"}},
			{"agent2", "geheimwort", nil},
			{"a.primary", "geheimwort", nil},
			{"a.colleague", "geheimwort", nil},
			{"a.primary", "drucker", []string{"printer"}},
			{"a.member", "drucker", []string{"printer"}},
			{"b.member", "drucker", []string{"other org"}},
			{"b.admin", "tauschen", nil},
			// A contact reads only the messages it wrote or received,
			// unless it reads all of its organization's.
			{"a.colleague", "treiber", nil},
			{"a.primary", "treiber", []string{"printer"}},
			{"a.member", "treiber", []string{"printer"}},
			{"a.member", "logfile", nil},
			{"a.colleague", "logfile", []string{"export"}},
			// Numbers: a ticket's number and reference numbers exactly,
			// and text.
			{"admin", "PO-4711", []string{"export"}},
			{"a.member", "PO-4711", nil},
			{"admin", "65536", []string{"export"}},
			{"admin", "6553", nil}, // numbers match whole
			// Nothing to match.
			{"admin", "zzzz", nil},
			{"admin", "!!!", nil},
			// Pagination, three at a time, newest first.
			{"admin", "lizenz", []string{"many 6", "many 5", "many 4", "many 3", "many 2", "many 1", "many 0"}},
			{"a.colleague", "lizenz", []string{"many 6", "many 4", "many 3", "many 1", "many 0"}},
			{"a.colleague", "lizenz monatsende", []string{"many 4", "many 1"}}, // a.member wrote the others
			{"b.member", "lizenz", []string{"many 5", "many 2"}},
		} {
			if got := w.search(t, c.user, c.text); !slices.Equal(got, c.want) {
				t.Errorf("%s searches %q: got %q, want %q", c.user, c.text, got, c.want)
			}
		}
		// A ticket number finds that ticket only.
		tk, err := w.st.TicketByID(context.Background(), w.tickets["invoice"])
		if err != nil {
			t.Fatal(err)
		}
		for _, text := range []string{fmt.Sprint(tk.Number), fmt.Sprint("#", tk.Number)} {
			if got := w.search(t, "admin", text); !slices.Equal(got, []string{"invoice"}) {
				t.Errorf("admin searches %q: got %q", text, got)
			}
		}
		if got := w.search(t, "b.member", fmt.Sprint(tk.Number)); got != nil {
			t.Errorf("b.member finds organization A's ticket by its number: %q", got)
		}
	})
}

// TestTicketSearchMatchesWhatUsersRead compares the search with what
// each user may read (authz.Ticket and authz.Message) of every ticket,
// for every word of the texts, on both plans.
func TestTicketSearchMatchesWhatUsersRead(t *testing.T) {
	w := newSearchWorld(t)
	ctx := context.Background()
	type doc struct {
		ticket *model.Ticket
		texts  map[string][]*model.Message // text → its message, nil for the subject
	}
	var docs []doc
	words := map[string]bool{}
	for _, id := range w.tickets {
		tk, err := w.st.TicketByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		msgs, err := w.st.Messages(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		d := doc{ticket: tk, texts: map[string][]*model.Message{tk.Subject: {nil}}}
		for _, m := range msgs {
			d.texts[m.Body] = append(d.texts[m.Body], m)
		}
		for text := range d.texts {
			for _, word := range tokens(text) {
				words[word] = true
			}
		}
		docs = append(docs, d)
	}
	forEachPlan(t, func(t *testing.T) {
		for key, u := range w.Users {
			for word := range words {
				var want []string
				for _, d := range docs {
					if !authz.Ticket(u, d.ticket).See {
						continue
					}
					found := false
					for text, msgs := range d.texts {
						if !slices.ContainsFunc(tokens(text), func(tok string) bool { return tok == word }) {
							continue
						}
						for _, m := range msgs {
							if m == nil || authz.Message(u, d.ticket, m) {
								found = true
							}
						}
					}
					if found {
						want = append(want, fmt.Sprint(d.ticket.ID))
					}
				}
				got := w.search(t, key, word)
				gotIDs := make([]string, len(got))
				for i, name := range got {
					gotIDs[i] = fmt.Sprint(w.tickets[name])
				}
				slices.Sort(gotIDs)
				slices.Sort(want)
				if !slices.Equal(gotIDs, want) {
					t.Errorf("%s searches %q: got tickets %v, want %v", key, word, gotIDs, want)
				}
			}
		}
	})
}

// tokens are the folded words of a text as both indexes see them (for
// the texts of these tests).
func tokens(s string) []string {
	fold := strings.NewReplacer("ä", "a", "ö", "o", "ü", "u", "é", "e", "è", "e", "ê", "e", "ï", "i", "û", "u", "Ä", "a", "Ö", "o", "Ü", "u")
	return strings.FieldsFunc(strings.ToLower(fold.Replace(s)), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// TestTicketSearchFollowsMovedTexts moves a ticket to another
// organization and a message to another ticket: the search finds them
// where they are now, for the contacts of each organization.
func TestTicketSearchFollowsMovedTexts(t *testing.T) {
	w := newSearchWorld(t)
	ctx := context.Background()
	if _, err := w.st.DB().ExecContext(ctx, "UPDATE tickets SET org_id = $1 WHERE id = $2", w.OrgB.ID, w.tickets["export"]); err != nil {
		t.Fatal(err)
	}
	if _, err := w.st.DB().ExecContext(ctx, "UPDATE messages SET ticket_id = $1 WHERE ticket_id = $2 AND body LIKE 'Die Rechnung für%'",
		w.tickets["naive"], w.tickets["invoice"]); err != nil {
		t.Fatal(err)
	}
	forEachPlan(t, func(t *testing.T) {
		for _, c := range []struct {
			user, text string
			want       []string
		}{
			{"a.primary", "excel", nil},
			{"b.primary", "excel", []string{"export"}},
			{"admin", "angekommen", []string{"naive"}},
			{"b.primary", "angekommen", []string{"naive"}},
			{"a.primary", "angekommen", nil},
		} {
			if got := w.search(t, c.user, c.text); !slices.Equal(got, c.want) {
				t.Errorf("%s searches %q: got %q, want %q", c.user, c.text, got, c.want)
			}
		}
	})
}
