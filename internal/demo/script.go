package demo

import (
	"math/rand/v2"
	"time"

	"supportal/internal/model"
)

// script writes the life of a ticket that ends in status final: the
// customer asks; 1st level takes it (and may hand it to 2nd level); support
// replies, asks back or escalates to the technical team; the customer
// answers; support solves it; the ticket is closed by the customer or,
// a week later, by the system.
func script(rng *rand.Rand, p *plan, final model.Category, i int) []step {
	s, ph, lang := p.story, phrases[p.lang], p.lang
	hours := func(lo, hi float64) time.Duration {
		return time.Duration((lo + rng.Float64()*(hi-lo)) * float64(time.Hour))
	}
	customer := model.KindPortal
	if p.channel == model.ChannelEmail {
		customer = model.KindEmailIn
	}
	at := time.Duration(0)
	steps := []step{{at: at, author: p.requester.key, text: customerText(lang, p.requester, fill(s.body, p.org)), kind: customer, file: s.file}}
	if final == model.CategoryNew {
		return steps
	}

	handler, team := "lena", ""
	switch {
	case final == model.CategoryOnHold:
	case i%4 == 1:
		handler, team = "daniel", "2nd level"
	case i%5 == 4:
		handler = "sabine"
	}
	agent := staffByKey(handler)
	reply := func(text string) string { return agentText(lang, p.requester, agent, fill(text, p.org)) }
	note := func() {
		if s.note != "" {
			at += hours(0.5, 20)
			steps = append(steps, step{at: at, author: handler, text: s.note, kind: model.KindNote, internal: true})
		}
	}

	// 1st level triages: takes the ticket, or hands it on.
	at += hours(0.3, 3)
	take := step{at: at, author: "lena", status: model.CategoryOpen, assignee: handler, team: team}
	if final == model.CategoryOpen && i%4 == 3 {
		take.assignee = "" // still in the queue, nobody took it yet
	}
	steps = append(steps, take)

	switch final {
	case model.CategoryOpen:
		at += hours(0.1, 1)
		steps = append(steps, step{at: at, author: handler, text: reply(ph.ack), kind: model.KindEmailOut})
		if i%2 == 0 {
			note()
		}
		return steps
	case model.CategoryOnHold:
		at += hours(0.1, 1)
		steps = append(steps, step{at: at, author: handler, text: reply(ph.ack), kind: model.KindEmailOut})
		note()
		at += hours(1, 4)
		steps = append(steps, step{at: at, author: "lena", team: "Technical", assignee: "daniel"})
		at += hours(1, 30)
		daniel := staffByKey("daniel")
		return append(steps, step{at: at, author: "daniel", text: agentText(lang, p.requester, daniel, ph.onHold),
			kind: model.KindEmailOut, status: model.CategoryOnHold})
	}

	// The rest wait for the customer first.
	wroteNote := i%2 == 0
	if wroteNote {
		note()
	}
	at += hours(0.2, 4)
	steps = append(steps, step{at: at, author: handler, text: reply(s.question), kind: model.KindEmailOut,
		status: model.CategoryWaitingCustomer, reason: s.reason})
	if final == model.CategoryWaitingCustomer {
		return steps
	}
	answerer := p.requester
	if len(p.participants) > 0 && i%2 == 0 {
		answerer = p.participants[0]
	}
	at += hours(3, 40)
	steps = append(steps, step{at: at, author: answerer.key, text: customerText(lang, answerer, fill(s.answer, p.org)),
		kind: customer, file: s.answerFile, status: model.CategoryOpen})
	if !wroteNote {
		note()
	}
	at += hours(2, 30)
	steps = append(steps, step{at: at, author: handler, text: reply(s.solution), kind: model.KindEmailOut, status: model.CategoryResolved})
	if final == model.CategoryResolved {
		return steps
	}
	if i%2 == 0 {
		at += hours(1, 48)
		return append(steps, step{at: at, author: p.requester.key, text: customerText(lang, p.requester, ph.thanks),
			kind: customer, status: model.CategoryClosed})
	}
	at += 7 * 24 * time.Hour // closed by the system after a quiet week
	return append(steps, step{at: at, status: model.CategoryClosed})
}

func staffByKey(key string) person {
	for _, p := range staff {
		if p.key == key {
			return p
		}
	}
	panic("demo: no staff member " + key)
}
